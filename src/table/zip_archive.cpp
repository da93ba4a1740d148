#include "table/zip_archive.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <limits>

namespace rollcall::table {
namespace {

// Small enough that a sheet is never held whole, large enough that libzip and expat are called
// rarely.
constexpr std::size_t kChunkBytes = std::size_t{64} * 1024;

// Every entry may inflate this much whatever its ratio: tiny entries (an empty sheet, a
// relationships file) legitimately compress far better than 200:1, and this little is harmless.
constexpr std::uint64_t kRatioGraceBytes = 1 << 20;

std::uint64_t SaturatingMultiply(std::uint64_t a, std::uint64_t b) {
  if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a) {
    return std::numeric_limits<std::uint64_t>::max();
  }
  return a * b;
}

// The libzip error held in `error`, as text, releasing it.
std::string TakeErrorText(zip_error_t& error) {
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

ErrorCode OpenFailureCode(int zip_code) {
  return zip_code == ZIP_ER_MEMORY ? ErrorCode::kTooLarge : ErrorCode::kCorrupt;
}

}  // namespace

void ZipArchive::Closer::operator()(zip* archive) const {
  // Read-only: nothing to write back, so discard rather than close.
  zip_discard(archive);
}

ZipArchive::ZipArchive(std::unique_ptr<zip, Closer> archive, std::uint64_t entry_count,
                       std::uint64_t archive_bytes, const Limits& limits)
    : archive_(std::move(archive)),
      entry_count_(entry_count),
      archive_bytes_(archive_bytes),
      limits_(limits) {}

Result<ZipArchive> ZipArchive::Open(std::string_view bytes, const Limits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    const int code = zip_error_code_zip(&error);
    return MakeError(OpenFailureCode(code), "cannot read the zip archive: " + TakeErrorText(error));
  }
  zip_t* raw = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (raw == nullptr) {
    // On failure the source still belongs to us.
    zip_source_free(source);
    const int code = zip_error_code_zip(&error);
    return MakeError(OpenFailureCode(code),
                     "the file is not a readable zip archive (" + TakeErrorText(error) + ")");
  }
  zip_error_fini(&error);
  std::unique_ptr<zip, Closer> archive(raw);
  const zip_int64_t count = zip_get_num_entries(raw, 0);
  if (count < 0) return MakeError(ErrorCode::kCorrupt, "the zip archive has no readable directory");
  if (static_cast<std::uint64_t>(count) > limits.max_archive_entries) {
    return MakeError(ErrorCode::kRefused,
                     fmt::format("the zip archive has {} entries, more than the limit of {}; "
                                 "Rollcall refuses it",
                                 count, limits.max_archive_entries));
  }
  return ZipArchive(std::move(archive), static_cast<std::uint64_t>(count), bytes.size(), limits);
}

std::optional<std::uint64_t> ZipArchive::Find(std::string_view name) const {
  const std::string key(name);
  zip_int64_t index = zip_name_locate(archive_.get(), key.c_str(), 0);
  // Some writers differ in case from the paths their own relationships name.
  if (index < 0) index = zip_name_locate(archive_.get(), key.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::nullopt;
  return static_cast<std::uint64_t>(index);
}

// Refuses, before inflating anything, an entry that is encrypted or that already declares a
// ratio over the limit; sets `compressed_bytes` to the denominator of the ratio check.
Status ZipArchive::CheckEntry(std::uint64_t index, std::uint64_t& compressed_bytes) const {
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive_.get(), index, 0, &stat) != 0) {
    return MakeError(ErrorCode::kCorrupt, "a zip entry has an unreadable header");
  }
  const std::string name = stat.name != nullptr ? stat.name : "?";
  if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && stat.encryption_method != ZIP_EM_NONE) {
    return MakeError(ErrorCode::kUnsupportedFormat,
                     fmt::format("the zip entry '{}' is encrypted", name));
  }
  // A declared compressed size cannot honestly exceed the archive itself.
  compressed_bytes = archive_bytes_;
  if ((stat.valid & ZIP_STAT_COMP_SIZE) != 0) {
    compressed_bytes = std::min<std::uint64_t>(stat.comp_size, archive_bytes_);
  }
  if ((stat.valid & ZIP_STAT_SIZE) != 0) {
    const std::uint64_t allowed = std::max(
        kRatioGraceBytes, SaturatingMultiply(compressed_bytes, limits_.max_compression_ratio));
    if (stat.size > allowed) {
      return MakeError(ErrorCode::kRefused,
                       fmt::format("the zip entry '{}' would expand more than {} times its "
                                   "compressed size; Rollcall refuses it as a possible zip bomb",
                                   name, limits_.max_compression_ratio));
    }
  }
  return {};
}

Status ZipArchive::CountInflated(std::string_view name, std::uint64_t entry_bytes,
                                 std::uint64_t compressed_bytes, std::size_t chunk_bytes) {
  inflated_total_ += chunk_bytes;
  if (inflated_total_ > limits_.max_uncompressed_bytes) {
    return MakeError(ErrorCode::kTooLarge,
                     fmt::format("the zip archive expands to more than {} bytes, the limit",
                                 limits_.max_uncompressed_bytes));
  }
  const std::uint64_t allowed = std::max(
      kRatioGraceBytes, SaturatingMultiply(compressed_bytes, limits_.max_compression_ratio));
  if (entry_bytes > allowed) {
    return MakeError(ErrorCode::kRefused,
                     fmt::format("the zip entry '{}' expands more than {} times its compressed "
                                 "size; Rollcall refuses it as a possible zip bomb",
                                 name, limits_.max_compression_ratio));
  }
  return {};
}

Status ZipArchive::StreamEntry(std::uint64_t index, const ChunkSink& sink) {
  std::uint64_t compressed_bytes = 0;
  if (Status checked = CheckEntry(index, compressed_bytes); !checked) return checked;
  const char* raw_name = zip_get_name(archive_.get(), index, 0);
  const std::string name = raw_name != nullptr ? raw_name : "?";
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen_index(archive_.get(), index, 0),
                                                         &zip_fclose);
  if (file == nullptr) {
    const int code = zip_error_code_zip(zip_get_error(archive_.get()));
    const bool unsupported = code == ZIP_ER_COMPNOTSUPP || code == ZIP_ER_ENCRNOTSUPP ||
                             code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD;
    return MakeError(
        unsupported ? ErrorCode::kUnsupportedFormat : ErrorCode::kCorrupt,
        fmt::format("cannot open the zip entry '{}' ({})", name, zip_strerror(archive_.get())));
  }
  const auto buffer = std::make_unique<char[]>(kChunkBytes);
  std::uint64_t entry_bytes = 0;
  for (;;) {
    const zip_int64_t read = zip_fread(file.get(), buffer.get(), kChunkBytes);
    if (read < 0) {
      return MakeError(ErrorCode::kCorrupt,
                       fmt::format("the zip entry '{}' is damaged ({})", name,
                                   zip_error_strerror(zip_file_get_error(file.get()))));
    }
    if (read == 0) return {};
    const auto chunk_bytes = static_cast<std::size_t>(read);
    entry_bytes += chunk_bytes;
    if (Status counted = CountInflated(name, entry_bytes, compressed_bytes, chunk_bytes);
        !counted) {
      return counted;
    }
    if (Status sunk = sink(std::string_view(buffer.get(), chunk_bytes)); !sunk) return sunk;
  }
}

Result<std::string> ZipArchive::ReadSmallEntry(std::uint64_t index, std::size_t max_bytes) {
  std::string text;
  Status status = StreamEntry(index, [&](std::string_view chunk) -> Status {
    if (text.size() + chunk.size() > max_bytes) {
      return MakeError(
          ErrorCode::kCorrupt,
          fmt::format("a zip entry that should be tiny has more than {} bytes", max_bytes));
    }
    text.append(chunk);
    return {};
  });
  if (!status) return status.error();
  return text;
}

}  // namespace rollcall::table
