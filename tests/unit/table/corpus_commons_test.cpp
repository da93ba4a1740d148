// Apache Commons CSV conformance: every control file CSVFileParser__*.txt of the corpus names a
// data file and the settings Commons CSV's CSVFileParserTest applies to its base format
// (delimiter ',', quote '"'), then lists the records expected as `size:[v1, v2, …]`, the
// output of Arrays.toString() on each record's values. ParseCsv with the equivalent CsvDialect
// must produce exactly these records.
#include <gtest/gtest.h>

#include <optional>
#include <sstream>

#include "table/csv.hpp"
#include "unit/table/corpus_support.hpp"

namespace rollcall::table {
namespace {

using testing::CorpusDir;
using testing::CorpusName;
using testing::FilesIn;

constexpr std::string_view kControlPrefix = "CSVFileParser__";

struct ControlFile {
  std::filesystem::path data_path;
  CsvDialect dialect;
  bool check_comments = false;
  std::vector<std::string> expected_records;  // `size:[values]`, maybe followed by `#comment`
};

// Reads the first line's settings into `control`. Returns false, with a test failure, on a
// setting this test does not know (so that a new one is never silently ignored).
bool ApplySettings(std::istringstream& settings, ControlFile& control) {
  // Commons CSV's base format reads blank lines as records and keeps spaces; quotes count only
  // at the start of a cell, so `, "j"` is the unquoted text ` "j"`.
  control.dialect.skip_blank_lines = false;
  control.dialect.quote_after_spaces = false;
  std::string setting;
  while (settings >> setting) {
    if (setting == "IgnoreEmpty=true" || setting == "IgnoreEmpty=false") {
      control.dialect.skip_blank_lines = setting.ends_with("true");
    } else if (setting == "IgnoreSpaces=true" || setting == "IgnoreSpaces=false") {
      // ignoreSurroundingSpaces drops the spaces before a cell before looking for its quote.
      control.dialect.trim_unquoted_spaces = setting.ends_with("true");
      control.dialect.quote_after_spaces = control.dialect.trim_unquoted_spaces;
    } else if (setting.starts_with("CommentStart=") && setting.size() == 14) {
      control.dialect.comment = setting.back();
    } else if (setting == "CheckComments") {
      control.check_comments = true;
    } else {
      ADD_FAILURE() << "unknown control setting " << setting;
      return false;
    }
  }
  return true;
}

// Parses a control file, or returns nullopt when `path` is not one (its first word does not name
// a CSV file, as in CSVFileParser__README.txt).
std::optional<ControlFile> ReadControlFile(const std::filesystem::path& path) {
  std::istringstream lines(testing::ReadFile(path));
  std::string first_line;
  std::getline(lines, first_line);
  std::istringstream settings(first_line);
  std::string data_name;
  settings >> data_name;
  if (!data_name.ends_with(".csv")) return std::nullopt;
  ControlFile control;
  // The control files name the data file as upstream does; the corpus prefixes it.
  control.data_path = path.parent_path() / (std::string(kControlPrefix) + data_name);
  if (!ApplySettings(settings, control)) return std::nullopt;
  std::string line;
  std::getline(lines, line);  // CSVFormat#toString(), which says nothing the settings do not
  while (std::getline(lines, line)) {
    if (!line.empty() && line[0] != '#') control.expected_records.push_back(line);
  }
  return control;
}

// A record as CSVFileParserTest prints it: its size, then Arrays.toString() of its values.
std::string FormatRecord(const Table& table, std::size_t row_idx) {
  std::string text = std::to_string(table.cell_count(row_idx)) + ":[";
  for (std::size_t column_idx = 0; column_idx < table.cell_count(row_idx); ++column_idx) {
    if (column_idx > 0) text += ", ";
    text += table.Cell(row_idx, column_idx);
  }
  return text + "]";
}

void ExpectRecordsMatch(const ControlFile& control) {
  std::vector<Diagnostic> diagnostics;
  Result<Table> table =
      ParseCsv(testing::ReadFile(control.data_path), control.dialect, Limits{}, diagnostics);
  ASSERT_TRUE(table.has_value()) << table.error().message;
  EXPECT_EQ(table->row_count(), control.expected_records.size());
  const std::size_t common = std::min(table->row_count(), control.expected_records.size());
  for (std::size_t row_idx = 0; row_idx < common; ++row_idx) {
    const std::string actual = FormatRecord(table.value(), row_idx);
    const std::string& expected = control.expected_records[row_idx];
    // With CheckComments the line goes on with `#` and the comment lines that preceded the
    // record; Rollcall skips comments without keeping them, so only the record is compared.
    const bool matches =
        expected == actual || (control.check_comments && expected.starts_with(actual + "#"));
    EXPECT_TRUE(matches) << "record " << row_idx + 1 << " (line " << table->SourceLine(row_idx)
                         << ")\n  expected: " << expected << "\n  actual:   " << actual;
  }
  EXPECT_TRUE(diagnostics.empty()) << ::testing::PrintToString(diagnostics);
}

TEST(CorpusCommons, EveryControlFileMatches) {
  std::size_t checked = 0;
  for (const std::filesystem::path& path : FilesIn(CorpusDir() / "csv-conformance/commons-csv")) {
    const std::string name = path.filename().string();
    if (!name.starts_with(kControlPrefix) || path.extension() != ".txt") continue;
    SCOPED_TRACE(CorpusName(path));
    const std::optional<ControlFile> control = ReadControlFile(path);
    if (!control) continue;
    SCOPED_TRACE("data file " + CorpusName(control->data_path));
    ASSERT_TRUE(std::filesystem::exists(control->data_path));
    ExpectRecordsMatch(*control);
    ++checked;
  }
  // Commons CSV ships 7 control files; fewer means the corpus is missing or misplaced.
  EXPECT_GE(checked, 7u) << "corpus at " << CorpusDir();
}

}  // namespace
}  // namespace rollcall::table
