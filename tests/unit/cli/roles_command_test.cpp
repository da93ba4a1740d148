// End to end: `rollcall roles sync|list|add|assign` and `revert` of a role sync, on a temporary
// SQLite file with the role files in a connector folder laid out as the guide describes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace rollcall::testing {
namespace {

using ::testing::HasSubstr;

constexpr const char kRoles[] =
    "Nom,Cours,Catalogue,Spécificateur du champ d’application du catalogue,"
    "Champ d’application des groupes d’utilisateurs Spécificateur,Description\n"
    "Auteur ventes,ÉCRITURE | RAPPORT,COMPLET,Catalogue de vente | Catalogue général,"
    "location=London,Auteurs\n";

class RolesCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(Run({"init"}).exit_code, 0);
    ASSERT_EQ(Run({"org", "add", "0751234A", "École Jean Jaurès"}).exit_code, 0);
    WriteFile(dir_ / "eleves.csv",
              "Nom*;Prénom*;Date de naissance*;Classe*;Mail\r\n"
              "RAISON;Pablo;16/10/2013;CM1;pablo@example.org\r\n"
              "POULAD-MALIN;Hervé;02/01/2014;CM1;herve@example.org\r\n");
    const CommandResult imported = Run({"import", "--org", "0751234A", "--period", "2026-2027",
                                        (dir_ / "eleves.csv").string() + ":student", "--apply"});
    ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
  }
  std::string Db() const { return "sqlite:" + (dir_ / "t.db").string(); }
  CommandResult Run(std::vector<std::string> arguments) const {
    arguments.push_back("--db");
    arguments.push_back(Db());
    return RunRollcall(arguments);
  }
  nlohmann::json RunJson(std::vector<std::string> arguments, int expected_exit = 0) const {
    arguments.push_back("--json");
    const CommandResult result = Run(std::move(arguments));
    EXPECT_EQ(result.exit_code, expected_exit) << result.out << result.err;
    return nlohmann::json::parse(result.out, nullptr, false);
  }
  std::filesystem::path Connector(const std::string& roles, const std::string& user_roles) {
    const std::filesystem::path folder =
        dir_ / "box" / "import" / "user" / "internal" / "user_role";
    std::filesystem::create_directories(folder);
    WriteFile(folder / "role.csv", roles);
    WriteFile(folder / "user_role.csv", user_roles);
    return dir_ / "box";
  }

  TempDir dir_;
};

TEST_F(RolesCommand, SyncDryRunThenApplyThenNothingThenRevert) {
  const std::string box =
      Connector(kRoles, "Id,CustomRole\npablo@example.org,Auteur ventes\n").string();
  nlohmann::json dry = RunJson({"roles", "sync", box});
  EXPECT_EQ(dry["state"], "analyzed");
  EXPECT_EQ(dry["roles"]["create"], 1);
  EXPECT_EQ(dry["assignments"]["create"], 1);
  EXPECT_EQ(RunJson({"roles", "list"}).size(), 0u);

  const std::string report = (dir_ / "roles-report.csv").string();
  nlohmann::json applied = RunJson({"roles", "sync", box, "--apply", "--report", report});
  EXPECT_EQ(applied["state"], "applied");
  EXPECT_EQ(applied["written"], 2);
  EXPECT_THAT(ReadFile(dir_ / "roles-report-role.csv"), HasSubstr("Auteur ventes"));
  EXPECT_THAT(ReadFile(dir_ / "roles-report-user_role.csv"), HasSubstr("pablo.raison"));
  const nlohmann::json roles = RunJson({"roles", "list"});
  ASSERT_EQ(roles.size(), 1u);
  EXPECT_EQ(roles[0]["name"], "Auteur ventes");
  EXPECT_EQ(roles[0]["source"], "roles-csv");
  EXPECT_EQ(roles[0]["access"]["course"], "WRITE|REPORT");
  EXPECT_EQ(roles[0]["holders"], 1);

  EXPECT_EQ(RunJson({"roles", "sync", box, "--apply"})["state"], "unchanged");

  const CommandResult reverted = Run({"revert", applied["import_id"].get<std::string>()});
  EXPECT_EQ(reverted.exit_code, 0) << reverted.out << reverted.err;
  EXPECT_EQ(RunJson({"roles", "list"}).size(), 0u);
}

TEST_F(RolesCommand, HandMadeRolesAndAssignmentsFromTheCommandLine) {
  CommandResult added = Run({"roles", "add", "Direction", "--access", "course=FULL", "--access",
                             "catalog=WRITE|REPORT", "--description", "La direction"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(Run({"roles", "add", "DIRECTION", "--access", "course=FULL"}).exit_code, 2);
  EXPECT_EQ(Run({"roles", "add", "X", "--access", "course=MAYBE"}).exit_code, 2);
  ASSERT_EQ(Run({"roles", "assign", "herve.poulad-malin", "direction"}).exit_code, 0);
  EXPECT_EQ(Run({"roles", "assign", "nobody", "direction"}).exit_code, 3);

  // The file names neither the role nor Hervé: both stay.
  const std::string box =
      Connector(kRoles, "Id,CustomRole\npablo@example.org,Auteur ventes\n").string();
  EXPECT_EQ(RunJson({"roles", "sync", box, "--apply"})["state"], "applied");
  const nlohmann::json roles = RunJson({"roles", "list"});
  ASSERT_EQ(roles.size(), 2u);
  EXPECT_EQ(roles[0]["name"], "Direction");
  EXPECT_EQ(roles[0]["source"], "manual");
  EXPECT_EQ(roles[0]["holders"], 1);
  // A file role is managed by the files: it cannot be given by hand.
  EXPECT_EQ(Run({"roles", "assign", "herve.poulad-malin", "Auteur ventes"}).exit_code, 2);
}

TEST_F(RolesCommand, BlockingDiagnosticsExitOneAndUnusableInputThree) {
  const std::string box =
      Connector(kRoles, "Id,CustomRole\nnobody@example.org,Auteur ventes\n").string();
  const CommandResult blocked = Run({"roles", "sync", box, "--apply", "--lang", "fr"});
  EXPECT_EQ(blocked.exit_code, 1);
  EXPECT_THAT(blocked.out, HasSubstr("aucun utilisateur n'a l'adresse nobody@example.org"));
  EXPECT_EQ(RunJson({"roles", "list"}).size(), 0u);
  EXPECT_EQ(RunJson({"roles", "sync", box, "--apply", "--skip-invalid-rows"})["state"], "applied");
  EXPECT_EQ(Run({"roles", "sync", (dir_ / "absent").string()}).exit_code, 3);
}

}  // namespace
}  // namespace rollcall::testing
