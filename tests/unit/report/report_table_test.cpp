#include "report/report_table.hpp"

#include <gtest/gtest.h>

#include "files/load.hpp"
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

}  // namespace
}  // namespace rollcall::report
