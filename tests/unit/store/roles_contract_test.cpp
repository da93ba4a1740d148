// The store contract for custom roles (issue 6): roles with unique name keys, one role per
// account, deletions refused while a role is held, the lookups a role-file sync needs (accounts
// by e-mail, group names), their audit entries, and imports that belong to no org.
#include <gmock/gmock.h>

#include "unit/store/store_contract.hpp"

namespace rollcall::testing {
namespace {

using directory::Id;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

directory::CustomRole MakeRole(const std::string& name, const std::string& key,
                               const std::string& source) {
  directory::CustomRole role;
  role.name = name;
  role.name_key = key;
  role.description = "Accès complet";
  role.access = {{"catalog", "FULL"}, {"course", "WRITE|REPORT"}};
  role.catalogs = {"Catalogue de vente", "Catalogue général"};
  role.user_group_scope = "attribute";
  role.user_group_name = "location";
  role.user_group_value = "London";
  role.source = source;
  role.created_at = role.updated_at = "2026-09-01T08:00:00Z";
  return role;
}

TEST_P(StoreContract, CustomRolesRoundTripWithUniqueNameKeys) {
  auto transaction = Begin();
  directory::CustomRole sales = MakeRole("Auteur ventes", "auteur ventes", "roles-csv");
  Result<Id> id = transaction->InsertCustomRole(sales);
  ASSERT_TRUE(id) << id.error().message;
  sales.id = *id;
  directory::CustomRole manual = MakeRole("Direction", "direction", "manual");
  manual.all_catalogs = true;
  manual.catalogs.clear();
  manual.user_group_scope = "all";
  manual.user_group_name = manual.user_group_value = "";
  manual.id = *transaction->InsertCustomRole(manual);
  ASSERT_TRUE(transaction->Commit());
  EXPECT_THAT(*store().ListCustomRoles(), ElementsAre(sales, manual));
  EXPECT_EQ(**store().FindCustomRole(sales.id), sales);
  EXPECT_FALSE(*store().FindCustomRole(manual.id + 100));

  transaction.reset();
  transaction = Begin();
  EXPECT_EQ(transaction->InsertCustomRole(MakeRole("AUTEUR VENTES", "auteur ventes", "manual"))
                .error()
                .code,
            ErrorCode::kInvalidArgument);
  transaction.reset();
  transaction = Begin();
  sales.access = {{"course", "NONE"}};
  sales.updated_at = "2026-10-01T08:00:00Z";
  ASSERT_TRUE(transaction->UpdateCustomRole(sales));
  ASSERT_TRUE(transaction->Commit());
  EXPECT_EQ(**store().FindCustomRole(sales.id), sales);

  transaction.reset();
  transaction = Begin();
  ASSERT_TRUE(transaction->DeleteCustomRole(sales.id));
  ASSERT_TRUE(transaction->Commit());
  EXPECT_FALSE(*store().FindCustomRole(sales.id));
  transaction.reset();
  transaction = Begin();
  EXPECT_EQ(transaction->DeleteCustomRole(sales.id).error().code, ErrorCode::kNotFound);
  transaction.reset();
  transaction = Begin();
  ASSERT_TRUE(transaction->RestoreCustomRole(sales));  // revert: back under its own id
  ASSERT_TRUE(transaction->Commit());
  EXPECT_EQ(**store().FindCustomRole(sales.id), sales);
}

TEST_P(StoreContract, AnAccountHoldsOneCustomRole) {
  auto transaction = Begin();
  const Id anna = Insert(*transaction, MakeAccount("anna.weber", "Weber", "Anna"));
  const Id paul = Insert(*transaction, MakeAccount("paul.martin", "Martin", "Paul"));
  const Id sales = *transaction->InsertCustomRole(MakeRole("Ventes", "ventes", "roles-csv"));
  const Id board = *transaction->InsertCustomRole(MakeRole("Direction", "direction", "manual"));
  ASSERT_TRUE(transaction->SetRoleAssignment({anna, sales, "roles-csv"}));
  ASSERT_TRUE(transaction->SetRoleAssignment({anna, board, "manual"}));  // replaces
  ASSERT_TRUE(transaction->SetRoleAssignment({paul, sales, "roles-csv"}));
  ASSERT_TRUE(transaction->Commit());
  EXPECT_THAT(*store().ListRoleAssignments(),
              ElementsAre(directory::RoleAssignment{anna, board, "manual"},
                          directory::RoleAssignment{paul, sales, "roles-csv"}));
  EXPECT_EQ(**store().FindRoleAssignment(paul),
            (directory::RoleAssignment{paul, sales, "roles-csv"}));

  transaction.reset();
  transaction = Begin();
  EXPECT_EQ(transaction->DeleteCustomRole(sales).error().code, ErrorCode::kInvalidArgument);
  transaction.reset();
  transaction = Begin();
  EXPECT_EQ(transaction->SetRoleAssignment({paul, sales + 100, "roles-csv"}).error().code,
            ErrorCode::kInvalidArgument);
  transaction.reset();
  transaction = Begin();
  ASSERT_TRUE(transaction->DeleteRoleAssignment(paul));
  EXPECT_EQ(transaction->DeleteRoleAssignment(paul).error().code, ErrorCode::kNotFound);
  transaction.reset();
  transaction = Begin();
  ASSERT_TRUE(transaction->DeleteAccount(anna));  // its assignment goes with it
  ASSERT_TRUE(transaction->Commit());
  EXPECT_FALSE(*store().FindRoleAssignment(anna));
  EXPECT_EQ(store().ListRoleAssignments()->size(), 1u);
}

TEST_P(StoreContract, AccountsAreFoundByEmailWithoutCase) {
  auto transaction = Begin();
  directory::Account anna = MakeAccount("anna.weber", "Weber", "Anna");
  anna.SetAttribute("email", "Anna.Weber@Example.org");
  anna.id = Insert(*transaction, anna);
  directory::Account twin = MakeAccount("anna.weber2", "Weber", "Anna");
  twin.SetAttribute("email", "twin@example.org");
  twin.id = Insert(*transaction, twin);
  directory::Account gone = MakeAccount("old.user", "Old", "User");
  gone.SetAttribute("email", "old@example.org");
  gone.state = directory::AccountState::kDeleted;
  Insert(*transaction, gone);
  Insert(*transaction, MakeAccount("no.mail", "No", "Mail"));
  ASSERT_TRUE(transaction->Commit());
  Result<std::vector<directory::Account>> found = store().FindAccountsByEmail(
      {"anna.weber@example.org", "TWIN@example.org", "old@example.org", "nobody@example.org"});
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_THAT(*found, ElementsAre(anna, twin));
  EXPECT_THAT(*store().FindAccountsByEmail({}), IsEmpty());
  EXPECT_EQ((*store().FindAccountByLogin("anna.weber2"))->id, twin.id);
  EXPECT_FALSE(*store().FindAccountByLogin("nobody"));
}

TEST_P(StoreContract, ExistingGroupNamesOfAnyOrgButNotArchived) {
  const directory::Org a = AddOrg("0751234A");
  const directory::Org b = AddOrg("0759999Z");
  auto transaction = Begin();
  AddGroup(*transaction, a.id, "Tous les auteurs", "");
  AddGroup(*transaction, b.id, "CM1 A", "2026-2027");
  AddGroup(*transaction, b.id, "CM1 B", "2025-2026", directory::GroupKind::kClass, true);
  ASSERT_TRUE(transaction->Commit());
  EXPECT_THAT(*store().ExistingGroupNames({"CM1 A", "CM1 B", "Tous les auteurs", "cm1 a"}),
              ElementsAre("CM1 A", "Tous les auteurs"));
}

TEST_P(StoreContract, RoleChangesAreAuditedAndImportsMayHaveNoOrg) {
  directory::ImportRecord record;
  record.id = "roles-1";
  record.org = 0;  // deployment-wide
  record.source = "roles-csv";
  record.state = directory::ImportState::kApplied;
  record.created_at = record.updated_at = "2026-09-01T08:00:00Z";
  directory::CustomRole role = MakeRole("Auteur ventes", "auteur ventes", "roles-csv");
  role.id = 7;
  const std::vector<directory::AuditEntry> entries = {
      {"roles-1", 1, {}, role, "2026-09-01T08:00:00Z"},
      {"roles-1", 2, directory::RoleAssignment{3, 7, "roles-csv"}, {}, "2026-09-01T08:00:00Z"}};
  auto transaction = Begin();
  ASSERT_TRUE(transaction->SaveImport(record));
  for (const directory::AuditEntry& entry : entries) ASSERT_TRUE(transaction->AppendAudit(entry));
  ASSERT_TRUE(transaction->Commit());
  EXPECT_EQ(**store().FindImport("roles-1"), record);
  EXPECT_EQ(*store().LoadAudit("roles-1"), entries);
}

}  // namespace
}  // namespace rollcall::testing
