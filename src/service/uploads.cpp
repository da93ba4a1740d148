#include "service/uploads.hpp"

#include <fmt/format.h>
#include <sodium.h>
#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace rollcall::service {
namespace {

constexpr std::size_t kChunkBytes = 1 << 20;

Result<std::ifstream> OpenSized(const std::filesystem::path& path, std::uint64_t max_bytes,
                                std::uint64_t& size) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return MakeError(ErrorCode::kNotFound, fmt::format("{}: no such file", path.string()));
  }
  size = std::filesystem::file_size(path, error);
  if (error)
    return MakeError(ErrorCode::kIo, fmt::format("{}: {}", path.string(), error.message()));
  if (size > max_bytes) {
    return MakeError(ErrorCode::kTooLarge, fmt::format("{}: {} bytes, more than the limit of {}",
                                                       path.string(), size, max_bytes));
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    return MakeError(ErrorCode::kIo,
                     fmt::format("{}: cannot open ({})", path.string(), std::strerror(errno)));
  }
  return stream;
}

Result<std::string> HashFile(const std::filesystem::path& path, std::uint64_t max_bytes,
                             std::uint64_t& size) {
  Result<std::ifstream> stream = OpenSized(path, max_bytes, size);
  if (!stream) return stream.error();
  if (sodium_init() < 0) return MakeError(ErrorCode::kIo, "libsodium cannot start");
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 32);
  std::string chunk(kChunkBytes, '\0');
  std::uint64_t read_total = 0;
  while (*stream) {
    stream->read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto count = static_cast<std::size_t>(stream->gcount());
    read_total += count;
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(chunk.data()), count);
  }
  if (read_total != size) {
    return MakeError(ErrorCode::kIo, fmt::format("{}: changed while read", path.string()));
  }
  unsigned char digest[32];
  crypto_generichash_final(&state, digest, sizeof digest);
  std::string hash;
  for (unsigned char byte : digest) hash += fmt::format("{:02x}", byte);
  return hash;
}

// A restored file's name: its position and the upload's extension, never a path the upload
// named (a name is hostile input like the rest).
std::string RestoredName(std::size_t file_idx, const std::string& name) {
  std::string extension = std::filesystem::path(name).extension().string();
  const bool plain =
      extension.size() <= 6 &&
      std::all_of(extension.begin() + (extension.empty() ? 0 : 1), extension.end(),
                  [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
  if (!plain) extension.clear();
  return fmt::format("file-{}{}", file_idx + 1, extension);
}

}  // namespace

Result<StoredUpload> StoreUpload(directory::Store& store, const std::filesystem::path& path,
                                 std::uint64_t max_bytes, const std::string& now) {
  StoredUpload upload;
  Result<std::string> hash = HashFile(path, max_bytes, upload.size);
  if (!hash) return hash.error();
  upload.hash = std::move(hash).value();
  Result<std::optional<std::uint64_t>> stored = store.UploadSize(upload.hash);
  if (!stored) return stored.error();
  if (*stored) return upload;
  std::uint64_t size = 0;
  Result<std::ifstream> stream = OpenSized(path, max_bytes, size);
  if (!stream) return stream.error();
  std::string chunk(kChunkBytes, '\0');
  const directory::UploadReader read = [&]() -> Result<std::string_view> {
    stream->read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    if (stream->bad())
      return MakeError(ErrorCode::kIo, fmt::format("{}: read failed", path.string()));
    return std::string_view(chunk.data(), static_cast<std::size_t>(stream->gcount()));
  };
  if (Status saved = store.SaveUpload(upload.hash, read, now); !saved) return saved.error();
  return upload;
}

Status StoreRequestFiles(directory::Store& store, ImportRequest& request, std::uint64_t max_bytes,
                         const std::string& now) {
  for (ImportFile& file : request.files) {
    if (!file.content_hash.empty()) continue;
    Result<StoredUpload> upload = StoreUpload(store, file.path, max_bytes, now);
    if (!upload) return upload.error();
    file.content_hash = upload->hash;
    file.size = upload->size;
    if (file.name.empty()) file.name = file.path.filename().string();
  }
  return {};
}

RestoredFiles& RestoredFiles::operator=(RestoredFiles&& other) noexcept {
  if (this != &other) {
    RestoredFiles dropped(std::move(folder_));
    folder_ = std::move(other.folder_);
    other.folder_.clear();
  }
  return *this;
}

RestoredFiles::~RestoredFiles() {
  if (folder_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(folder_, ignored);
}

Result<RestoredFiles> RestoreRequestFiles(directory::Store& store, ImportRequest& request) {
  std::error_code error;
  std::string pattern =
      (std::filesystem::temp_directory_path(error) / "rollcall-draft-XXXXXX").string();
  if (error || ::mkdtemp(pattern.data()) == nullptr) {
    return MakeError(ErrorCode::kIo, "cannot make a temporary folder for the draft's files");
  }
  RestoredFiles restored{std::filesystem::path(pattern)};
  for (std::size_t file_idx = 0; file_idx < request.files.size(); ++file_idx) {
    ImportFile& file = request.files[file_idx];
    const std::filesystem::path path =
        std::filesystem::path(pattern) / RestoredName(file_idx, file.name);
    std::ofstream out(path, std::ios::binary);
    if (!out) return MakeError(ErrorCode::kIo, fmt::format("{}: cannot write", path.string()));
    Status copied = store.ReadUpload(file.content_hash, [&](std::string_view chunk) -> Status {
      out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      if (!out) return MakeError(ErrorCode::kIo, fmt::format("{}: cannot write", path.string()));
      return {};
    });
    if (!copied) {
      return MakeError(copied.error().code,
                       fmt::format("{}: the stored copy cannot be read: {}", file.DisplayName(),
                                   copied.error().message));
    }
    out.close();
    if (!out) return MakeError(ErrorCode::kIo, fmt::format("{}: cannot write", path.string()));
    file.path = path;
  }
  return restored;
}

}  // namespace rollcall::service
