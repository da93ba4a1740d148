// ReadCsv: decode → sniff the delimiter → parse → tidy the shape → sniff the header.
// ReadDecodedCsv: the same from the second step on.
#include <algorithm>
#include <map>

#include "table/csv.hpp"
#include "text/encoding.hpp"

namespace rollcall::table {
namespace {

constexpr std::size_t kSniffSampleBytes = 64 * 1024;

bool RowEndsWithEmptyCell(const Table& table, std::size_t row_idx, std::size_t width) {
  return table.cell_count(row_idx) == width + 1 && table.Cell(row_idx, width).empty();
}

// The width rows are expected to have: the header's, or the most common one; on a tie the wider,
// since the odd rows of a multi-column file are its one-cell title and comment lines.
std::size_t ExpectedWidth(const Table& table, bool header) {
  if (table.row_count() == 0) return 0;
  if (header) return table.cell_count(0);
  return ModalWidth(table, 0, table.row_count());
}

// A trailing delimiter on every line (some exports end each line with ";") is one empty column
// too many: drop it silently.
void DropTrailingEmptyColumn(Table& table) {
  if (table.row_count() == 0) return;
  const std::size_t width = table.cell_count(0);
  if (width < 2 || !table.Cell(0, width - 1).empty()) return;
  for (std::size_t row_idx = 0; row_idx < table.row_count(); ++row_idx) {
    if (table.cell_count(row_idx) == width && !table.Cell(row_idx, width - 1).empty()) return;
    if (table.cell_count(row_idx) > width) return;
  }
  table.TruncateColumns(width - 1);
}

void ReportRaggedRows(const Table& table, std::size_t width, std::vector<Diagnostic>& diagnostics) {
  for (std::size_t row_idx = 0; row_idx < table.row_count(); ++row_idx) {
    const std::size_t count = table.cell_count(row_idx);
    if (count == width || RowEndsWithEmptyCell(table, row_idx, width)) continue;
    diagnostics.push_back(
        MakeDiagnostic(Severity::kWarning, "ragged_row", table.SourceLine(row_idx))
            .With("kind", count > width ? "too_many_cells" : "too_few_cells")
            .With("expected", std::to_string(width))
            .With("actual", std::to_string(count))
            .Build());
  }
}

}  // namespace

Result<ReadOutcome> ReadCsv(std::string bytes, const ReadOptions& options) {
  return ReadDecodedCsv(text::DecodeToUtf8(std::move(bytes), options.encoding), options);
}

Result<ReadOutcome> ReadDecodedCsv(text::DecodedText decoded, const ReadOptions& options) {
  ReadOutcome outcome;
  outcome.info.format = Format::kCsv;
  outcome.info.encoding = decoded.detection.encoding;
  outcome.diagnostics = std::move(decoded.diagnostics);

  CsvDialect dialect;
  dialect.delimiter = options.delimiter.value_or(0);
  if (dialect.delimiter == 0) {
    std::string_view sample = std::string_view(decoded.utf8).substr(0, kSniffSampleBytes);
    dialect.delimiter = SniffDelimiter(sample, dialect.quote);
  }
  outcome.info.delimiter = dialect.delimiter;

  Result<Table> parsed =
      ParseCsv(std::move(decoded.utf8), dialect, options.limits, outcome.diagnostics);
  if (!parsed) return parsed.error();
  outcome.table = std::move(parsed).value();
  if (options.drop_trailing_empty_column) DropTrailingEmptyColumn(outcome.table);

  outcome.info.header = options.header.value_or(SniffHeader(outcome.table));
  ReportRaggedRows(outcome.table, ExpectedWidth(outcome.table, outcome.info.header),
                   outcome.diagnostics);
  std::stable_sort(outcome.diagnostics.begin(), outcome.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
  return outcome;
}

}  // namespace rollcall::table
