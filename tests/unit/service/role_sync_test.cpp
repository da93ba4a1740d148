// Role-file syncs end to end on a temporary SQLite file (issue 6, seed 004): the guide's example
// synced from files, ownership rules through the store, a re-sync that writes nothing, revert to
// the exact previous state, and the per-line report.
#include "service/role_sync.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "apply/revert.hpp"
#include "service/custom_roles.hpp"
#include "store/open_store.hpp"
#include "support/test_support.hpp"

namespace rollcall::service {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr const char kRoleHeader[] =
    "Nom,Cours,Catalogue,Plan d’apprentissage,Spécificateur du champ d’application du "
    "catalogue,Champ d’application des groupes d’utilisateurs Spécificateur,Description\n";
constexpr const char kSales[] =
    "Auteur ventes,ÉCRITURE | RAPPORT,COMPLET,AUCUN,Catalogue de vente | Catalogue général,"
    "location=London,Accès complet à l’auteur aux Objets d’apprentissage dans le catalogue de "
    "vente\n";
constexpr const char kReviewer[] = "Relecteur,RAPPORT,AUCUN,AUCUN,FULL,FULL,\n";

class RoleSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<directory::Store>> opened = store::OpenStore("sqlite:" + DbPath());
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->Migrate().has_value());
    auto transaction = std::move(store_->Begin()).value();
    for (const auto& [login, email] : {std::pair{"anna.weber", "anna.weber@example.org"},
                                       std::pair{"paul.martin", "Paul.Martin@example.org"},
                                       std::pair{"lea.roux", "lea.roux@example.org"}}) {
      directory::Account account;
      account.login = login;
      account.last_name = login;
      account.first_name = login;
      account.SetAttribute("email", email);
      account.created_at = account.updated_at = "2026-09-01T08:00:00Z";
      ASSERT_TRUE(transaction->InsertAccount(account).has_value());
    }
    ASSERT_TRUE(transaction->Commit().has_value());
  }

  std::string DbPath() const { return (dir_ / "rollcall.db").string(); }

  // Writes the files (nullopt: absent) and syncs them.
  RoleSyncOutcome Sync(const std::optional<std::string>& roles,
                       const std::optional<std::string>& user_roles, bool apply = true) {
    std::optional<std::filesystem::path> role_csv, user_role_csv;
    if (roles) {
      role_csv = dir_ / "role.csv";
      testing::WriteFile(*role_csv, kRoleHeader + *roles);
    }
    if (user_roles) {
      user_role_csv = dir_ / "user_role.csv";
      testing::WriteFile(*user_role_csv, "Id,CustomRole\n" + *user_roles);
    }
    clock_.now = fmt::format("2026-11-21T10:00:{:02}Z", ++syncs_);
    Result<RoleSyncOutcome> outcome =
        SyncRoleFiles(*store_, role_csv, user_role_csv, RoleSyncOptions{apply, false, clock_});
    EXPECT_TRUE(outcome.has_value()) << outcome.error().message;
    return outcome ? std::move(outcome).value() : RoleSyncOutcome{};
  }

  // Every role and assignment, in key order: two equal dumps are two equal role tables.
  std::string Dump() const {
    return testing::QueryOne(DbPath(),
                             "SELECT (SELECT group_concat(x, ';') FROM (SELECT id || '|' || name "
                             "|| '|' || access_json || '|' || catalogs_json || '|' || "
                             "user_group_scope || '|' || source || '|' || updated_at AS x FROM "
                             "custom_role ORDER BY id)) || ' / ' || (SELECT group_concat(y, ';') "
                             "FROM (SELECT account_id || '>' || role_id || '|' || source AS y "
                             "FROM role_assignment ORDER BY account_id))");
  }

  // "login>role (source)" for every assignment, by login.
  std::vector<std::string> Holders() const {
    const std::string rows = testing::QueryOne(
        DbPath(),
        "SELECT group_concat(x, ';') FROM (SELECT a.login || '>' || r.name || ' (' || s.source "
        "|| ')' AS x FROM role_assignment s JOIN account a ON a.id = s.account_id JOIN "
        "custom_role r ON r.id = s.role_id ORDER BY a.login)");
    std::vector<std::string> holders;
    std::size_t start = 0;
    while (!rows.empty() && start <= rows.size()) {
      const std::size_t end = std::min(rows.find(';', start), rows.size());
      holders.push_back(rows.substr(start, end - start));
      start = end + 1;
    }
    return holders;
  }

  std::vector<std::string> RoleNames() const {
    std::vector<std::string> names;
    const std::vector<directory::CustomRole> roles = *store_->ListCustomRoles();
    for (const directory::CustomRole& role : roles) {
      names.push_back(role.name + " (" + role.source + ")");
    }
    return names;
  }

  testing::TempDir dir_;
  std::unique_ptr<directory::Store> store_;
  Clock clock_{"2026-11-21", "2026-11-21T10:00:00Z"};
  int syncs_ = 0;
};

TEST_F(RoleSyncTest, GuideExampleSyncs) {
  const RoleSyncOutcome outcome =
      Sync(kSales, "anna.weber@example.org,Auteur ventes\nPAUL.MARTIN@example.org,auteur ventes\n");
  EXPECT_EQ(outcome.State(true), "applied");
  EXPECT_EQ(outcome.changes_written, 3u);
  EXPECT_THAT(outcome.import_id, HasSubstr("roles-"));
  const std::vector<directory::CustomRole> roles = *store_->ListCustomRoles();
  ASSERT_EQ(roles.size(), 1u);
  EXPECT_EQ(roles[0].name, "Auteur ventes");
  EXPECT_EQ(roles[0].source, "roles-csv");
  EXPECT_THAT(roles[0].access, ElementsAre(directory::RoleAccess{"catalog", "FULL"},
                                           directory::RoleAccess{"course", "WRITE|REPORT"},
                                           directory::RoleAccess{"learning_plan", "NONE"}));
  EXPECT_THAT(roles[0].catalogs, ElementsAre("Catalogue de vente", "Catalogue général"));
  EXPECT_EQ(roles[0].user_group_name + "=" + roles[0].user_group_value, "location=London");
  EXPECT_THAT(Holders(), ElementsAre("anna.weber>Auteur ventes (roles-csv)",
                                     "paul.martin>Auteur ventes (roles-csv)"));
  const directory::ImportRecord record = **store_->FindImport(outcome.import_id);
  EXPECT_EQ(record.org, 0);
  EXPECT_EQ(record.source, "roles-csv");
  EXPECT_EQ(record.state, directory::ImportState::kApplied);
}

TEST_F(RoleSyncTest, ADryRunWritesNothing) {
  const std::string before = Dump();
  const RoleSyncOutcome outcome = Sync(kSales, "anna.weber@example.org,Auteur ventes\n", false);
  EXPECT_EQ(outcome.State(false), "analyzed");
  EXPECT_EQ(outcome.plan.role_counts.create, 1u);
  EXPECT_EQ(outcome.plan.assignment_counts.create, 1u);
  EXPECT_EQ(Dump(), before);
}

TEST_F(RoleSyncTest, ReSyncingTheSameFilesWritesNothing) {
  Sync(std::string(kSales) + kReviewer, "anna.weber@example.org,Auteur ventes\n");
  const std::string before = Dump();
  const RoleSyncOutcome again =
      Sync(std::string(kSales) + kReviewer, "anna.weber@example.org,Auteur ventes\n");
  EXPECT_EQ(again.State(true), "unchanged");
  EXPECT_EQ(again.changes_written, 0u);
  EXPECT_EQ(again.import_id, "");
  EXPECT_EQ(again.plan.role_counts.unchanged, 2u);
  EXPECT_EQ(again.plan.assignment_counts.unchanged, 1u);
  EXPECT_EQ(Dump(), before);
}

TEST_F(RoleSyncTest, FileRolesAreAddedChangedAndDeletedByTheFile) {
  Sync(std::string(kSales) + kReviewer, std::nullopt);
  const RoleSyncOutcome changed =
      Sync("Auteur ventes,COMPLET,COMPLET,AUCUN,FULL,FULL,Tout\n", std::nullopt);
  EXPECT_EQ(changed.plan.role_counts.update, 1u);
  EXPECT_EQ(changed.plan.role_counts.remove, 1u);
  EXPECT_THAT(RoleNames(), ElementsAre("Auteur ventes (roles-csv)"));
  EXPECT_EQ((*store_->ListCustomRoles())[0].access[1].levels, "FULL");
}

TEST_F(RoleSyncTest, AFileAssignmentGoesWhenItsLineDisappears) {
  Sync(kSales, "anna.weber@example.org,Auteur ventes\npaul.martin@example.org,Auteur ventes\n");
  const RoleSyncOutcome outcome = Sync(std::nullopt, "paul.martin@example.org,Auteur ventes\n");
  EXPECT_EQ(outcome.plan.assignment_counts.remove, 1u);
  EXPECT_THAT(Holders(), ElementsAre("paul.martin>Auteur ventes (roles-csv)"));
  EXPECT_THAT(RoleNames(), ElementsAre("Auteur ventes (roles-csv)"));  // no role.csv: kept
}

TEST_F(RoleSyncTest, HandMadeRolesAndAssignmentsAreNeverTouched) {
  ManualRoleRequest request{"Direction", {{"Cours", "COMPLET"}}, "FULL", "FULL", ""};
  ASSERT_TRUE(AddManualRole(*store_, request, clock_, Language::kEn).has_value());
  ASSERT_TRUE(AssignRoleByHand(*store_, "lea.roux", "direction").has_value());
  Sync(kSales, "anna.weber@example.org,Auteur ventes\n");
  // Léa's line names her: her hand-made assignment stays, with a warning.
  const RoleSyncOutcome outcome =
      Sync(kReviewer, "lea.roux@example.org,Relecteur\nanna.weber@example.org,Direction\n");
  EXPECT_FALSE(outcome.plan.blocked);
  EXPECT_THAT(RoleNames(), ElementsAre("Direction (manual)", "Relecteur (roles-csv)"));
  EXPECT_THAT(Holders(),
              ElementsAre("anna.weber>Direction (roles-csv)", "lea.roux>Direction (manual)"));
  EXPECT_EQ(outcome.plan.assignments[0].diagnostics[0].code, "hand_made_role_kept");
}

TEST_F(RoleSyncTest, AFileRoleNamedLikeAHandMadeRoleIsAnError) {
  ManualRoleRequest request{"Auteur Ventes", {{"Cours", "COMPLET"}}, "FULL", "FULL", ""};
  ASSERT_TRUE(AddManualRole(*store_, request, clock_, Language::kEn).has_value());
  const std::string before = Dump();
  const RoleSyncOutcome outcome = Sync(kSales, std::nullopt);
  EXPECT_EQ(outcome.State(true), "blocked");
  EXPECT_EQ(outcome.plan.roles[0].diagnostics[0].code, "role_name_taken");
  EXPECT_EQ(Dump(), before);
}

TEST_F(RoleSyncTest, ANewLineReplacesTheUsersPreviousFileRole) {
  Sync(std::string(kSales) + kReviewer, "anna.weber@example.org,Auteur ventes\n");
  const RoleSyncOutcome outcome = Sync(std::nullopt, "anna.weber@example.org,Relecteur\n");
  EXPECT_EQ(outcome.plan.severity.error, 0u);
  EXPECT_EQ(outcome.plan.assignment_counts.update, 1u);
  EXPECT_THAT(Holders(), ElementsAre("anna.weber>Relecteur (roles-csv)"));
}

TEST_F(RoleSyncTest, RevertRestoresThePreviousState) {
  Sync(std::string(kSales) + kReviewer,
       "anna.weber@example.org,Auteur ventes\npaul.martin@example.org,Relecteur\n");
  const std::string before = Dump();
  // Changes one role, deletes the other with Paul's assignment, moves Anna, adds Léa.
  const RoleSyncOutcome outcome =
      Sync("Auteur ventes,AUCUN,COMPLET,AUCUN,FULL,FULL,\nNouveau,RAPPORT,AUCUN,AUCUN,FULL,FULL,\n",
           "anna.weber@example.org,Nouveau\nlea.roux@example.org,Auteur ventes\n");
  ASSERT_EQ(outcome.State(true), "applied");
  EXPECT_NE(Dump(), before);
  Result<apply::RevertOutcome> reverted =
      apply::RevertImport(*store_, outcome.import_id, "2026-11-21T11:00:00Z");
  ASSERT_TRUE(reverted.has_value()) << reverted.error().message;
  EXPECT_THAT(reverted->conflicts, IsEmpty());
  EXPECT_EQ(Dump(), before);
  EXPECT_EQ((*store_->FindImport(outcome.import_id))->state, directory::ImportState::kReverted);
}

TEST_F(RoleSyncTest, RevertIsRefusedWhenARoleChangedSince) {
  const RoleSyncOutcome first = Sync(kSales, std::nullopt);
  Sync("Auteur ventes,AUCUN,AUCUN,AUCUN,FULL,FULL,\n", std::nullopt);
  Result<apply::RevertOutcome> reverted =
      apply::RevertImport(*store_, first.import_id, "2026-11-21T11:00:00Z");
  ASSERT_TRUE(reverted.has_value());
  ASSERT_EQ(reverted->conflicts.size(), 1u);
  EXPECT_THAT(reverted->conflicts[0].entity, HasSubstr("custom role"));
}

TEST_F(RoleSyncTest, RevertIsRefusedWhenACreatedRoleWasGivenToSomeoneSince) {
  const RoleSyncOutcome first = Sync(kSales, "anna.weber@example.org,Auteur ventes\n");
  const directory::Id role = (*store_->ListCustomRoles())[0].id;
  const directory::Id paul = (*store_->FindAccountByLogin("paul.martin"))->id;
  {
    auto transaction = std::move(store_->Begin()).value();
    ASSERT_TRUE(transaction->SetRoleAssignment({paul, role, "manual"}).has_value());
    ASSERT_TRUE(transaction->Commit().has_value());
  }
  const std::string before = Dump();
  Result<apply::RevertOutcome> reverted =
      apply::RevertImport(*store_, first.import_id, "2026-11-21T11:00:00Z");
  ASSERT_TRUE(reverted.has_value()) << reverted.error().message;
  ASSERT_EQ(reverted->conflicts.size(), 1u);
  EXPECT_EQ(reverted->conflicts[0].reason, "was assigned to users since the import");
  EXPECT_EQ(Dump(), before);
}

TEST_F(RoleSyncTest, TheReportHasEveryLineWithStatusOperationAndMessage) {
  Sync(kSales, "anna.weber@example.org,Auteur ventes\npaul.martin@example.org,Auteur ventes\n");
  const RoleSyncOutcome outcome =
      Sync(kReviewer, "anna.weber@example.org,Relecteur\nnobody@example.org,Relecteur\n", false);
  const std::vector<report::ReportTable> tables = RoleSyncReport(outcome, Language::kFr);
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[0].sheet_name, "role");
  EXPECT_THAT(tables[0].header.back(), "messages");
  ASSERT_EQ(tables[0].rows.size(), 2u);  // Relecteur, then Auteur ventes deleted
  EXPECT_EQ(tables[0].rows[0][0], "Relecteur");
  EXPECT_EQ(tables[0].rows[0][7], "2");
  EXPECT_EQ(tables[0].rows[0][9], "create");
  EXPECT_EQ(tables[0].rows[1][9], "delete");
  EXPECT_THAT(tables[0].rows[1][11], HasSubstr("n'est plus dans role.csv"));
  const report::ReportTable& users = tables[1];
  ASSERT_EQ(users.rows.size(), 3u);  // two lines, then Paul's removal
  EXPECT_EQ(users.rows[0][3], "success");
  EXPECT_EQ(users.rows[0][4], "update");
  EXPECT_EQ(users.rows[0][5], "anna.weber");
  EXPECT_EQ(users.rows[1][3], "error");
  EXPECT_THAT(users.rows[1][6], HasSubstr("aucun utilisateur"));
  EXPECT_EQ(users.rows[2][4], "delete");
  EXPECT_EQ(users.rows[2][5], "paul.martin");
}

TEST_F(RoleSyncTest, RoleFilesAreFoundInTheConnectorFolder) {
  const std::filesystem::path folder =
      dir_ / "connector" / "import" / "user" / "internal" / "user_role";
  std::filesystem::create_directories(folder);
  testing::WriteFile(folder / "role.csv", std::string(kRoleHeader) + kSales);
  Result<RoleFilePaths> paths = FindRoleFiles(dir_ / "connector");
  ASSERT_TRUE(paths.has_value()) << paths.error().message;
  EXPECT_EQ(paths->role_csv, folder / "role.csv");
  EXPECT_FALSE(paths->user_role_csv);
  EXPECT_EQ(FindRoleFiles(dir_ / "connector" / "import").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace rollcall::service
