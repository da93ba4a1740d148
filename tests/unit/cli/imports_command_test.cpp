// End to end: `rollcall imports` on a temporary SQLite database — a draft listed, shown row by
// row, decided on, applied (exit 4 when stale), cancelled, reported.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace rollcall::testing {
namespace {

class ImportsCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(RunRollcall({"init", "--db", db_}).exit_code, 0);
    ASSERT_EQ(RunRollcall({"org", "add", "0751234A", "École A", "--db", db_}).exit_code, 0);
    WriteFile(dir_ / "eleves.csv",
              "Nom;Prénom;Date de naissance;Classe\nRAISON;Pablo;16/10/2013;CE1\n"
              "MARTIN;Léa;31/02/2014;CE1\n");
  }
  CommandResult Imports(std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), "imports");
    arguments.insert(arguments.end(), {"--db", db_});
    return RunRollcall(arguments);
  }
  // A dry run of the pupils' file; its import id. The file is removed after: the draft owns a
  // copy.
  std::string Draft() {
    const CommandResult result =
        RunRollcall({"import", "--db", db_, "--org", "0751234A", (dir_ / "eleves.csv").string(),
                     "--period", "2026-2027", "--json"});
    EXPECT_EQ(result.exit_code, 1) << result.err;  // 31 February blocks
    std::filesystem::remove(dir_ / "eleves.csv");
    return nlohmann::json::parse(result.out)["import_id"];
  }
  TempDir dir_;
  std::string db_ = "sqlite:" + (dir_ / "t.db").string();
};

TEST_F(ImportsCommandTest, DraftIsListedShownDecidedAndApplied) {
  const std::string id = Draft();
  const auto listed = nlohmann::json::parse(Imports({"--json"}).out);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["import_id"], id);
  EXPECT_EQ(listed[0]["state"], "analyzed");
  EXPECT_EQ(listed[0]["kind"], "users");

  CommandResult shown = Imports({"show", id, "--rows", "--json"});
  EXPECT_EQ(shown.exit_code, 1) << shown.err;
  auto json = nlohmann::json::parse(shown.out);
  ASSERT_EQ(json["rows"].size(), 2u);
  EXPECT_EQ(json["rows"][1]["line"], 3);
  EXPECT_EQ(json["rows"][1]["status"], "error");

  CommandResult decided = Imports(
      {"decide", id, "--edit", "eleves.csv:3:Date de naissance=28/02/2014", "--rows", "--json"});
  ASSERT_EQ(decided.exit_code, 0) << decided.err;
  json = nlohmann::json::parse(decided.out);
  EXPECT_EQ(json["import_id"], id);
  EXPECT_EQ(json["rows"][1]["edits"][0]["before"], "31/02/2014");
  EXPECT_EQ(json["rows"][1]["edits"][0]["after"], "28/02/2014");

  decided = Imports({"decide", id, "--exclude", "1:2", "--json"});
  ASSERT_EQ(decided.exit_code, 0) << decided.err;
  EXPECT_EQ(nlohmann::json::parse(decided.out)["counts"]["create"], 1);

  const CommandResult applied =
      Imports({"apply", id, "--json", "--report", (dir_ / "protocol.csv").string()});
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_EQ(nlohmann::json::parse(applied.out)["state"], "applied");
  EXPECT_NE(ReadFile(dir_ / "protocol.csv").find("MARTIN"), std::string::npos);
  EXPECT_EQ(Imports({"apply", id}).exit_code, 2);  // only a draft can be applied
  EXPECT_EQ(nlohmann::json::parse(Imports({"--state", "applied", "--json"}).out).size(), 1u);
}

TEST_F(ImportsCommandTest, StaleDraftExitsFourThenApplies) {
  const std::string id = Draft();
  ASSERT_EQ(Imports({"decide", id, "--exclude", "eleves.csv:3"}).exit_code, 0);
  WriteFile(dir_ / "profs.csv", "Nom;Prénom\nTOM;Véronique\n");
  ASSERT_EQ(RunRollcall({"import", "--db", db_, "--org", "0751234A",
                         (dir_ / "profs.csv").string() + ":teacher", "--apply"})
                .exit_code,
            0);
  const CommandResult stale = Imports({"apply", id});
  EXPECT_EQ(stale.exit_code, 4) << stale.out << stale.err;
  EXPECT_NE(stale.out.find("nothing was written"), std::string::npos);
  const CommandResult applied = Imports({"apply", id, "--json"});
  EXPECT_EQ(applied.exit_code, 0) << applied.err;
}

TEST_F(ImportsCommandTest, CancelAndPreviewReport) {
  const std::string id = Draft();
  const CommandResult report =
      Imports({"report", id, "--kind", "preview", "--out", (dir_ / "preview.xlsx").string()});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "preview.xlsx"));
  EXPECT_EQ(Imports({"cancel", id}).exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(Imports({"show", id, "--json"}).out)["state"], "cancelled");
  EXPECT_EQ(Imports({"decide", id, "--exclude", "1:2"}).exit_code, 2);
  EXPECT_EQ(Imports({"show", "imp-none"}).exit_code, 3);
  EXPECT_EQ(Imports({"decide", id, "--edit", "nonsense"}).exit_code, 2);
}

TEST_F(ImportsCommandTest, OneShotImportTakesRowDecisions) {
  WriteFile(dir_ / "eleves2.csv",
            "Nom;Prénom;Date de naissance;Classe\nRAISON;Pablo;16/10/2013;CE1\n"
            "MARTIN;Léa;31/02/2014;CE1\n");
  const CommandResult result =
      RunRollcall({"import", "--db", db_, "--org", "0751234A", (dir_ / "eleves2.csv").string(),
                   "--exclude", "eleves2.csv:3", "--apply", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["state"], "applied");
  EXPECT_EQ(json["counts"]["create"], 1);
}

}  // namespace
}  // namespace rollcall::testing
