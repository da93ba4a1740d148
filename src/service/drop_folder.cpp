#include "service/drop_folder.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

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

// An open descriptor, closed on destruction.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) close(fd_);
  }
  Descriptor(Descriptor&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Descriptor& operator=(Descriptor&& other) noexcept {
    std::swap(fd_, other.fd_);  // `other` closes what this held
    return *this;
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

constexpr int kFolderFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

// Opens dir/relative one folder at a time with O_NOFOLLOW, creating missing ones when `create`:
// a folder that is a symbolic link anywhere on the way (DIR/archive → /etc) is refused, and a
// link swapped in after a check is not followed either, because nothing is looked up by path.
Result<Descriptor> OpenFolderChain(const fs::path& dir, const fs::path& relative, bool create) {
  Descriptor current(open(dir.c_str(), kFolderFlags));
  if (current.get() < 0) {
    return MakeError(errno == ELOOP ? ErrorCode::kRefused : ErrorCode::kIo,
                     fmt::format("{}: {}", dir.string(), std::strerror(errno)));
  }
  fs::path walked = dir;
  for (const fs::path& part : relative) {
    const std::string name = part.string();
    if (name.empty() || name == ".") continue;
    walked /= part;
    if (name == "..") {
      return MakeError(ErrorCode::kRefused, fmt::format("{}: leaves the folder", walked.string()));
    }
    if (create && mkdirat(current.get(), name.c_str(), 0755) != 0 && errno != EEXIST) {
      return MakeError(ErrorCode::kIo,
                       fmt::format("{}: {}", walked.string(), std::strerror(errno)));
    }
    Descriptor next(openat(current.get(), name.c_str(), kFolderFlags));
    if (next.get() < 0) {
      const bool link = errno == ELOOP || errno == ENOTDIR;
      return MakeError(
          link ? ErrorCode::kRefused : ErrorCode::kIo,
          link ? fmt::format("{} is a symbolic link or not a folder; not followed", walked.string())
               : fmt::format("{}: {}", walked.string(), std::strerror(errno)));
    }
    current = std::move(next);
  }
  return current;
}

// Writes a new file `name` in the open folder, refusing to follow a link planted there.
Status WriteNew(int folder, const std::string& name, std::string_view content) {
  Descriptor out(
      openat(folder, name.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644));
  if (out.get() < 0) return MakeError(ErrorCode::kIo, std::strerror(errno));
  while (!content.empty()) {
    const ssize_t written = write(out.get(), content.data(), content.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return MakeError(ErrorCode::kIo, "cannot write");
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return {};
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
  const fs::path relative = file.lexically_relative(dir);
  const fs::path target = dir / kArchiveFolder / stamp / relative;
  // Every folder on both paths is opened without following links (steps in the header).
  Result<Descriptor> source = OpenFolderChain(dir, relative.parent_path(), false);
  if (!source) return source.error();
  Result<Descriptor> archive =
      OpenFolderChain(dir, fs::path(kArchiveFolder) / stamp / relative.parent_path(), true);
  if (!archive) return archive.error();
  const std::string name = relative.filename().string();
  if (renameat(source->get(), name.c_str(), archive->get(), name.c_str()) != 0) {
    return MakeError(ErrorCode::kIo, fmt::format("cannot move {} to {}: {}", file.string(),
                                                 target.string(), std::strerror(errno)));
  }
  const std::string report_name = target.stem().string() + ".report.csv";
  const fs::path report = target.parent_path() / report_name;
  if (Status written = WriteNew(archive->get(), report_name, report_csv); !written) {
    return MakeError(written.error().code,
                     fmt::format("{}: {}", report.string(), written.error().message));
  }
  return target;
}

}  // namespace rollcall::service
