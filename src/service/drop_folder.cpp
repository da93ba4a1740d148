#include "service/drop_folder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <system_error>

namespace rollcall::service {
namespace {

namespace fs = std::filesystem;

constexpr const char kUserFolder[] = "import/user/internal";
constexpr const char kRoleFolder[] = "import/user/internal/user_role";
constexpr const char kArchiveFolder[] = "archive";

bool IsCsv(const fs::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".csv";
}

// A real directory, not a link to one.
Status CheckDirectory(const fs::path& path, std::string_view what) {
  std::error_code error;
  const fs::file_status status = fs::symlink_status(path, error);
  if (error || !fs::exists(status)) {
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("{} {} does not exist", what, path.string()));
  }
  if (fs::is_symlink(status)) {
    return MakeError(ErrorCode::kRefused,
                     fmt::format("{} {} is a symbolic link; not followed", what, path.string()));
  }
  if (!fs::is_directory(status)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("{} {} is not a folder", what, path.string()));
  }
  return {};
}

// Whether `path` is inside `dir` once both are resolved (no `..` or link escapes).
bool Inside(const fs::path& dir, const fs::path& path) {
  std::error_code error;
  const fs::path root = fs::weakly_canonical(dir, error);
  if (error) return false;
  const fs::path resolved = fs::weakly_canonical(path, error);
  if (error) return false;
  const auto [root_end, unused] =
      std::mismatch(root.begin(), root.end(), resolved.begin(), resolved.end());
  return root_end == root.end();
}

// A regular file of the folder itself (not a link, not a device), or the reason it is not.
std::optional<std::string> RefusalOf(const fs::path& dir, const fs::directory_entry& entry) {
  std::error_code error;
  const fs::file_status status = entry.symlink_status(error);
  if (error) return "cannot be read";
  if (fs::is_symlink(status)) return "is a symbolic link";
  if (!fs::is_regular_file(status)) return "is not a regular file";
  if (!Inside(dir, entry.path())) return "is outside the folder";
  return std::nullopt;
}

std::string Relative(const fs::path& dir, const fs::path& path) {
  return path.lexically_relative(dir).generic_string();
}

}  // namespace

Result<DropFolderContents> ScanDropFolder(const fs::path& dir) {
  if (Status checked = CheckDirectory(dir, "drop folder"); !checked) return checked.error();
  for (const char* folder : {"import", "import/user", kUserFolder}) {
    if (Status checked = CheckDirectory(dir / folder, "drop folder part"); !checked) {
      return checked.error();
    }
  }
  DropFolderContents contents;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir / kUserFolder, error)) {
    if (!IsCsv(entry.path())) continue;
    if (std::optional<std::string> refusal = RefusalOf(dir, entry)) {
      contents.refused.push_back(fmt::format("{}: {}", Relative(dir, entry.path()), *refusal));
      continue;
    }
    contents.user_files.push_back(entry.path());
  }
  if (error) {
    return MakeError(ErrorCode::kIo,
                     fmt::format("{}: {}", (dir / kUserFolder).string(), error.message()));
  }
  std::sort(contents.user_files.begin(), contents.user_files.end());
  if (Status roles = CheckDirectory(dir / kRoleFolder, "role folder"); roles) {
    for (const fs::directory_entry& entry : fs::directory_iterator(dir / kRoleFolder, error)) {
      const std::string name = entry.path().filename().string();
      if (name != "role.csv" && name != "user_role.csv") continue;
      if (std::optional<std::string> refusal = RefusalOf(dir, entry)) {
        contents.refused.push_back(fmt::format("{}: {}", Relative(dir, entry.path()), *refusal));
        continue;
      }
      (name == "role.csv" ? contents.role_file : contents.user_role_file) = entry.path();
    }
  } else if (roles.error().code == ErrorCode::kRefused) {
    contents.refused.push_back(fmt::format("{}: is a symbolic link", kRoleFolder));
  }
  return contents;
}

Result<fs::path> ArchiveProcessed(const fs::path& dir, const fs::path& file,
                                  const std::string& stamp, const std::string& report_csv) {
  if (stamp.empty() || stamp.find_first_of("/\\:.") != std::string::npos) {
    return MakeError(ErrorCode::kInvalidArgument, fmt::format("bad archive stamp '{}'", stamp));
  }
  if (!Inside(dir, file) || fs::is_symlink(fs::symlink_status(file))) {
    return MakeError(ErrorCode::kRefused,
                     fmt::format("{} is not a file of the drop folder", file.string()));
  }
  const fs::path target = dir / kArchiveFolder / stamp / file.lexically_relative(dir);
  std::error_code error;
  fs::create_directories(target.parent_path(), error);
  if (error) {
    return MakeError(ErrorCode::kIo,
                     fmt::format("{}: {}", target.parent_path().string(), error.message()));
  }
  fs::rename(file, target, error);
  if (error) {
    return MakeError(ErrorCode::kIo, fmt::format("cannot move {} to {}: {}", file.string(),
                                                 target.string(), error.message()));
  }
  const fs::path report = target.parent_path() / (target.stem().string() + ".report.csv");
  std::ofstream out(report, std::ios::binary | std::ios::trunc);
  out << report_csv;
  out.close();
  if (!out) return MakeError(ErrorCode::kIo, fmt::format("{}: cannot write", report.string()));
  return target;
}

}  // namespace rollcall::service
