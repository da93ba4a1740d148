#include "files/load.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

namespace rollcall::files {

Result<std::string> ReadFileBytes(const std::filesystem::path& path, std::uint64_t max_bytes) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error || !std::filesystem::exists(status)) {
    return MakeError(ErrorCode::kNotFound, fmt::format("{}: no such file", path.string()));
  }
  if (std::filesystem::is_directory(status)) {
    return MakeError(ErrorCode::kIo, fmt::format("{}: is a directory", path.string()));
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    return MakeError(ErrorCode::kIo,
                     fmt::format("{}: cannot open ({})", path.string(), std::strerror(errno)));
  }
  const std::uint64_t size = std::filesystem::file_size(path, error);
  if (error) {
    return MakeError(ErrorCode::kIo, fmt::format("{}: {}", path.string(), error.message()));
  }
  if (size > max_bytes) {
    return MakeError(ErrorCode::kTooLarge,
                     fmt::format("{}: {} bytes, more than the limit of {}", path.string(), size,
                                 max_bytes));
  }
  std::string bytes(size, '\0');
  stream.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uint64_t>(stream.gcount()) != size) {
    return MakeError(ErrorCode::kIo, fmt::format("{}: read failed", path.string()));
  }
  return bytes;
}

Result<table::ReadOutcome> LoadTable(const std::filesystem::path& path,
                                     const table::ReadOptions& options) {
  Result<std::string> bytes = ReadFileBytes(path, options.limits.max_input_bytes);
  if (!bytes) return bytes.error();
  const std::optional<table::Format> format =
      options.format ? options.format : table::RecogniseFormat(bytes.value());
  if (format == table::Format::kXls) return ReadXlsFile(path, options);
  return table::ReadTable(std::move(bytes).value(), options);
}

}  // namespace rollcall::files
