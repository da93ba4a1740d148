// LoadTable keeps a text file that needs transcoding from being held twice: a 100 MB Windows-1252
// export read whole and then decoded would briefly take 200 MB before the table even exists.
// Such files are detected and decoded in chunks straight from the file, and the CSV reader gets
// UTF-8 it can take over without a copy. UTF-8 text is read whole and handed over with what
// detection found, so it is not detected a second time; spreadsheets are read whole and handed
// to table::ReadTable().
#include "files/load.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "text/encoding.hpp"

namespace rollcall::files {
namespace {

constexpr std::size_t kChunkBytes = 1 << 20;
// Enough for the zip and OLE2 signatures and an ODS mimetype; which zip it is, when the mimetype
// is not first, table::ReadTable() tells from the whole file.
constexpr std::size_t kFormatHeadBytes = 512;

struct OpenFile {
  std::filesystem::path path;
  std::ifstream stream;
  std::uint64_t size = 0;
};

// Opens `path` after the checks ReadFileBytes() promises, with the same errors.
Result<OpenFile> OpenChecked(const std::filesystem::path& path, std::uint64_t max_bytes) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error || !std::filesystem::exists(status)) {
    return MakeError(ErrorCode::kNotFound, fmt::format("{}: no such file", path.string()));
  }
  if (std::filesystem::is_directory(status)) {
    return MakeError(ErrorCode::kIo, fmt::format("{}: is a directory", path.string()));
  }
  OpenFile file{path, std::ifstream(path, std::ios::binary), 0};
  if (!file.stream) {
    return MakeError(ErrorCode::kIo,
                     fmt::format("{}: cannot open ({})", path.string(), std::strerror(errno)));
  }
  file.size = std::filesystem::file_size(path, error);
  if (error) {
    return MakeError(ErrorCode::kIo, fmt::format("{}: {}", path.string(), error.message()));
  }
  if (file.size > max_bytes) {
    return MakeError(ErrorCode::kTooLarge, fmt::format("{}: {} bytes, more than the limit of {}",
                                                       path.string(), file.size, max_bytes));
  }
  return file;
}

Error ReadFailed(const OpenFile& file) {
  return MakeError(ErrorCode::kIo, fmt::format("{}: read failed", file.path.string()));
}

// Reads the first `count` bytes of the file (fewer if it is shorter).
Result<std::string> ReadHead(OpenFile& file, std::uint64_t count) {
  std::string bytes(std::min(count, file.size), '\0');
  file.stream.clear();
  file.stream.seekg(0);
  file.stream.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (static_cast<std::size_t>(file.stream.gcount()) != bytes.size()) return ReadFailed(file);
  return bytes;
}

// Calls `consume(chunk)` for the whole file, in order, in chunks of kChunkBytes.
template <class Consume>
Status ForEachChunk(OpenFile& file, Consume consume) {
  file.stream.clear();
  file.stream.seekg(0);
  std::string chunk(kChunkBytes, '\0');
  for (std::uint64_t done = 0; done < file.size;) {
    const std::size_t want =
        static_cast<std::size_t>(std::min<std::uint64_t>(kChunkBytes, file.size - done));
    file.stream.read(chunk.data(), static_cast<std::streamsize>(want));
    if (static_cast<std::size_t>(file.stream.gcount()) != want) return ReadFailed(file);
    consume(std::string_view(chunk.data(), want));
    done += want;
  }
  return {};
}

// Decodes the file chunk by chunk, as text::DecodeToUtf8() decodes a buffer with `detection`.
Result<text::DecodedText> DecodeFile(OpenFile& file, const text::Detection& detection) {
  text::DecodedText decoded;
  decoded.detection = detection;
  // As DecodeToUtf8: room for an eighth of growth, reserved (not touched) up front.
  decoded.utf8.reserve(file.size + file.size / 8);
  text::Utf8Decoder decoder(detection);
  const Status status =
      ForEachChunk(file, [&](std::string_view chunk) { decoder.Feed(chunk, decoded.utf8); });
  if (!status) return status.error();
  decoder.Finish(decoded.utf8);
  decoded.diagnostics = decoder.TakeDiagnostics();
  return decoded;
}

// Files whose bytes are their UTF-8 (decoding at most drops a BOM or NUL bytes), so reading them
// whole costs no copy.
bool KeptAsRead(const text::Detection& detection) {
  const bool utf8 =
      detection.encoding == text::Encoding::kUtf8 || detection.encoding == text::Encoding::kUtf8Bom;
  return utf8 && !detection.mixed;
}

Result<table::ReadOutcome> ReadWhole(OpenFile& file, const table::ReadOptions& options) {
  Result<std::string> bytes = ReadHead(file, file.size);
  if (!bytes) return bytes.error();
  return table::ReadTable(std::move(bytes).value(), options);
}

// Steps: 1. detect the encoding over the file (unless it is forced); 2. UTF-8 needs no decoding:
// read it whole and take it over, detected already; 3. otherwise decode the file chunk by chunk;
// 4. read the UTF-8 as table::ReadCsv() would have read the file's bytes.
Result<table::ReadOutcome> LoadCsv(OpenFile& file, const table::ReadOptions& options) {
  text::Detection detection;
  if (options.encoding) {
    detection = text::Detection{*options.encoding};
  } else {
    text::EncodingDetector detector;
    const Status status = ForEachChunk(file, [&](std::string_view chunk) { detector.Feed(chunk); });
    if (!status) return status.error();
    detection = detector.Finish();
    if (KeptAsRead(detection)) {  // 2.
      Result<std::string> bytes = ReadHead(file, file.size);
      if (!bytes) return bytes.error();
      return table::ReadDecodedCsv(text::DecodeDetected(std::move(bytes).value(), detection),
                                   options);  // 4.
    }
  }
  Result<text::DecodedText> decoded = DecodeFile(file, detection);  // 3.
  if (!decoded) return decoded.error();
  return table::ReadDecodedCsv(std::move(decoded).value(), options);  // 4.
}

}  // namespace

Result<std::string> ReadFileBytes(const std::filesystem::path& path, std::uint64_t max_bytes) {
  Result<OpenFile> file = OpenChecked(path, max_bytes);
  if (!file) return file.error();
  return ReadHead(file.value(), file->size);
}

Result<table::ReadOutcome> LoadTable(const std::filesystem::path& path,
                                     const table::ReadOptions& options) {
  Result<OpenFile> file = OpenChecked(path, options.limits.max_input_bytes);
  if (!file) return file.error();
  std::optional<table::Format> format = options.format;
  if (!format) {
    Result<std::string> head = ReadHead(file.value(), kFormatHeadBytes);
    if (!head) return head.error();
    format = table::RecogniseFormat(head.value());
  }
  if (format == table::Format::kXls) return ReadXlsFile(path, options);
  if (format.value_or(table::Format::kCsv) != table::Format::kCsv) {
    return ReadWhole(file.value(), options);
  }
  return LoadCsv(file.value(), options);
}

}  // namespace rollcall::files
