// End to end: the real `rollcall` binary on files written by the test.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace rollcall::testing {
namespace {

TEST(InspectCommand, JsonDescribesAWindows1252SemicolonFile) {
  TempDir dir;
  WriteFile(dir / "eleves.csv",
            "Nom*;Pr\xE9nom*;Date de naissance*;Classe*\r\n"
            "RAISON;Pablo;12/03/2016;CE1 A\r\n"
            "POULAD-MALIN;Herv\xE9;01/09/2015\r\n");
  const CommandResult result = RunRollcall({"inspect", (dir / "eleves.csv").string(), "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["format"], "csv");
  EXPECT_EQ(json["encoding"], "windows-1252");
  EXPECT_EQ(json["delimiter"], ";");
  EXPECT_EQ(json["header"], true);
  EXPECT_EQ(json["columns"], nlohmann::json({"Nom*", "Prénom*", "Date de naissance*", "Classe*"}));
  EXPECT_EQ(json["rows"], 2);
  EXPECT_EQ(json["preview"][1][1], "Hervé");
  ASSERT_EQ(json["diagnostics"].size(), 1u);
  EXPECT_EQ(json["diagnostics"][0]["code"], "ragged_row");
  EXPECT_EQ(json["diagnostics"][0]["severity"], "warning");
  EXPECT_EQ(json["diagnostics"][0]["line"], 3);
}

TEST(InspectCommand, TextOutputIsLocalised) {
  TempDir dir;
  WriteFile(dir / "a.csv", "Nachname;Vorname\nMüller;Hans;x\n");
  const CommandResult result = RunRollcall({"inspect", (dir / "a.csv").string(), "--lang", "de"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Kodierung"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("3 Zellen statt der erwarteten 2"), std::string::npos) << result.out;
}

TEST(InspectCommand, PreviewHoldsTheFirstTenRows) {
  TempDir dir;
  std::string text = "id\n";
  for (int row = 0; row < 25; ++row) text += "x" + std::to_string(row) + "\n";
  WriteFile(dir / "long.csv", text);
  const CommandResult result = RunRollcall({"inspect", (dir / "long.csv").string(), "--json"});
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["rows"], 25);
  EXPECT_EQ(json["preview"].size(), 10u);
}

TEST(InspectCommand, MissingFileExitsThreeWithOneLine) {
  const CommandResult result = RunRollcall({"inspect", "/nonexistent/eleves.csv"});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.err, "rollcall: /nonexistent/eleves.csv: no such file\n");
}

TEST(InspectCommand, HostileWorkbookExitsThree) {
  TempDir dir;
  WriteFile(dir / "fake.xlsx", std::string("PK\x03\x04garbage", 11));
  const CommandResult result = RunRollcall({"inspect", (dir / "fake.xlsx").string()});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.err.rfind("rollcall: ", 0), 0u);
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1);
}

TEST(InspectCommand, UsageErrorsExitTwo) {
  EXPECT_EQ(RunRollcall({"inspect"}).exit_code, 2);
  EXPECT_EQ(RunRollcall({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(RunRollcall({"inspect", "x.csv", "--lang", "xx"}).exit_code, 2);
}

TEST(InspectCommand, OverridesHeaderAndDelimiter) {
  TempDir dir;
  WriteFile(dir / "a.txt", "a|b\nc|d\n");
  const CommandResult result = RunRollcall(
      {"inspect", (dir / "a.txt").string(), "--json", "--header", "no", "--delimiter", "|"});
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["header"], false);
  EXPECT_EQ(json["rows"], 2);
  EXPECT_EQ(json["delimiter"], "|");
}

}  // namespace
}  // namespace rollcall::testing
