// XLS reading through FreeXL, on a workbook that tests/fixtures/xls/make_xls.pl writes at test
// time with Spreadsheet::WriteExcel (skipped when perl or the module is missing).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "files/load.hpp"
#include "support/test_support.hpp"

namespace rollcall::files {
namespace {

bool PerlCanWriteXls() {
  return std::system("perl -MSpreadsheet::WriteExcel -e 1 >/dev/null 2>&1") == 0;
}

class XlsReader : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!PerlCanWriteXls()) {
      GTEST_SKIP() << "perl with Spreadsheet::WriteExcel (libspreadsheet-writeexcel-perl) is "
                      "needed to write the XLS fixture";
    }
    const auto script = testing::SourceDir() / "tests" / "fixtures" / "xls" / "make_xls.pl";
    const std::string command = "perl '" + script.string() + "' '" + path_.string() + "'";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }

  testing::TempDir directory_;
  const std::filesystem::path path_ = directory_ / "roster.xls";
};

TEST_F(XlsReader, ReadsStringsNumbersDatesAndGaps) {
  const Result<table::ReadOutcome> outcome = ReadXlsFile(path_, table::ReadOptions{});
  ASSERT_TRUE(outcome) << outcome.error().message;
  const table::Table& table = outcome->table;
  ASSERT_EQ(table.row_count(), 4u);  // the formatted blank in row 10 is no data
  EXPECT_EQ(table.RowTexts(0), (std::vector<std::string>{"Nom", "Prénom", "Naissance", "Classe",
                                                         "Note", "Identifiant"}));
  EXPECT_EQ(table.RowTexts(1),
            (std::vector<std::string>{"Müller", "Zoé", "2012-03-04", "CM1", "12.5", "1234567"}));
  EXPECT_EQ(table.RowTexts(2), (std::vector<std::string>{"Ñúñez-Łukasz", "", "", "CM2", "", "42"}));
  EXPECT_EQ(table.RowTexts(3),
            (std::vector<std::string>{"", "", "2011-12-31 08:30:00", "", "-0.25"}));
  EXPECT_EQ(table.SourceLine(3), 4u);
  EXPECT_EQ(outcome->info.format, table::Format::kXls);
  EXPECT_TRUE(outcome->info.header);
  EXPECT_EQ(outcome->info.sheet_names, (std::vector<std::string>{"Élèves", "Enseignants"}));
}

TEST_F(XlsReader, ReadsTheChosenSheet) {
  table::ReadOptions options;
  options.sheet_index = 1;
  const Result<table::ReadOutcome> outcome = ReadXlsFile(path_, options);
  ASSERT_TRUE(outcome) << outcome.error().message;
  ASSERT_EQ(outcome->table.row_count(), 2u);
  EXPECT_EQ(outcome->table.RowTexts(1), (std::vector<std::string>{"Dupré", "dupre@example.org"}));
  EXPECT_EQ(outcome->info.sheet_index, 1u);

  options.sheet_index = 2;
  const Result<table::ReadOutcome> missing = ReadXlsFile(path_, options);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(missing.error().message.find("2 sheet(s)"), std::string::npos);
}

TEST_F(XlsReader, LoadTableRecognisesXls) {
  const Result<table::ReadOutcome> outcome = LoadTable(path_, table::ReadOptions{});
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->info.format, table::Format::kXls);
  EXPECT_EQ(outcome->table.Cell(1, 0), "Müller");
}

TEST_F(XlsReader, EnforcesTheLimits) {
  table::ReadOptions rows;
  rows.limits.max_rows = 3;
  table::ReadOptions cells;
  cells.limits.max_cells = 10;
  for (const table::ReadOptions& options : {rows, cells}) {
    const Result<table::ReadOutcome> outcome = ReadXlsFile(path_, options);
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code, ErrorCode::kTooLarge) << outcome.error().message;
  }
}

TEST_F(XlsReader, ReportsFilesFreeXlCannotRead) {
  const auto garbage = directory_ / "garbage.xls";
  testing::WriteFile(garbage, std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 not really", 19));
  const Result<table::ReadOutcome> corrupt = ReadXlsFile(garbage, table::ReadOptions{});
  ASSERT_FALSE(corrupt);
  EXPECT_EQ(corrupt.error().code, ErrorCode::kCorrupt) << corrupt.error().message;
  EXPECT_NE(corrupt.error().message.find("garbage.xls"), std::string::npos);

  const Result<table::ReadOutcome> missing =
      ReadXlsFile(directory_ / "absent.xls", table::ReadOptions{});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

// A workbook with no sheet at all (the compound file holds a workbook stream of one EOF record)
// is damaged: kCorrupt (exit 3), not the kInvalidArgument of a sheet that was asked for wrongly.
TEST_F(XlsReader, DamagedWorkbookIsCorruptNotAUsageError) {
  std::string bytes = testing::ReadFile(path_);
  bytes.resize(bytes.size() / 3);
  const auto truncated = directory_ / "truncated.xls";
  testing::WriteFile(truncated, bytes);
  const Result<table::ReadOutcome> outcome = ReadXlsFile(truncated, table::ReadOptions{});
  ASSERT_FALSE(outcome);
  EXPECT_NE(outcome.error().code, ErrorCode::kInvalidArgument) << outcome.error().message;
  EXPECT_EQ(outcome.error().code, ErrorCode::kCorrupt) << outcome.error().message;
}

// FreeXL reads out of bounds on mutated workbooks; it runs in the sandboxed rollcall-xls, so
// whatever each mutation does there, this process gets a table or a refusal and goes on.
TEST_F(XlsReader, MutatedWorkbooksNeverCrashTheReadingProcess) {
  const std::string original = testing::ReadFile(path_);
  const auto mutated = directory_ / "mutated.xls";
  std::size_t refused = 0;
  for (std::size_t step = 0; step < 64; ++step) {
    std::string bytes = original;
    // Deterministic mutations spread over the whole file: sizes, sector chains, record lengths.
    const std::size_t at = (step * 7919u) % bytes.size();
    bytes[at] = static_cast<char>(bytes[at] ^ 0xFF);
    bytes[(at + 512) % bytes.size()] = '\xFF';
    testing::WriteFile(mutated, bytes);
    const Result<table::ReadOutcome> outcome = ReadXlsFile(mutated, table::ReadOptions{});
    if (outcome) continue;
    ++refused;
    EXPECT_NE(outcome.error().code, ErrorCode::kInvalidArgument) << outcome.error().message;
    EXPECT_NE(outcome.error().message.find("mutated.xls"), std::string::npos);
  }
  EXPECT_GT(refused, 0u);
}

// A mutated workbook on which FreeXL 1.0.6 segfaults (found by mutating the fixture; kept in
// tests/fuzz/crashes/xls): the helper dies, this process reports a damaged workbook.
TEST(XlsSandbox, FreeXlCrashBecomesARefusal) {
  const auto crash = testing::SourceDir() / "tests" / "fuzz" / "crashes" / "xls" /
                     "freexl-segv-mutated-roster.xls";
  const Result<table::ReadOutcome> outcome = ReadXlsFile(crash, table::ReadOptions{});
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, ErrorCode::kCorrupt) << outcome.error().message;
  EXPECT_NE(outcome.error().message.find("freexl-segv-mutated-roster.xls"), std::string::npos);
}

// What a FreeXL hijacked by a crafted workbook would try next is denied in the helper's sandbox:
// opening another file, the network, starting a process, writing anywhere but the pipe.
TEST(XlsSandbox, DeniesFilesNetworkProcessesAndOtherWrites) {
  const std::string command = std::string(ROLLCALL_XLS_HELPER_FOR_TESTS) + " --probe-sandbox";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char line[256] = {};
  const bool read = std::fgets(line, sizeof line, pipe) != nullptr;
  EXPECT_EQ(pclose(pipe), 0);
  ASSERT_TRUE(read);
  EXPECT_STREQ(line, "open=denied socket=denied fork=denied write=denied\n");
}

}  // namespace
}  // namespace rollcall::files
