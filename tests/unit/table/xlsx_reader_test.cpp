// XLSX reading: workbooks written at test time by libxlsxwriter (what Excel-compatible tools
// produce), hand-made parts for what libxlsxwriter never writes, and hostile archives.
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <string>

#include "support/test_support.hpp"
#include "table/read.hpp"
#include "unit/table/zip_fixture.hpp"

namespace rollcall::table {
namespace {

using testing::MakeXlsx;
using testing::XlsxParts;

// A workbook being written into a temporary directory; Finish() returns its bytes.
class WorkbookWriter {
 public:
  explicit WorkbookWriter(bool constant_memory = false)
      : path_((directory_ / "book.xlsx").string()) {
    lxw_workbook_options options = {};
    options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
    workbook_ = workbook_new_opt(path_.c_str(), &options);
  }
  ~WorkbookWriter() {
    if (workbook_ != nullptr) workbook_close(workbook_);
  }
  lxw_worksheet* AddSheet(const char* name) { return workbook_add_worksheet(workbook_, name); }
  lxw_format* NumberFormat(const char* code) {
    lxw_format* format = workbook_add_format(workbook_);
    format_set_num_format(format, code);
    return format;
  }
  lxw_format* BuiltinFormat(std::uint8_t index) {
    lxw_format* format = workbook_add_format(workbook_);
    format_set_num_format_index(format, index);
    return format;
  }
  std::string Finish() {
    EXPECT_EQ(workbook_close(workbook_), LXW_NO_ERROR);
    workbook_ = nullptr;
    return testing::ReadFile(path_);
  }

 private:
  testing::TempDir directory_;
  std::string path_;
  lxw_workbook* workbook_ = nullptr;
};

lxw_datetime DateTime(int year, int month, int day, int hour = 0, int minute = 0) {
  return lxw_datetime{year, month, day, hour, minute, 0};
}

// Sheet "Élèves": the values of every kind the reader converts. Sheet "Profs": a second sheet.
std::string RosterWorkbook() {
  WorkbookWriter writer;
  lxw_worksheet* pupils = writer.AddSheet("Élèves");
  const char* header[] = {"Nom", "Prénom", "Naissance", "Inscrit", "Moyenne", "Actif", "Code"};
  for (lxw_col_t column = 0; column < 7; ++column) {
    worksheet_write_string(pupils, 0, column, header[column], nullptr);
  }
  lxw_datetime birth = DateTime(2012, 3, 4), enrolled = DateTime(2011, 12, 31, 8, 30);
  worksheet_write_string(pupils, 1, 0, "Müller-Łukasz", nullptr);
  worksheet_write_string(pupils, 1, 1, "Zoé", nullptr);
  worksheet_write_datetime(pupils, 1, 2, &birth, writer.NumberFormat("dd/mm/yyyy"));
  worksheet_write_datetime(pupils, 1, 3, &enrolled, writer.NumberFormat("yyyy-mm-dd hh:mm"));
  worksheet_write_number(pupils, 1, 4, 12.5, writer.NumberFormat("0.00"));
  worksheet_write_boolean(pupils, 1, 5, 1, nullptr);
  worksheet_write_number(pupils, 1, 6, 1234567, writer.NumberFormat("#,##0"));
  // Row 3: only the first and the sixth cells are filled.
  worksheet_write_string(pupils, 2, 0, "Nguyễn", nullptr);
  worksheet_write_boolean(pupils, 2, 5, 0, nullptr);
  // Row 4: other date formats, a time, a fraction, a formula.
  worksheet_write_datetime(pupils, 3, 2, &birth, writer.BuiltinFormat(14));
  worksheet_write_datetime(pupils, 3, 3, &birth, writer.NumberFormat("[$-40C]d mmmm yyyy"));
  worksheet_write_number(pupils, 3, 4, -0.1, nullptr);
  worksheet_write_formula_num(pupils, 3, 6, "=1+1", nullptr, 2);
  lxw_datetime morning = {1899, 12, 31, 8, 30, 0};
  worksheet_write_datetime(pupils, 3, 1, &morning, writer.NumberFormat("hh:mm"));
  // Formatting alone, far away, is no data.
  worksheet_write_blank(pupils, 40, 30, writer.NumberFormat("dd/mm/yyyy"));

  lxw_worksheet* teachers = writer.AddSheet("Profs");
  worksheet_write_string(teachers, 0, 0, "Nom", nullptr);
  worksheet_write_string(teachers, 1, 0, "Dupré", nullptr);
  return writer.Finish();
}

Result<ReadOutcome> Read(std::string_view bytes, ReadOptions options = {}) {
  return ReadXlsx(bytes, options);
}

TEST(XlsxReader, ReadsStringsNumbersBooleansAndDates) {
  const std::string bytes = RosterWorkbook();
  const Result<ReadOutcome> outcome = Read(bytes);
  ASSERT_TRUE(outcome) << outcome.error().message;
  const Table& table = outcome->table;
  ASSERT_EQ(table.row_count(), 4u);
  EXPECT_EQ(table.RowTexts(0), (std::vector<std::string>{"Nom", "Prénom", "Naissance", "Inscrit",
                                                         "Moyenne", "Actif", "Code"}));
  EXPECT_EQ(table.RowTexts(1),
            (std::vector<std::string>{"Müller-Łukasz", "Zoé", "2012-03-04", "2011-12-31 08:30:00",
                                      "12.5", "TRUE", "1234567"}));
  EXPECT_EQ(table.Cell(3, 2), "2012-03-04");  // built-in format 14
  EXPECT_EQ(table.Cell(3, 3), "2012-03-04");  // a French long date with a locale prefix
  EXPECT_EQ(table.Cell(3, 1), "08:30:00");    // a time of day alone
  EXPECT_EQ(table.Cell(3, 4), "-0.1");
  EXPECT_EQ(table.Cell(3, 6), "2");  // a formula's stored result
  EXPECT_EQ(outcome->info.format, Format::kXlsx);
  EXPECT_EQ(outcome->info.encoding, text::Encoding::kUtf8);
  EXPECT_TRUE(outcome->info.header);
  EXPECT_EQ(outcome->info.sheet_names, (std::vector<std::string>{"Élèves", "Profs"}));
  EXPECT_TRUE(outcome->diagnostics.empty());
}

TEST(XlsxReader, FillsEmptyCellsBetweenFilledOnesAndDropsTrailingOnes) {
  const std::string bytes = RosterWorkbook();
  const Result<ReadOutcome> outcome = Read(bytes);
  ASSERT_TRUE(outcome) << outcome.error().message;
  const Table& table = outcome->table;
  EXPECT_EQ(table.RowTexts(2), (std::vector<std::string>{"Nguyễn", "", "", "", "", "FALSE"}));
  EXPECT_EQ(table.max_cell_count(), 7u);  // the formatted blank at AE41 is not data
  EXPECT_EQ(table.SourceLine(3), 4u);
}

TEST(XlsxReader, ReadsTheChosenSheet) {
  const std::string bytes = RosterWorkbook();
  ReadOptions options;
  options.sheet_index = 1;
  const Result<ReadOutcome> outcome = Read(bytes, options);
  ASSERT_TRUE(outcome) << outcome.error().message;
  ASSERT_EQ(outcome->table.row_count(), 2u);
  EXPECT_EQ(outcome->table.Cell(1, 0), "Dupré");
  EXPECT_EQ(outcome->info.sheet_index, 1u);
}

TEST(XlsxReader, SheetOutOfRangeNamesTheCount) {
  const std::string bytes = RosterWorkbook();
  ReadOptions options;
  options.sheet_index = 2;
  const Result<ReadOutcome> outcome = Read(bytes, options);
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(outcome.error().message.find("2 sheet(s)"), std::string::npos)
      << outcome.error().message;
}

TEST(XlsxReader, SniffsTheHeaderUnlessTold) {
  WorkbookWriter writer;
  lxw_worksheet* sheet = writer.AddSheet("Data");
  lxw_datetime birth = DateTime(2010, 5, 6);
  worksheet_write_string(sheet, 0, 0, "Martin", nullptr);
  worksheet_write_datetime(sheet, 0, 1, &birth, writer.NumberFormat("dd/mm/yyyy"));
  worksheet_write_string(sheet, 1, 0, "Durand", nullptr);
  worksheet_write_datetime(sheet, 1, 1, &birth, writer.NumberFormat("dd/mm/yyyy"));
  const std::string bytes = writer.Finish();

  const Result<ReadOutcome> sniffed = Read(bytes);
  ASSERT_TRUE(sniffed) << sniffed.error().message;
  EXPECT_FALSE(sniffed->info.header);
  EXPECT_EQ(sniffed->data_row_count(), 2u);
  ReadOptions options;
  options.header = true;
  const Result<ReadOutcome> told = Read(bytes, options);
  ASSERT_TRUE(told) << told.error().message;
  EXPECT_TRUE(told->info.header);
  EXPECT_EQ(told->data_row_count(), 1u);
}

TEST(XlsxReader, ReadsRichTextAndAccentedSharedStrings) {
  WorkbookWriter writer;
  lxw_worksheet* sheet = writer.AddSheet("Noms");
  lxw_format* bold = writer.NumberFormat("General");
  format_set_bold(bold);
  lxw_rich_string_tuple first = {bold, const_cast<char*>("Jean-")};
  lxw_rich_string_tuple second = {nullptr, const_cast<char*>("Éric")};
  lxw_rich_string_tuple* runs[] = {&first, &second, nullptr};
  worksheet_write_rich_string(sheet, 0, 0, runs, nullptr);
  worksheet_write_string(sheet, 1, 0, "Ayşe Çelik", nullptr);
  worksheet_write_string(sheet, 2, 0, "Ayşe Çelik", nullptr);  // the same shared string twice
  worksheet_write_string(sheet, 3, 0, "line\r\nbreak", nullptr);
  const std::string bytes = writer.Finish();

  const Result<ReadOutcome> outcome = Read(bytes);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->table.Cell(0, 0), "Jean-Éric");
  EXPECT_EQ(outcome->table.Cell(1, 0), "Ayşe Çelik");
  EXPECT_EQ(outcome->table.Cell(2, 0), "Ayşe Çelik");
  EXPECT_EQ(outcome->table.Cell(3, 0), "line\r\nbreak");  // _x000D_ decoded
}

TEST(XlsxReader, ReadsAHundredThousandRows) {
  constexpr lxw_row_t kRows = 100'000;
  WorkbookWriter writer(/*constant_memory=*/true);  // inline strings, as streaming writers do
  lxw_worksheet* sheet = writer.AddSheet("Big");
  lxw_format* date = writer.NumberFormat("yyyy-mm-dd");
  worksheet_write_string(sheet, 0, 0, "Numéro", nullptr);
  worksheet_write_string(sheet, 0, 1, "Naissance", nullptr);
  lxw_datetime birth = DateTime(2012, 1, 1);
  for (lxw_row_t row = 1; row <= kRows; ++row) {
    worksheet_write_number(sheet, row, 0, row, nullptr);
    worksheet_write_datetime(sheet, row, 1, &birth, date);
  }
  worksheet_write_string(sheet, kRows, 2, "Élève", nullptr);
  const std::string bytes = writer.Finish();

  const Result<ReadOutcome> outcome = Read(bytes);
  ASSERT_TRUE(outcome) << outcome.error().message;
  const Table& table = outcome->table;
  ASSERT_EQ(table.row_count(), kRows + 1);
  EXPECT_EQ(outcome->data_row_count(), kRows);
  EXPECT_EQ(table.Cell(1, 0), "1");
  EXPECT_EQ(table.Cell(50'000, 0), "50000");
  EXPECT_EQ(table.Cell(kRows, 1), "2012-01-01");
  EXPECT_EQ(table.Cell(kRows, 2), "Élève");
  EXPECT_EQ(table.SourceLine(kRows), kRows + 1);
}

TEST(XlsxReader, EnforcesRowColumnAndCellLimits) {
  const std::string bytes = RosterWorkbook();
  ReadOptions rows;
  rows.limits.max_rows = 3;
  ReadOptions columns;
  columns.limits.max_columns = 6;
  ReadOptions cells;
  cells.limits.max_cells = 20;
  for (const ReadOptions& options : {rows, columns, cells}) {
    const Result<ReadOutcome> outcome = Read(bytes, options);
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code, ErrorCode::kTooLarge) << outcome.error().message;
  }
}

}  // namespace
}  // namespace rollcall::table
