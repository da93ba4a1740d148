// The role-file plan (plan/roles.hpp), one test per ownership rule of issue 6: what role.csv and
// user_role.csv own they create, change and delete; what was made by hand they never touch.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plan/roles.hpp"
#include "table/read.hpp"

namespace rollcall::plan {
namespace {

using directory::Id;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr const char kRoleHeader[] =
    "Nom,Cours,Catalogue,Spécificateur du champ d’application du catalogue,"
    "Champ d’application des groupes d’utilisateurs Spécificateur,Description\n";
constexpr const char kSalesLine[] =
    "Auteur ventes,ÉCRITURE | RAPPORT,COMPLET,Catalogue de vente | Catalogue général,"
    "location=London,Auteurs du catalogue de vente\n";

table::Table Read(const std::string& text) {
  table::ReadOptions options;
  options.delimiter = ',';
  Result<table::ReadOutcome> read = table::ReadCsv(text, options);
  EXPECT_TRUE(read.has_value());
  return std::move(read).value().table;
}

std::vector<std::string> Codes(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> codes;
  for (const Diagnostic& diagnostic : diagnostics) codes.push_back(diagnostic.code);
  return codes;
}

class RolePlanTest : public ::testing::Test {
 protected:
  // Stores a role as a file line would make it, under `source`.
  Id StoreRole(const std::string& line, const std::string& source) {
    const records::RoleFile file = records::ParseRoleFile(Read(kRoleHeader + line));
    directory::CustomRole role = ToCustomRole(file.roles.at(0));
    role.id = next_id_++;
    role.source = source;
    roles_.push_back(role);
    return role.id;
  }
  Id AddAccount(const std::string& login, const std::string& email) {
    directory::Account account;
    account.id = next_id_++;
    account.login = login;
    account.SetAttribute("email", email);
    accounts_.push_back(account);
    return account.id;
  }

  RolePlan Plan(const std::optional<std::string>& roles,
                const std::optional<std::string>& user_roles, bool skip_invalid = false) {
    if (roles) role_file_ = records::ParseRoleFile(Read(kRoleHeader + *roles));
    if (user_roles)
      user_role_file_ = records::ParseUserRoleFile(Read("Id,CustomRole\n" + *user_roles));
    RolePlanInput input;
    input.role_file = roles ? &role_file_ : nullptr;
    input.user_role_file = user_roles ? &user_role_file_ : nullptr;
    input.roles = roles_;
    input.assignments = assignments_;
    input.accounts = accounts_;
    input.existing_groups = groups_;
    input.skip_invalid_lines = skip_invalid;
    return MakeRolePlan(input);
  }

  Id next_id_ = 1;
  std::vector<directory::CustomRole> roles_;
  std::vector<directory::RoleAssignment> assignments_;
  std::vector<directory::Account> accounts_;
  std::vector<std::string> groups_ = {"Tous les auteurs"};
  records::RoleFile role_file_;
  records::UserRoleFile user_role_file_;
};

TEST_F(RolePlanTest, GuideExampleCreatesTheRoleAndItsAssignment) {
  AddAccount("anna.weber", "Anna.Weber@example.org");
  const RolePlan plan = Plan(kSalesLine, "anna.weber@example.org,Auteur ventes\n");
  EXPECT_FALSE(plan.blocked);
  ASSERT_EQ(plan.roles.size(), 1u);
  EXPECT_EQ(plan.roles[0].operation, RoleOperation::kCreate);
  const directory::CustomRole& role = plan.roles[0].role;
  EXPECT_EQ(role.source, "roles-csv");
  EXPECT_EQ(role.name_key, "auteur ventes");
  EXPECT_THAT(role.access, ElementsAre(directory::RoleAccess{"catalog", "FULL"},
                                       directory::RoleAccess{"course", "WRITE|REPORT"}));
  EXPECT_THAT(role.catalogs, ElementsAre("Catalogue de vente", "Catalogue général"));
  EXPECT_EQ(role.user_group_scope, "attribute");
  EXPECT_EQ(role.user_group_name + "=" + role.user_group_value, "location=London");
  ASSERT_EQ(plan.assignments.size(), 1u);
  EXPECT_EQ(plan.assignments[0].operation, RoleOperation::kCreate);
  EXPECT_EQ(plan.assignments[0].login, "anna.weber");
  EXPECT_EQ(plan.assignments[0].role_id, 0);  // created by this plan
  EXPECT_TRUE(plan.HasChanges());
}

TEST_F(RolePlanTest, FileRolesAreChangedByTheFileAndUnchangedWhenEqual) {
  const Id sales = StoreRole(kSalesLine, "roles-csv");
  RolePlan plan = Plan(kSalesLine, std::nullopt);
  EXPECT_EQ(plan.roles[0].operation, RoleOperation::kUnchanged);
  EXPECT_FALSE(plan.HasChanges());
  plan = Plan("auteur VENTES,AUCUN,COMPLET,FULL,location=London,\n", std::nullopt);
  ASSERT_EQ(plan.roles[0].operation, RoleOperation::kUpdate);
  EXPECT_EQ(plan.roles[0].role.id, sales);
  EXPECT_EQ(plan.roles[0].role.name, "auteur VENTES");
  EXPECT_EQ(plan.roles[0].before->name, "Auteur ventes");
}

TEST_F(RolePlanTest, FileRolesAbsentFromRoleCsvAreDeletedWithTheirFileAssignments) {
  StoreRole(kSalesLine, "roles-csv");
  const Id old_role = StoreRole("Ancien rôle,AUCUN,AUCUN,FULL,FULL,\n", "roles-csv");
  const Id anna = AddAccount("anna.weber", "anna@example.org");
  assignments_.push_back({anna, old_role, "roles-csv"});
  const RolePlan plan = Plan(kSalesLine, std::nullopt);
  ASSERT_EQ(plan.deleted_roles.size(), 1u);
  EXPECT_EQ(plan.deleted_roles[0].id, old_role);
  ASSERT_EQ(plan.removed_assignments.size(), 1u);
  EXPECT_TRUE(plan.removed_assignments[0].role_deleted);
  EXPECT_EQ(plan.role_counts.remove, 1u);
}

TEST_F(RolePlanTest, WithoutRoleCsvNoRoleIsDeleted) {
  const Id sales = StoreRole(kSalesLine, "roles-csv");
  const Id anna = AddAccount("anna.weber", "anna@example.org");
  const RolePlan plan = Plan(std::nullopt, "anna@example.org,Auteur ventes\n");
  EXPECT_THAT(plan.deleted_roles, IsEmpty());
  EXPECT_EQ(plan.assignments[0].operation, RoleOperation::kCreate);
  EXPECT_EQ(plan.assignments[0].role_id, sales);
  EXPECT_EQ(plan.assignments[0].account, anna);
}

TEST_F(RolePlanTest, AFileAssignmentIsRemovedWhenItsLineDisappears) {
  const Id sales = StoreRole(kSalesLine, "roles-csv");
  const Id anna = AddAccount("anna.weber", "anna@example.org");
  const Id paul = AddAccount("paul.martin", "paul@example.org");
  assignments_ = {{anna, sales, "roles-csv"}, {paul, sales, "roles-csv"}};
  RolePlan plan = Plan(std::nullopt, "paul@example.org,Auteur ventes\n");
  EXPECT_EQ(plan.assignments[0].operation, RoleOperation::kUnchanged);
  ASSERT_EQ(plan.removed_assignments.size(), 1u);
  EXPECT_EQ(plan.removed_assignments[0].assignment.account, anna);
  EXPECT_FALSE(plan.removed_assignments[0].role_deleted);
  plan = Plan(kSalesLine, std::nullopt);  // no user_role.csv this time: assignments stay
  EXPECT_THAT(plan.removed_assignments, IsEmpty());
}

TEST_F(RolePlanTest, HandMadeRolesAndAssignmentsAreNeverTouched) {
  const Id board = StoreRole("Direction,COMPLET,COMPLET,FULL,FULL,\n", "manual");
  const Id anna = AddAccount("anna.weber", "anna@example.org");
  const Id paul = AddAccount("paul.martin", "paul@example.org");
  assignments_ = {{anna, board, "manual"}, {paul, board, "manual"}};
  // role.csv without Direction, user_role.csv without Paul, and Anna given another role.
  const RolePlan plan = Plan(kSalesLine, "anna@example.org,Auteur ventes\n");
  EXPECT_FALSE(plan.blocked);
  EXPECT_THAT(plan.deleted_roles, IsEmpty());
  EXPECT_THAT(plan.removed_assignments, IsEmpty());
  ASSERT_EQ(plan.assignments.size(), 1u);
  EXPECT_EQ(plan.assignments[0].operation, RoleOperation::kSkip);
  EXPECT_THAT(Codes(plan.assignments[0].diagnostics), ElementsAre("hand_made_role_kept"));
  EXPECT_EQ(plan.assignments[0].diagnostics[0].severity, Severity::kWarning);
}

TEST_F(RolePlanTest, AFileRoleNamedLikeAHandMadeRoleIsAnError) {
  StoreRole("Direction,COMPLET,COMPLET,FULL,FULL,\n", "manual");
  const RolePlan plan = Plan("DIRECTION,AUCUN,AUCUN,FULL,FULL,\n", std::nullopt);
  EXPECT_TRUE(plan.blocked);
  EXPECT_EQ(plan.roles[0].operation, RoleOperation::kSkip);
  EXPECT_THAT(Codes(plan.roles[0].diagnostics), ElementsAre("role_name_taken"));
}

TEST_F(RolePlanTest, HandMadeRolesMayBeAssignedByFile) {
  const Id board = StoreRole("Direction,COMPLET,COMPLET,FULL,FULL,\n", "manual");
  AddAccount("anna.weber", "anna@example.org");
  const RolePlan plan = Plan(std::nullopt, "anna@example.org,direction\n");
  EXPECT_EQ(plan.assignments[0].operation, RoleOperation::kCreate);
  EXPECT_EQ(plan.assignments[0].role_id, board);
}

TEST_F(RolePlanTest, ANewLineReplacesTheUsersPreviousFileRoleWithoutError) {
  const Id sales = StoreRole(kSalesLine, "roles-csv");
  const Id board = StoreRole("Direction,COMPLET,COMPLET,FULL,FULL,\n", "roles-csv");
  const Id anna = AddAccount("anna.weber", "anna@example.org");
  assignments_ = {{anna, sales, "roles-csv"}};
  const RolePlan plan = Plan(std::nullopt, "anna@example.org,Direction\n");
  EXPECT_FALSE(plan.blocked);
  EXPECT_EQ(plan.severity.error, 0u);
  ASSERT_EQ(plan.assignments[0].operation, RoleOperation::kUpdate);
  EXPECT_EQ(plan.assignments[0].role_id, board);
  EXPECT_EQ(plan.assignments[0].before->role, sales);
  EXPECT_THAT(Codes(plan.assignments[0].diagnostics), ElementsAre("file_role_replaced"));
}

TEST_F(RolePlanTest, AFileRoleHeldByHandIsNotDeleted) {
  const Id old_role = StoreRole("Ancien rôle,AUCUN,AUCUN,FULL,FULL,\n", "roles-csv");
  const Id anna = AddAccount("anna.weber", "anna@example.org");
  assignments_ = {{anna, old_role, "manual"}};
  RolePlan plan = Plan(kSalesLine, std::nullopt);
  EXPECT_TRUE(plan.blocked);
  EXPECT_THAT(plan.deleted_roles, IsEmpty());
  EXPECT_THAT(Codes(plan.diagnostics), ElementsAre("role_still_assigned"));
  plan = Plan(kSalesLine, std::nullopt, /*skip_invalid=*/true);
  EXPECT_FALSE(plan.blocked);
  EXPECT_THAT(plan.deleted_roles, IsEmpty());
  EXPECT_EQ(plan.roles[0].operation, RoleOperation::kCreate);
}

TEST_F(RolePlanTest, UnknownAndAmbiguousEmailsAndUnknownRolesAreLineErrors) {
  StoreRole(kSalesLine, "roles-csv");
  AddAccount("twin.a", "twin@example.org");
  AddAccount("twin.b", "TWIN@example.org");
  AddAccount("paul.martin", "paul@example.org");
  const RolePlan plan = Plan(std::nullopt,
                             "nobody@example.org,Auteur ventes\n"
                             "twin@example.org,Auteur ventes\n"
                             "paul@example.org,Inconnu\n",
                             /*skip_invalid=*/true);
  ASSERT_EQ(plan.assignments.size(), 3u);
  EXPECT_THAT(Codes(plan.assignments[0].diagnostics), ElementsAre("unknown_email"));
  EXPECT_THAT(Codes(plan.assignments[1].diagnostics), ElementsAre("ambiguous_email"));
  EXPECT_THAT(Codes(plan.assignments[2].diagnostics), ElementsAre("unknown_role"));
  EXPECT_EQ(plan.assignment_counts.skip, 3u);
  EXPECT_FALSE(plan.HasChanges());
}

TEST_F(RolePlanTest, ScopeGroupsMustExist) {
  const RolePlan plan = Plan(
      "Auteurs,COMPLET,AUCUN,FULL,Tous les auteurs,\nAutres,COMPLET,AUCUN,FULL,Groupe absent,\n",
      std::nullopt, true);
  EXPECT_EQ(plan.roles[0].operation, RoleOperation::kCreate);
  EXPECT_EQ(plan.roles[1].operation, RoleOperation::kSkip);
  EXPECT_THAT(Codes(plan.roles[1].diagnostics), ElementsAre("unknown_scope_group"));
}

TEST_F(RolePlanTest, ABrokenHeaderDeletesNothing) {
  StoreRole(kSalesLine, "roles-csv");
  role_file_ = records::ParseRoleFile(Read("Nom,Description\nX,Y\n"));
  RolePlanInput input;
  input.role_file = &role_file_;
  input.roles = roles_;
  const RolePlan plan = MakeRolePlan(input);
  EXPECT_TRUE(plan.blocked);
  EXPECT_THAT(plan.deleted_roles, IsEmpty());
}

TEST_F(RolePlanTest, AnAssignmentToARoleWithAnErrorIsAnErrorToo) {
  AddAccount("anna.weber", "anna@example.org");
  const RolePlan plan = Plan("Nouveau,INCONNU,AUCUN,FULL,FULL,\n", "anna@example.org,Nouveau\n",
                             /*skip_invalid=*/true);
  EXPECT_EQ(plan.roles[0].operation, RoleOperation::kSkip);
  EXPECT_THAT(Codes(plan.assignments[0].diagnostics), ElementsAre("unknown_role"));
}

}  // namespace
}  // namespace rollcall::plan
