#include <fmt/format.h>

#include "table/read.hpp"

namespace rollcall::table {

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kCsv:
      return "csv";
    case Format::kXlsx:
      return "xlsx";
    case Format::kOds:
      return "ods";
    case Format::kXls:
      return "xls";
  }
  return "unknown";
}

std::optional<Format> RecogniseFormat(std::string_view bytes) {
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    // ODS stores its MIME type uncompressed as the first entry; anything else zipped is tried
    // as XLSX, whose reader says clearly when it is not.
    if (bytes.substr(0, 200).find("application/vnd.oasis.opendocument.spreadsheet") !=
        std::string_view::npos) {
      return Format::kOds;
    }
    // A zip tool that reordered the entries: an ODS still has content.xml and no xl/ folder.
    // Entry names are stored in the clear in the local headers and the central directory.
    const bool has_content = bytes.find("content.xml") != std::string_view::npos;
    const bool has_workbook = bytes.find("xl/workbook.xml") != std::string_view::npos;
    if (has_content && !has_workbook) return Format::kOds;
    return Format::kXlsx;
  }
  if (bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
    return Format::kXls;
  }
  return std::nullopt;
}

Result<ReadOutcome> ReadTable(std::string bytes, const ReadOptions& options) {
  if (bytes.size() > options.limits.max_input_bytes) {
    return MakeError(ErrorCode::kTooLarge,
                     fmt::format("the file has {} bytes, more than the limit of {}", bytes.size(),
                                 options.limits.max_input_bytes));
  }
  const std::optional<Format> format = options.format ? options.format : RecogniseFormat(bytes);
  switch (format.value_or(Format::kCsv)) {
    case Format::kCsv:
      return ReadCsv(std::move(bytes), options);
    case Format::kXlsx:
      return ReadXlsx(bytes, options);
    case Format::kOds:
      return ReadOds(bytes, options);
    case Format::kXls:
      return MakeError(ErrorCode::kUnsupportedFormat,
                       "an XLS workbook is read from a file on disk, not from memory");
  }
  return MakeError(ErrorCode::kUnsupportedFormat, "unknown format");
}

}  // namespace rollcall::table
