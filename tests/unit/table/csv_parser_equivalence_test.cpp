// ParseCsv must read exactly what the byte-at-a-time parser of commit c03619e read
// (csv_reference_parser.cpp), however it finds the ends of cells: on many random texts made of
// the bytes that matter (delimiters, quotes, spaces, CR, LF, comment marks, NUL, non-ASCII), under
// every dialect switch and under small limits, both give the same cells, source lines,
// diagnostics and errors. The texts are long enough to cross 64-byte boundaries at every offset.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "table/csv.hpp"
#include "unit/table/csv_reference_parser.hpp"

namespace rollcall::table {
namespace {

// One line per fact, so that a failure shows the first difference readably.
std::vector<std::string> Describe(const Result<Table>& table,
                                  const std::vector<Diagnostic>& diagnostics) {
  if (!table) return {"error: " + table.error().message};
  std::vector<std::string> lines;
  for (std::size_t row_idx = 0; row_idx < table->row_count(); ++row_idx) {
    std::string line = std::to_string(table->SourceLine(row_idx)) + ":";
    for (const std::string& cell : table->RowTexts(row_idx)) line += " [" + cell + "]";
    lines.push_back(std::move(line));
  }
  lines.push_back("max " + std::to_string(table->max_cell_count()));
  for (const Diagnostic& diagnostic : diagnostics) {
    lines.push_back(diagnostic.code + "@" + std::to_string(diagnostic.line) + ":" +
                    std::to_string(diagnostic.column));
  }
  return lines;
}

void ExpectSameAsByteByByte(const std::string& text, const CsvDialect& dialect,
                            const Limits& limits) {
  std::vector<Diagnostic> diagnostics, reference_diagnostics;
  const Result<Table> parsed = ParseCsv(text, dialect, limits, diagnostics);
  const Result<Table> reference = ParseCsvByteByByte(text, dialect, limits, reference_diagnostics);
  const std::vector<std::string> got = Describe(parsed, diagnostics);
  const std::vector<std::string> want = Describe(reference, reference_diagnostics);
  if (got == want) return;
  std::size_t line_idx = 0;
  while (line_idx < got.size() && line_idx < want.size() && got[line_idx] == want[line_idx]) {
    ++line_idx;
  }
  ADD_FAILURE() << "delimiter '" << dialect.delimiter << "' comment "
                << (dialect.comment ? std::string(1, *dialect.comment) : "none") << " skip_blank "
                << dialect.skip_blank_lines << " trim " << dialect.trim_unquoted_spaces
                << " quote_after_spaces " << dialect.quote_after_spaces << "\ntext (" << text.size()
                << " bytes): " << ::testing::PrintToString(text) << "\nfirst difference at line "
                << line_idx
                << ":\n  ParseCsv:    " << (line_idx < got.size() ? got[line_idx] : "(end)")
                << "\n  byte by byte: " << (line_idx < want.size() ? want[line_idx] : "(end)");
}

// Text where the bytes that matter are frequent: a few letters, then every separator.
std::string RandomText(std::mt19937& random, std::size_t size) {
  static const std::string kPieces[] = {
      "a",  "b",    "c", "é",  "xyz", ",",    ";", "\t",
      "\"", "\"\"", " ", "\r", "\n",  "\r\n", "#", std::string(1, '\0')};
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kPieces) - 1);
  std::string text;
  while (text.size() < size) text += kPieces[pick(random)];
  return text;
}

CsvDialect RandomDialect(std::mt19937& random) {
  std::bernoulli_distribution coin;
  static const char kDelimiters[] = {',', ';', '\t'};
  CsvDialect dialect;
  dialect.delimiter = kDelimiters[std::uniform_int_distribution<int>(0, 2)(random)];
  if (coin(random)) dialect.comment = '#';
  dialect.skip_blank_lines = coin(random);
  dialect.trim_unquoted_spaces = coin(random);
  dialect.quote_after_spaces = coin(random);
  return dialect;
}

TEST(ParseCsvEquivalence, RandomTextsUnderEveryDialect) {
  std::mt19937 random(2026);
  for (int case_idx = 0; case_idx < 10'000; ++case_idx) {
    const std::size_t size = std::uniform_int_distribution<std::size_t>(0, 300)(random);
    ExpectSameAsByteByByte(RandomText(random, size), RandomDialect(random), Limits{});
    if (HasFailure()) return;
  }
}

TEST(ParseCsvEquivalence, LongTextsCrossManyBlocks) {
  std::mt19937 random(4);
  for (int case_idx = 0; case_idx < 150; ++case_idx) {
    const std::size_t size = std::uniform_int_distribution<std::size_t>(1'000, 20'000)(random);
    ExpectSameAsByteByByte(RandomText(random, size), RandomDialect(random), Limits{});
    if (HasFailure()) return;
  }
}

// The row, column and cell limits stop both parsers at the same place with the same error.
TEST(ParseCsvEquivalence, SmallLimits) {
  std::mt19937 random(7);
  std::uniform_int_distribution<std::uint64_t> small(0, 12);
  for (int case_idx = 0; case_idx < 5'000; ++case_idx) {
    Limits limits;
    limits.max_rows = small(random);
    limits.max_columns = small(random);
    limits.max_cells = small(random) * 4;
    const std::size_t size = std::uniform_int_distribution<std::size_t>(0, 200)(random);
    ExpectSameAsByteByByte(RandomText(random, size), RandomDialect(random), limits);
    if (HasFailure()) return;
  }
}

// A quoted cell whose content ends just before, at and after each block boundary.
TEST(ParseCsvEquivalence, QuotesAndLineEndsAtEveryBlockOffset) {
  for (std::size_t prefix = 0; prefix < 140; ++prefix) {
    for (const char* tail : {"\"x\r\ny\",z\r\n", "\"\"\"\",\"\r", "a\r\n\r\nb", "\"open,\n"}) {
      ExpectSameAsByteByByte(std::string(prefix, 'p') + "," + tail, CsvDialect{}, Limits{});
    }
  }
}

}  // namespace
}  // namespace rollcall::table
