// The roster fixtures of the corpus (SDS, OneRoster, Moodle, Canvas, Mahara, entcore templates)
// read with ReadCsv's defaults, everything sniffed, must give the delimiter, row count and
// encoding that their row in the corpus README states. The expectations come from README.md's
// markdown tables, so a file added to the corpus with its README row is covered without an edit
// here, and a file without a row is reported. The delimiter, which needs no counting convention,
// is checked on every CSV the README describes.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "text/encoding.hpp"
#include "unit/table/corpus_support.hpp"

namespace rollcall::table {
namespace {

using testing::CorpusDir;
using testing::CorpusName;

// README sections (by the folder their heading names) whose files this test checks.
const std::set<std::string> kRosterSections = {"sds/",    "oneroster/", "moodle/",
                                               "canvas/", "mahara/",    "entcore-templates/"};

struct ReadmeRow {
  int readme_line = 0;
  std::string section;                       // the folder its section heading names, e.g. "moodle/"
  std::filesystem::path path;                // resolved against the corpus
  std::map<std::string, std::string> cells;  // by column title: "format", "rows", …

  const std::string& Cell(const std::string& title) const {
    static const std::string kMissing;
    const auto found = cells.find(title);
    return found == cells.end() ? kMissing : found->second;
  }
};

// The cells of a markdown table line, `\|` unescaped. Empty for a line that is not a table row.
std::vector<std::string> SplitTableLine(std::string_view line) {
  std::vector<std::string> cells;
  if (!line.starts_with("|")) return cells;
  std::string cell;
  for (std::size_t position = 1; position < line.size(); ++position) {
    if (line[position] == '\\' && position + 1 < line.size() && line[position + 1] == '|') {
      cell += '|';
      ++position;
    } else if (line[position] == '|') {
      const std::size_t first = cell.find_first_not_of(' ');
      const std::size_t last = cell.find_last_not_of(' ');
      cells.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
      cell.clear();
    } else {
      cell += line[position];
    }
  }
  return cells;
}

// Where a row's file is: in its section's folder, or, when the file column already names the
// folder (the mahara section writes "mahara/…" while its heading announces "other/mahara/"),
// relative to the corpus root.
std::filesystem::path ResolveFile(const std::string& section, const std::string& file) {
  const std::filesystem::path in_section = CorpusDir() / section / file;
  return std::filesystem::exists(in_section) ? in_section : CorpusDir() / file;
}

ReadmeRow MakeRow(int readme_line, const std::string& section,
                  const std::vector<std::string>& titles, const std::vector<std::string>& cells) {
  ReadmeRow row;
  row.readme_line = readme_line;
  row.section = section;
  EXPECT_EQ(cells.size(), titles.size()) << "README.md:" << readme_line << " is malformed";
  for (std::size_t column_idx = 0; column_idx < std::min(cells.size(), titles.size());
       ++column_idx) {
    row.cells[titles[column_idx]] = cells[column_idx];
  }
  row.path = ResolveFile(section, row.Cell("file"));
  return row;
}

// The rows of every README table. A row whose cell holds line breaks (test_header_newline.csv's
// header is quoted verbatim) goes on over the next lines until one ends the row with `|`.
std::vector<ReadmeRow> ReadReadmeRows() {
  std::istringstream readme(testing::ReadFile(CorpusDir() / "README.md"));
  std::vector<ReadmeRow> rows;
  std::string section, row_text, line;
  std::vector<std::string> titles;
  int row_line = 0;
  for (int readme_line = 1; std::getline(readme, line); ++readme_line) {
    if (line.starts_with("## ")) {
      section = line.substr(3, line.find(' ', 3) - 3);
      titles.clear();
      continue;
    }
    if (row_text.empty()) row_line = readme_line;
    row_text += row_text.empty() ? line : "\n" + line;
    if (!row_text.starts_with("|")) {  // prose
      row_text.clear();
      continue;
    }
    if (!row_text.ends_with("|")) continue;  // a cell holding a line break goes on
    std::vector<std::string> cells = SplitTableLine(row_text);
    row_text.clear();
    if (section.empty() || cells.front().starts_with("---")) continue;
    if (titles.empty()) {
      titles = std::move(cells);
    } else {
      rows.push_back(MakeRow(row_line, section, titles, cells));
    }
  }
  EXPECT_TRUE(row_text.empty()) << "README.md:" << row_line << " never ends";
  return rows;
}

std::vector<ReadmeRow> ReadRosterRows() {
  std::vector<ReadmeRow> rows = ReadReadmeRows();
  std::erase_if(rows, [](const ReadmeRow& row) { return !kRosterSections.contains(row.section); });
  return rows;
}

std::optional<char> DelimiterOf(const std::string& format) {
  if (format == "delim=TAB") return '\t';
  if (format.starts_with("delim=") && format.size() == 7) return format.back();
  return std::nullopt;
}

bool IsHeaderless(const ReadmeRow& row) {
  return row.Cell("notable").find("headerless") != std::string::npos ||
         row.Cell("what it is").find("headerless") != std::string::npos;
}

// The encodings the README's `enc` column (and a BOM under `notable`) allow.
std::set<std::string_view> AllowedEncodings(const ReadmeRow& row) {
  const std::string& encoding = row.Cell("enc");
  if (row.Cell("notable").find("UTF-8 BOM") != std::string::npos) return {"utf-8-bom"};
  if (encoding == "ascii" || encoding == "utf-8") return {"utf-8"};
  if (encoding == "Latin-1/CP1252") return {"windows-1252", "iso-8859-15"};
  if (encoding == "UTF-16") return {"utf-16le", "utf-16be"};
  return {};
}

std::string Where(const ReadmeRow& row) {
  return CorpusName(row.path) + " (README.md:" + std::to_string(row.readme_line) + ")";
}

TEST(CorpusReadme, EveryRosterFileHasARowAndEveryRowAFile) {
  const std::vector<ReadmeRow> rows = ReadRosterRows();
  std::set<std::filesystem::path> described;
  for (const ReadmeRow& row : rows) {
    EXPECT_TRUE(std::filesystem::is_regular_file(row.path)) << "no file for " << Where(row);
    described.insert(row.path);
  }
  std::size_t files = 0;
  for (const std::string& section : kRosterSections) {
    for (const std::filesystem::path& path : testing::FilesIn(CorpusDir() / section)) {
      EXPECT_TRUE(described.contains(path)) << CorpusName(path) << " has no README row";
      ++files;
    }
  }
  EXPECT_GT(files, 0u) << "corpus at " << CorpusDir();
}

TEST(CorpusReadme, RosterFilesHaveTheStatedDelimiterAndRows) {
  const std::vector<ReadmeRow> rows = ReadRosterRows();
  ASSERT_FALSE(rows.empty()) << "no README rows under the roster sections";
  for (const ReadmeRow& row : rows) {
    if (!std::filesystem::is_regular_file(row.path)) continue;  // reported by the test above
    SCOPED_TRACE(Where(row));
    const std::optional<char> delimiter = DelimiterOf(row.Cell("format"));
    if (!delimiter) {
      ADD_FAILURE() << "format " << row.Cell("format");
      continue;
    }
    const ReadOutcome outcome = testing::ReadCorpusCsv(row.path);
    EXPECT_EQ(outcome.info.delimiter, *delimiter);
    // `rows` counts data rows under the header, or every record of a headerless file.
    const bool headerless = IsHeaderless(row);
    EXPECT_EQ(outcome.info.header, !headerless);
    const std::size_t rows_read = headerless ? outcome.table.row_count() : outcome.data_row_count();
    EXPECT_EQ(std::to_string(rows_read), row.Cell("rows"));
  }
}

TEST(CorpusReadme, RosterFilesHaveTheStatedEncoding) {
  for (const ReadmeRow& row : ReadRosterRows()) {
    if (!std::filesystem::is_regular_file(row.path)) continue;
    SCOPED_TRACE(Where(row));
    const std::set<std::string_view> allowed = AllowedEncodings(row);
    if (allowed.empty()) {
      ADD_FAILURE() << "enc " << row.Cell("enc");
      continue;
    }
    const ReadOutcome outcome = testing::ReadCorpusCsv(row.path);
    EXPECT_TRUE(allowed.contains(text::EncodingName(outcome.info.encoding)))
        << "read as " << text::EncodingName(outcome.info.encoding) << ", README says "
        << row.Cell("enc") << " / " << row.Cell("notable");
  }
}

// The conformance files count rows by conventions of their own (Python's csv makes a record of
// a blank line), so only their delimiter is checked.
TEST(CorpusReadme, EveryCsvHasTheStatedDelimiter) {
  std::size_t checked = 0;
  for (const ReadmeRow& row : ReadReadmeRows()) {
    const std::optional<char> delimiter = DelimiterOf(row.Cell("format"));
    if (!delimiter || !std::filesystem::is_regular_file(row.path)) continue;
    SCOPED_TRACE(Where(row));
    EXPECT_EQ(testing::ReadCorpusCsv(row.path).info.delimiter, *delimiter);
    ++checked;
  }
  EXPECT_GT(checked, 200u);
}

}  // namespace
}  // namespace rollcall::table
