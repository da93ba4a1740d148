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

TEST(InspectCommand, CorruptXlsExitsThree) {
  TempDir dir;
  // An OLE2 signature and then nothing a workbook holds.
  WriteFile(dir / "eleves.xls",
            std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(4096, 'x'));
  const CommandResult result = RunRollcall({"inspect", (dir / "eleves.xls").string()});
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_NE(result.err.find("eleves.xls"), std::string::npos) << result.err;
}

TEST(InspectCommand, PasswordColumnIsMaskedInTheProfilePreview) {
  TempDir dir;
  WriteFile(dir / "profs.csv", "Nom*;Prénom*;Mot de passe\nMARTIN;Marie;Tr0ub4dor&3xyz\n");
  for (const bool json : {false, true}) {
    std::vector<std::string> arguments = {"inspect", (dir / "profs.csv").string(), "--profile",
                                          "teacher"};
    if (json) arguments.push_back("--json");
    const CommandResult result = RunRollcall(arguments);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out.find("Tr0ub4dor"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("********"), std::string::npos) << result.out;
  }
}

// A cell made of terminal escapes (clear screen, bell) and a 1 MB value: inspect shows the
// escapes as text and a bounded prefix of the value.
TEST(InspectCommand, ControlCharactersAreEscapedAndLongValuesCut) {
  TempDir dir;
  WriteFile(dir / "a.csv", "Nom;Prénom\nX\x1B[2J\x07;" + std::string(1 << 20, 'y') + "\n");
  const CommandResult result = RunRollcall({"inspect", (dir / "a.csv").string()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.find('\x1B'), std::string::npos);
  EXPECT_EQ(result.out.find('\x07'), std::string::npos);
  EXPECT_NE(result.out.find("X\\x1b[2J\\x07"), std::string::npos) << result.out;
  EXPECT_LT(result.out.size(), 10'000u);
  const CommandResult json = RunRollcall({"inspect", (dir / "a.csv").string(), "--json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_LT(json.out.size(), 10'000u);
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

namespace rollcall::testing {
namespace {

TEST(InspectCommand, ProfileAddsFieldAndConfidencePerColumn) {
  TempDir dir;
  WriteFile(dir / "eleves.csv",
            "Nom;Prenom;Date de naissance;Couleur\nDUPONT;Jean;31/02/2015;bleu\n");
  const CommandResult result =
      RunRollcall({"inspect", (dir / "eleves.csv").string(), "--profile", "eleves", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["profile"], "student");
  EXPECT_EQ(json["columns"][0]["field"], "last_name");
  EXPECT_EQ(json["columns"][0]["confidence"], 1.0);
  EXPECT_EQ(json["columns"][1]["field"], "first_name");
  EXPECT_EQ(json["columns"][1]["confidence"], 0.95);
  EXPECT_EQ(json["columns"][3]["field"], "ignore");
  std::vector<std::string> codes;
  for (const auto& diagnostic : json["diagnostics"]) codes.push_back(diagnostic["code"]);
  EXPECT_EQ(codes, (std::vector<std::string>{"uncertain_column_match", "unmapped_column",
                                             "invalid_date"}));
}

TEST(InspectCommand, MapOverridesAColumn) {
  TempDir dir;
  WriteFile(dir / "profs.csv", "Nom;Prénom;Couleur\nDURAND;Annie;CM1\n");
  const CommandResult result = RunRollcall({"inspect", (dir / "profs.csv").string(), "--profile",
                                            "teacher", "--json", "--map", "Couleur=classes"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(nlohmann::json::parse(result.out)["columns"][2]["field"], "classes");
  EXPECT_EQ(RunRollcall({"inspect", (dir / "profs.csv").string(), "--profile", "teacher", "--map",
                         "Absent=classes"})
                .exit_code,
            2);
}

TEST(InspectCommand, UnknownProfileIsAUsageError) {
  TempDir dir;
  WriteFile(dir / "a.csv", "a\n");
  const CommandResult result =
      RunRollcall({"inspect", (dir / "a.csv").string(), "--profile", "martian"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("unknown profile 'martian'"), std::string::npos);
}

TEST(TemplateCommand, CsvToStdoutAndXlsxToFile) {
  const CommandResult csv = RunRollcall({"template", "teacher", "--lang", "de"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("\xEF\xBB\xBFReferenz-ID;Geschlecht;Nachname*;Vorname*", 0), 0u)
      << csv.out;
  TempDir dir;
  const CommandResult xlsx = RunRollcall(
      {"template", "guardian", "--format", "xlsx", "--out", (dir / "parents.xlsx").string()});
  ASSERT_EQ(xlsx.exit_code, 0) << xlsx.err;
  EXPECT_TRUE(std::filesystem::exists(dir / "parents.xlsx"));
}

TEST(TemplateCommand, DeploymentFileChangesTheColumns) {
  TempDir dir;
  WriteFile(dir / "rollcall.toml", "[templates.student]\nshow = [\"last_name\", \"first_name\"]\n");
  const CommandResult result = RunRollcall(
      {"template", "student", "--lang", "en", "--config", (dir / "rollcall.toml").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "Last name*,First name*,Birth date*\r\n");
  WriteFile(dir / "bad.toml", "[templates.student]\nshow = [\"shoe_size\"]\n");
  EXPECT_EQ(RunRollcall({"template", "student", "--config", (dir / "bad.toml").string()}).exit_code,
            2);
}

}  // namespace
}  // namespace rollcall::testing
