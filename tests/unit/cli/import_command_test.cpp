// End to end: `rollcall init`, `org add` and `import` on a temporary SQLite database.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace rollcall::testing {
namespace {

class ImportCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(RunRollcall({"init", "--db", db_}).exit_code, 0);
    ASSERT_EQ(RunRollcall({"org", "add", "0751234A", "École A", "--db", db_}).exit_code, 0);
  }
  CommandResult Import(std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), {"import", "--db", db_, "--org", "0751234A"});
    return RunRollcall(arguments);
  }
  TempDir dir_;
  std::string db_ = "sqlite:" + (dir_ / "t.db").string();
};

TEST_F(ImportCommandTest, DryRunPrintsTheSummaryJsonAndWritesThePreview) {
  WriteFile(dir_ / "eleves.csv",
            "Nom;Prénom;Date de naissance;Classe\nRAISON;Pablo;16/10/2013;CE1\n"
            "=HYPERLINK(\"x\");Zoé;01/02/2014;CE1\n");
  const CommandResult result = Import({(dir_ / "eleves.csv").string(), "--json", "--period",
                                       "2026-2027", "--report", (dir_ / "preview.csv").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["state"], "analyzed");
  EXPECT_EQ(json["counts"]["create"], 2);
  EXPECT_EQ(json["counts"]["enroll"], 2);
  EXPECT_EQ(json["groups"]["create"], nlohmann::json({"CE1"}));
  EXPECT_EQ(json["files"][0]["profile"], "student");
  EXPECT_EQ(json["files"][0]["columns"][2]["field"], "birth_date");
  EXPECT_EQ(json["import_id"].get<std::string>().rfind("imp-", 0), 0u);
  const std::string preview = ReadFile(dir_ / "preview.csv");
  EXPECT_NE(preview.find("Nom;Prénom;Date de naissance;Classe;line;status;operation"),
            std::string::npos);
  EXPECT_NE(preview.find("'=HYPERLINK"), std::string::npos);  // neutralised
  // The same inputs, the same answer, byte for byte.
  EXPECT_EQ(Import({(dir_ / "eleves.csv").string(), "--json", "--period", "2026-2027"}).out,
            result.out);
}

TEST_F(ImportCommandTest, BlockingDiagnosticsExitOne) {
  WriteFile(dir_ / "eleves.csv", "Nom;Prénom;Classe\nRAISON;Pablo;CE1\n");  // no birth date
  const CommandResult result = Import({(dir_ / "eleves.csv").string() + ":student", "--json"});
  EXPECT_EQ(result.exit_code, 1);
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["state"], "blocked");
  EXPECT_EQ(json["diagnostics"]["critical"], 1);
}

TEST_F(ImportCommandTest, UsageAndUnusableInputs) {
  WriteFile(dir_ / "liste.csv", "Nom;Prénom\nA;B\n");
  EXPECT_EQ(Import({(dir_ / "liste.csv").string()}).exit_code, 2);  // which profile?
  EXPECT_EQ(Import({(dir_ / "absent.csv").string() + ":teacher"}).exit_code, 3);
  EXPECT_EQ(RunRollcall({"import", "--db", db_, "--org", "NOPE",
                         (dir_ / "liste.csv").string() + ":teacher"})
                .exit_code,
            3);
  EXPECT_EQ(
      Import({(dir_ / "liste.csv").string() + ":teacher", "--map", "liste.csv:Nom"}).exit_code, 2);
}

TEST_F(ImportCommandTest, MapAndGroupOptions) {
  WriteFile(dir_ / "profs.csv", "Nom;Prénom;Couleur\nTOM;Véronique;CM1\n");
  const CommandResult result =
      Import({(dir_ / "profs.csv").string() + ":teacher", "--json", "--map",
              "profs.csv:Couleur=classes", "--group", "CM1=ignore"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["groups"]["ignored"], nlohmann::json({"CM1"}));
  EXPECT_EQ(json["counts"]["enroll"], 0);
}

}  // namespace
}  // namespace rollcall::testing
