#include "report/report_table.hpp"

#include <gtest/gtest.h>

#include "files/load.hpp"
#include "report/letters.hpp"
#include "support/test_support.hpp"

namespace rollcall::report {
namespace {

TEST(NeutraliseFormula, DangerousFirstCharactersBecomeText) {
  EXPECT_EQ(NeutraliseFormula("=HYPERLINK(\"http://x\",\"clic\")"),
            "'=HYPERLINK(\"http://x\",\"clic\")");
  EXPECT_EQ(NeutraliseFormula("+1"), "'+1");
  EXPECT_EQ(NeutraliseFormula("-2"), "'-2");
  EXPECT_EQ(NeutraliseFormula("@SUM(A1:A2)"), "'@SUM(A1:A2)");
  EXPECT_EQ(NeutraliseFormula("\tx"), "'\tx");
  EXPECT_EQ(NeutraliseFormula("\rx"), "'\rx");
  EXPECT_EQ(NeutraliseFormula("Jean-Pierre"), "Jean-Pierre");
  EXPECT_EQ(NeutraliseFormula(""), "");
}

TEST(ToCsv, QuotesAndNeutralises) {
  ReportTable table;
  table.header = {"Nom", "Message"};
  table.rows = {{"=1+1", "dit \"bonjour\"; ok"}};
  EXPECT_EQ(ToCsv(table), "\xEF\xBB\xBFNom;Message\r\n'=1+1;\"dit \"\"bonjour\"\"; ok\"\r\n");
}

TEST(WriteReport, XlsxHoldsNeutralisedText) {
  testing::TempDir dir;
  ReportTable table;
  table.header = {"Nom", "Ligne"};
  table.rows = {{"=HYPERLINK(\"http://x\")", "2"}, {"@SUM(A1)", "3"}};
  ASSERT_TRUE(WriteReport(dir / "r.xlsx", table).has_value());
  table::ReadOptions options;
  options.header = true;
  Result<table::ReadOutcome> read = files::LoadTable(dir / "r.xlsx", options);
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(read->table.Cell(1, 0), "'=HYPERLINK(\"http://x\")");
  EXPECT_EQ(read->table.Cell(2, 0), "'@SUM(A1)");
}

// libxlsxwriter silently dropped a cell over 32,767 characters: it is cut and marked instead.
TEST(WriteReport, XlsxCutsOverlongCellsInsteadOfDroppingThem) {
  testing::TempDir dir;
  ReportTable table;
  table.header = {"Nom", "Ligne"};
  table.rows = {{std::string(40'000, 'x'), "2"}};
  ASSERT_TRUE(WriteReport(dir / "r.xlsx", table).has_value());
  table::ReadOptions options;
  options.header = true;
  Result<table::ReadOutcome> read = files::LoadTable(dir / "r.xlsx", options);
  ASSERT_TRUE(read.has_value()) << read.error().message;
  const std::string_view cell = read->table.Cell(1, 0);
  EXPECT_GT(cell.size(), 30'000u);
  EXPECT_LE(cell.size(), 32'767u);
  EXPECT_TRUE(cell.ends_with("\xE2\x80\xA6"));
  EXPECT_EQ(read->table.Cell(1, 1), "2");
}

// Protocols and letters hold initial credentials: they were written 0644 (readable by every
// local user). New or overwritten, CSV, XLSX or HTML, they are now 0600.
TEST(WriteReport, ProtocolAndLettersAreWrittenOwnerOnly) {
  testing::TempDir dir;
  ReportTable table;
  table.header = {"login", "initial_credential"};
  table.rows = {{"pablo.raison", "s3cret-s3cret"}};
  const auto mode = [](const std::filesystem::path& path) {
    return std::filesystem::status(path).permissions() & std::filesystem::perms::all;
  };
  for (const std::string name : {"protocol.csv", "protocol.xlsx", "letters.html"}) {
    const std::filesystem::path path = dir / name;
    testing::WriteFile(path, "old");
    std::filesystem::permissions(
        path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                  std::filesystem::perms::group_read | std::filesystem::perms::others_read);
    const Status written = name == "letters.html"
                               ? WriteCredentialLetters(path, {Letter{}}, LetterOptions{})
                               : WriteReport(path, table);
    ASSERT_TRUE(written) << written.error().message;
    EXPECT_EQ(mode(path), std::filesystem::perms::owner_read | std::filesystem::perms::owner_write)
        << name;
    EXPECT_NE(testing::ReadFile(path), "old");
  }
}

}  // namespace
}  // namespace rollcall::report
