// Reading a roster file's bytes into a Table, whatever tool wrote it.
//
// ReadTable() recognises the format from the bytes (zip → XLSX or ODS, otherwise text → CSV),
// and for text sniffs encoding, delimiter and header unless the caller set them. XLS needs a file
// path (FreeXL reads only from disk), so it is handled by the `files` module, not here.
//
// Two kinds of trouble, kept apart:
//  * the bytes are not a usable table at all (hostile archive, corrupt zip, unsupported format):
//    the Result holds an Error with a one-line reason;
//  * the table is usable but has problems (ragged rows, invalid bytes, NUL bytes): reading goes
//    on and ReadOutcome::diagnostics lists them with their line numbers.
//
// Pure: no file system, no global state. Thread-safe (no shared state between calls).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.hpp"
#include "base/result.hpp"
#include "table/table.hpp"
#include "text/encoding.hpp"

namespace rollcall::table {

enum class Format { kCsv, kXlsx, kOds, kXls };
std::string_view FormatName(Format format);

// Hard limits against hostile or runaway input. Exceeding one is an Error (kTooLarge or kRefused),
// never a partial table.
struct Limits {
  std::uint64_t max_input_bytes = 2ull << 30;         // the file itself
  std::uint64_t max_archive_entries = 10'000;         // zip entries in XLSX/ODS
  std::uint64_t max_uncompressed_bytes = 1ull << 30;  // sum over the zip entries read
  std::uint64_t max_compression_ratio = 200;          // per entry, uncompressed / compressed
  std::uint64_t max_rows = 5'000'000;                 // rows kept, after trailing blanks
  std::uint64_t max_columns = 16'384;                 // cells in one row
  std::uint64_t max_cells = 100'000'000;              // cells in the whole table
};

struct ReadOptions {
  std::optional<Format> format;            // unset: recognised from the bytes
  std::optional<text::Encoding> encoding;  // CSV only; unset: sniffed
  std::optional<char> delimiter;           // CSV only; unset: sniffed among , ; tab |
  std::optional<bool> header;              // unset: sniffed
  std::size_t sheet_index = 0;             // spreadsheets: 0 = first sheet
  Limits limits;
  // CSV only: a delimiter ending every line is one empty column too many and is dropped. Files
  // whose fields sit at fixed positions (action files) turn this off: there the last field counts.
  bool drop_trailing_empty_column = true;
};

struct TableInfo {
  Format format = Format::kCsv;
  text::Encoding encoding = text::Encoding::kUtf8;  // spreadsheets: always UTF-8 (XML) or as stored
  char delimiter = 0;                               // CSV only
  bool header = true;                               // row 0 of the table is a header row
  std::size_t sheet_index = 0;
  std::vector<std::string> sheet_names;  // spreadsheets: every sheet, in order
};

struct ReadOutcome {
  Table table;
  TableInfo info;
  std::vector<Diagnostic> diagnostics;

  // Rows without the header row.
  std::size_t data_row_count() const {
    return table.row_count() - (info.header && table.row_count() > 0 ? 1 : 0);
  }
  std::size_t first_data_row() const { return info.header && table.row_count() > 0 ? 1 : 0; }
};

// Reads any supported format from memory. Takes the bytes by value: a CSV that is already UTF-8
// becomes the table's buffer without a copy.
Result<ReadOutcome> ReadTable(std::string bytes, const ReadOptions& options);

// The format the bytes look like, or nullopt when they are text (CSV/TXT).
std::optional<Format> RecogniseFormat(std::string_view bytes);

// Per-format entry points, used by ReadTable and by tests.
Result<ReadOutcome> ReadCsv(std::string bytes, const ReadOptions& options);
// The CSV path after decoding, for a caller that decoded the bytes itself (files::LoadTable
// decodes as it reads): gives what ReadCsv gives for the original bytes, with the encoding and
// decoding diagnostics `decoded` carries. options.encoding is not looked at.
Result<ReadOutcome> ReadDecodedCsv(text::DecodedText decoded, const ReadOptions& options);
Result<ReadOutcome> ReadXlsx(std::string_view bytes, const ReadOptions& options);
Result<ReadOutcome> ReadOds(std::string_view bytes, const ReadOptions& options);

}  // namespace rollcall::table
