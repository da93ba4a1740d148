// End to end: `rollcall init`, `org add`, `org list` and `users` on a temporary SQLite file.
// Accounts are seeded through the Store, as an import would write them.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "store/open_store.hpp"
#include "support/test_support.hpp"

namespace rollcall::testing {
namespace {

class DirectoryCommands : public ::testing::Test {
 protected:
  std::string Db() const { return "sqlite:" + (dir_ / "t.db").string(); }
  CommandResult Run(std::vector<std::string> arguments) const {
    arguments.push_back("--db");
    arguments.push_back(Db());
    return RunRollcall(arguments);
  }
  nlohmann::json RunJson(std::vector<std::string> arguments) const {
    arguments.push_back("--json");
    const CommandResult result = Run(arguments);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return nlohmann::json::parse(result.out);
  }
  // Two schools; Hervé is a student of A (onde), Anna teaches in A and B (csv).
  void Seed();

  TempDir dir_;
};

directory::Id AddPerson(directory::Transaction& transaction, const std::string& login,
                        const std::string& last_name, const std::string& first_name) {
  directory::Account account;
  account.login = login;
  account.last_name = last_name;
  account.first_name = first_name;
  account.created_at = account.updated_at = "2026-09-01T08:00:00Z";
  return *transaction.InsertAccount(account);
}

void DirectoryCommands::Seed() {
  ASSERT_EQ(Run({"init"}).exit_code, 0);
  ASSERT_EQ(Run({"org", "add", "A", "School A"}).exit_code, 0);
  ASSERT_EQ(Run({"org", "add", "B", "School B"}).exit_code, 0);
  Result<std::unique_ptr<directory::Store>> store = store::OpenStore(Db());
  ASSERT_TRUE(store);
  const directory::Id a = (*(*store)->FindOrg("A"))->id;
  const directory::Id b = (*(*store)->FindOrg("B"))->id;
  std::unique_ptr<directory::Transaction> transaction = std::move((*store)->Begin()).value();
  const directory::Id herve = AddPerson(*transaction, "herve.poulad", "POULAD", "Hervé");
  const directory::Id anna = AddPerson(*transaction, "anna.schmidt", "Schmidt", "Anna");
  ASSERT_TRUE(transaction->InsertAffiliation({0, herve, a, "student", "onde", "INE-42", true, ""}));
  ASSERT_TRUE(transaction->InsertAffiliation({0, anna, a, "teacher", "csv", "T7", true, ""}));
  ASSERT_TRUE(transaction->InsertAffiliation({0, anna, b, "teacher", "csv", "T7", true, ""}));
  ASSERT_TRUE(transaction->Commit());
}

TEST_F(DirectoryCommands, InitCreatesThenFindsTheDatabaseUpToDate) {
  const CommandResult created = Run({"init"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_EQ(created.out, "Created database " + Db() + " (schema version 9)\n");
  const nlohmann::json again = RunJson({"init"});
  EXPECT_EQ(again["action"], "up_to_date");
  EXPECT_EQ(again["from_version"], 9);
  EXPECT_EQ(again["schema_version"], 9);
}

TEST_F(DirectoryCommands, CommandsOnAMissingDatabaseExitThreeAndPointToInit) {
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"org", "list"}, {"users"}, {"org", "add", "A", "School"}}) {
    const CommandResult result = Run(command);
    EXPECT_EQ(result.exit_code, 3) << command[0];
    EXPECT_NE(result.err.find("rollcall init"), std::string::npos) << result.err;
  }
  EXPECT_FALSE(std::filesystem::exists(dir_ / "t.db"));
}

TEST_F(DirectoryCommands, DatabaseComesFromTheEnvironmentWithoutDb) {
  ::setenv("ROLLCALL_DB", Db().c_str(), 1);
  const CommandResult result = RunRollcall({"init", "--json"});
  ::unsetenv("ROLLCALL_DB");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(nlohmann::json::parse(result.out)["database"], Db());
  EXPECT_TRUE(std::filesystem::exists(dir_ / "t.db"));
}

TEST_F(DirectoryCommands, OrgListShowsParentsByCode) {
  ASSERT_EQ(Run({"init"}).exit_code, 0);
  ASSERT_EQ(Run({"org", "add", "D75", "Académie de Paris"}).exit_code, 0);
  const CommandResult added = Run({"org", "add", "0751234A", "École", "--parent", "D75"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(added.out, "Added org 0751234A (École)\n");
  const nlohmann::json list = RunJson({"org", "list"});
  ASSERT_EQ(list["orgs"].size(), 2u);
  EXPECT_EQ(list["orgs"][0]["code"], "0751234A");
  EXPECT_EQ(list["orgs"][0]["parent"], "D75");
  EXPECT_TRUE(list["orgs"][1]["parent"].is_null());
  const CommandResult text = Run({"org", "list", "--lang", "fr"});
  EXPECT_EQ(text.out,
            "Code      Nom                Parent\n"
            "0751234A  École              D75\n"
            "D75       Académie de Paris\n");
}

TEST_F(DirectoryCommands, DuplicateOrgIsAUsageErrorAndUnknownParentExitsThree) {
  ASSERT_EQ(Run({"init"}).exit_code, 0);
  ASSERT_EQ(Run({"org", "add", "A", "School A"}).exit_code, 0);
  const CommandResult duplicate = Run({"org", "add", "A", "Again"});
  EXPECT_EQ(duplicate.exit_code, 2);
  EXPECT_EQ(duplicate.err, "rollcall: org 'A' exists already\n");
  const CommandResult orphan = Run({"org", "add", "C", "School C", "--parent", "Z"});
  EXPECT_EQ(orphan.exit_code, 3);
  EXPECT_EQ(orphan.err, "rollcall: unknown parent org 'Z'\n");
  EXPECT_EQ(Run({"org"}).exit_code, 2);
  EXPECT_EQ(Run({"org", "add", "OnlyCode"}).exit_code, 2);
}

TEST_F(DirectoryCommands, UsersOfAnOrgShowOnlyItsAffiliations) {
  Seed();
  const nlohmann::json json = RunJson({"users", "--org", "B"});
  ASSERT_EQ(json["users"].size(), 1u);
  const nlohmann::json& anna = json["users"][0];
  EXPECT_EQ(anna["login"], "anna.schmidt");
  EXPECT_EQ(anna["state"], "active");
  ASSERT_EQ(anna["affiliations"].size(), 1u);
  EXPECT_EQ(anna["affiliations"][0]["org"], "B");
  EXPECT_EQ(anna["affiliations"][0]["external_id"], "T7");
  EXPECT_EQ(RunJson({"users"})["users"][1]["affiliations"].size(), 2u);
}

TEST_F(DirectoryCommands, UsersTableIsLocalisedAndOrderedByName) {
  Seed();
  const CommandResult result = Run({"users", "--lang", "fr"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "Identifiant   Nom      Prénom  État    Rattachements\n"
            "herve.poulad  POULAD   Hervé   active  student@A (onde, INE-42)\n"
            "anna.schmidt  Schmidt  Anna    active  teacher@A (csv, T7); teacher@B (csv, T7)\n");
}

TEST_F(DirectoryCommands, UsersShowAnEndedAffiliationAndThePurgeDate) {
  Seed();
  Result<std::unique_ptr<directory::Store>> store = store::OpenStore(Db());
  ASSERT_TRUE(store);
  const directory::Id a = (*(*store)->FindOrg("A"))->id;
  std::unique_ptr<directory::Transaction> transaction = std::move((*store)->Begin()).value();
  directory::Account leaver;
  leaver.login = "zoe.leaver";
  leaver.last_name = "Leaver";
  leaver.first_name = "Zoé";
  leaver.state = directory::AccountState::kPendingDeletion;
  leaver.purge_date = "2026-12-01";
  const directory::Id id = *transaction->InsertAccount(leaver);
  ASSERT_TRUE(transaction->InsertAffiliation(
      {0, id, a, "student", "onde", "INE-7", false, "2026-09-02T06:00:00Z"}));
  ASSERT_TRUE(transaction->Commit());
  const CommandResult result = Run({"users", "--query", "leaver"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(
      result.out.find("pending_deletion (2026-12-01)  student@A (onde, INE-7, ended 2026-09-02)"),
      std::string::npos)
      << result.out;
}

TEST_F(DirectoryCommands, UsersFilterByProfileAliasAndQuery) {
  Seed();
  const nlohmann::json students = RunJson({"users", "--profile", "eleves"});
  ASSERT_EQ(students["users"].size(), 1u);
  EXPECT_EQ(students["users"][0]["login"], "herve.poulad");
  const nlohmann::json found = RunJson({"users", "--query", "ine-42"});
  ASSERT_EQ(found["users"].size(), 1u);
  EXPECT_EQ(found["users"][0]["login"], "herve.poulad");
}

TEST_F(DirectoryCommands, UsersLimitSaysTheListWasCut) {
  Seed();
  const nlohmann::json json = RunJson({"users", "--limit", "1"});
  EXPECT_EQ(json["users"].size(), 1u);
  EXPECT_EQ(json["truncated"], true);
  const CommandResult text = Run({"users", "--limit", "1"});
  EXPECT_NE(text.err.find("--limit"), std::string::npos);
}

TEST_F(DirectoryCommands, UsersWithUnknownOrgExitThreeAndUnknownProfileTwo) {
  Seed();
  const CommandResult org = Run({"users", "--org", "NOPE"});
  EXPECT_EQ(org.exit_code, 3);
  EXPECT_EQ(org.err, "rollcall: unknown org 'NOPE'\n");
  EXPECT_EQ(Run({"users", "--profile", "wizard"}).exit_code, 2);
  EXPECT_EQ(Run({"users", "--lang", "xx"}).exit_code, 2);
}

TEST_F(DirectoryCommands, PostgresqlUrlIsUnusableForNowWithoutLeakingThePassword) {
  const CommandResult result =
      RunRollcall({"users", "--db", "postgresql://rollcall:s3cret@localhost/rollcall"});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.err, "rollcall: PostgreSQL support is not built yet\n");
  const CommandResult unknown = RunRollcall({"init", "--db", "mysql://root:s3cret@h/x"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err.find("s3cret"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace rollcall::testing
