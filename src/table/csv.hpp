// CSV/TXT parsing in three phases, each a free function (DuckDB's sniffer, without shared state):
//   SniffDelimiter(sample) → the delimiter;  ParseCsv(text, dialect) → Table;  SniffHeader(table).
//
// The parser accepts RFC 4180 and what spreadsheets really write: quoted fields holding delimiters,
// doubled quotes and line breaks (a record's line is that of its first physical line), spaces
// around quoted fields, CRLF, LF or lone CR line ends. Problems become diagnostics, never
// failures: an unterminated quote keeps its text and reports the line; a quote inside an unquoted
// field is kept as text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.hpp"
#include "base/result.hpp"
#include "table/read.hpp"
#include "table/table.hpp"

namespace rollcall::table {

struct CsvDialect {
  char delimiter = ',';
  char quote = '"';
  std::optional<char> comment;        // a record starting with it is skipped to the end of line
  bool skip_blank_lines = true;       // an empty physical line is no record
  bool trim_unquoted_spaces = false;  // strip spaces and tabs around unquoted cells
  bool quote_after_spaces = true;     // `a, "b,c"` reads as a and `b,c`
};

// The delimiters Rollcall sniffs among, in order of preference on a tie.
inline constexpr char kDelimiterCandidates[] = {',', ';', '\t', '|'};

// Chooses the candidate that splits the sample's records into the most consistent number of
// cells (more than one). Quote-aware. Returns ',' when no candidate splits anything.
char SniffDelimiter(std::string_view sample, char quote = '"');

// Parses `utf8` (moved into the table: cells point into it). Fails only on a limit.
Result<Table> ParseCsv(std::string utf8, const CsvDialect& dialect, const Limits& limits,
                       std::vector<Diagnostic>& diagnostics);

// True when row 0 reads as a header: it is not a lone cell above wider rows (a title or a
// comment line), no cell of it looks like a value (a date, a number, an e-mail address), and
// either one of its cells names a column that mostly holds values below it or none of its cells
// repeats further down its column.
bool SniffHeader(const Table& table);

// The most common cell count of rows [begin_row, end_row), the wider one on a tie (a header or
// comment line is often the odd one out); 0 when the range is empty.
std::size_t ModalWidth(const Table& table, std::size_t begin_row, std::size_t end_row);

// Shared by the sniffers and, later, by the record validators.
bool LooksLikeDate(std::string_view text);
bool LooksLikeNumber(std::string_view text);
bool LooksLikeEmail(std::string_view text);

}  // namespace rollcall::table
