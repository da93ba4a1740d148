// The store contract, part 1: schema, orgs, accounts and logins, transactions, imports.
#include "unit/store/store_contract.hpp"

namespace rollcall::testing {
namespace {

using directory::Account;
using directory::AccountState;
using directory::Id;

TEST_P(StoreContract, MigratingTwiceIsANoOpThatKeepsTheData) {
  const directory::Org org = AddOrg("0751234A");
  const Status again = store().Migrate();
  ASSERT_TRUE(again) << again.error().message;
  Result<int> version = store().SchemaVersion();
  ASSERT_TRUE(version);
  EXPECT_EQ(*version, store().LatestSchemaVersion());
  Result<std::optional<directory::Org>> found = store().FindOrg("0751234A");
  ASSERT_TRUE(found);
  EXPECT_EQ(**found, org);
}

TEST_P(StoreContract, AnUnmigratedStoreReportsSchemaVersionZero) {
  TempDir elsewhere;
  std::unique_ptr<directory::Store> fresh = GetParam().open(elsewhere.path());
  ASSERT_NE(fresh, nullptr);
  Result<int> version = fresh->SchemaVersion();
  ASSERT_TRUE(version) << version.error().message;
  EXPECT_EQ(*version, 0);
}

TEST_P(StoreContract, AddedOrgIsFoundByCode) {
  const directory::Org org = AddOrg("0751234A");
  EXPECT_GT(org.id, 0);
  EXPECT_EQ(org.name, "School 0751234A");
  EXPECT_FALSE(org.parent);
  Result<std::optional<directory::Org>> found = store().FindOrg("0751234A");
  ASSERT_TRUE(found);
  ASSERT_TRUE(*found);
  EXPECT_EQ(**found, org);
  Result<std::optional<directory::Org>> missing = store().FindOrg("nope");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(*missing);
}

TEST_P(StoreContract, DuplicateOrgCodeIsInvalidArgument) {
  AddOrg("0751234A");
  Result<directory::Org> again = store().AddOrg("0751234A", "Other", std::nullopt);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(StoreContract, ParentOrgIsNamedByItsCode) {
  const directory::Org district = AddOrg("D75");
  const directory::Org school = AddOrg("0751234A", "D75");
  EXPECT_EQ(school.parent, district.id);
}

TEST_P(StoreContract, UnknownParentOrgIsNotFoundAndAddsNothing) {
  Result<directory::Org> org = store().AddOrg("0751234A", "School", "D99");
  ASSERT_FALSE(org);
  EXPECT_EQ(org.error().code, ErrorCode::kNotFound);
  Result<std::vector<directory::Org>> orgs = store().ListOrgs();
  ASSERT_TRUE(orgs);
  EXPECT_TRUE(orgs->empty());
}

TEST_P(StoreContract, OrgsAreListedByCode) {
  AddOrg("B");
  AddOrg("C");
  AddOrg("A");
  Result<std::vector<directory::Org>> orgs = store().ListOrgs();
  ASSERT_TRUE(orgs);
  ASSERT_EQ(orgs->size(), 3u);
  EXPECT_EQ((*orgs)[0].code, "A");
  EXPECT_EQ((*orgs)[2].code, "C");
}

TEST_P(StoreContract, AccountRoundTripsWithAttributesInEveryState) {
  const directory::Org org = AddOrg("0751234A");
  const AccountState states[] = {AccountState::kActive, AccountState::kPendingConsent,
                                 AccountState::kPendingDeletion, AccountState::kDeleted};
  std::vector<Account> written;
  auto transaction = Begin();
  for (const AccountState state : states) {
    Account account = MakeAccount("user" + std::to_string(written.size()), "Poulad-Malin", "Hervé");
    account.birth_date = "2015-09-01";
    account.state = state;
    account.purge_date = state == AccountState::kPendingDeletion ? "2026-12-01" : "";
    account.SetAttribute("email", "herve@example.org");
    account.SetAttribute("note", "quotes \" and \\ backslash,\nnewline; = | {} é 漢字");
    account.SetAttribute("gender", "M");
    account.updated_at = "2026-09-02T10:00:00Z";
    account.id = Insert(*transaction, account);
    Affiliate(*transaction, account.id, org.id, "student", "csv");
    written.push_back(account);
  }
  ASSERT_TRUE(transaction->Commit());
  const directory::Snapshot snapshot = Snapshot(org.id, "csv");
  EXPECT_EQ(snapshot.accounts, written);
}

TEST_P(StoreContract, LoginIsUniqueAcrossAccounts) {
  auto transaction = Begin();
  Insert(*transaction, MakeAccount("herve.poulad", "Poulad", "Hervé"));
  Result<Id> twin = transaction->InsertAccount(MakeAccount("herve.poulad", "Poulad", "Hervé"));
  ASSERT_FALSE(twin);
  EXPECT_EQ(twin.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(StoreContract, LoginOfADeletedAccountIsNeverGivenAgain) {
  auto transaction = Begin();
  const Id id = Insert(*transaction, MakeAccount("herve.poulad", "Poulad", "Hervé"));
  ASSERT_TRUE(transaction->DeleteAccount(id));
  ASSERT_TRUE(transaction->Commit());
  Result<bool> taken = store().LoginTaken("herve.poulad");
  ASSERT_TRUE(taken);
  EXPECT_TRUE(*taken);
  transaction = Begin();
  Result<Id> reuse = transaction->InsertAccount(MakeAccount("herve.poulad", "Poulad", "Hervé"));
  ASSERT_FALSE(reuse);
  EXPECT_EQ(reuse.error().code, ErrorCode::kInvalidArgument);
}

// The audit log and revert name accounts and affiliations by id: deleting the newest one must not
// hand its id to the next.
TEST_P(StoreContract, IdOfADeletedAccountOrAffiliationIsNeverGivenAgain) {
  const directory::Org org = AddOrg("0751234A");
  auto transaction = Begin();
  const Id first = Insert(*transaction, MakeAccount("a.first", "First", "A"));
  const Id newest = Insert(*transaction, MakeAccount("b.newest", "Newest", "B"));
  const Id affiliation = Affiliate(*transaction, newest, org.id, "student", "csv");
  ASSERT_TRUE(transaction->Commit());
  EXPECT_LT(first, newest);
  transaction = Begin();
  ASSERT_TRUE(transaction->DeleteAccount(newest));  // and its affiliation
  ASSERT_TRUE(transaction->Commit());
  transaction = Begin();
  const Id next = Insert(*transaction, MakeAccount("c.next", "Next", "C"));
  EXPECT_GT(next, newest);
  EXPECT_GT(Affiliate(*transaction, next, org.id, "student", "csv"), affiliation);
  ASSERT_TRUE(transaction->Commit());
  EXPECT_EQ((*store().FindAccount(next))->login, "c.next");
}

TEST_P(StoreContract, LoginNeverGivenIsFree) {
  Result<bool> taken = store().LoginTaken("nobody");
  ASSERT_TRUE(taken);
  EXPECT_FALSE(*taken);
}

TEST_P(StoreContract, RenamedAccountKeepsItsOldLoginFromOthers) {
  auto transaction = Begin();
  Account account = MakeAccount("anna.schmidt", "Schmidt", "Anna");
  account.id = Insert(*transaction, account);
  account.login = "anna.mueller";
  ASSERT_TRUE(transaction->UpdateAccount(account));
  account.login = "anna.schmidt";  // back to its own former login: allowed
  ASSERT_TRUE(transaction->UpdateAccount(account));
  account.login = "anna.mueller";
  ASSERT_TRUE(transaction->UpdateAccount(account));
  ASSERT_TRUE(transaction->Commit());
  EXPECT_TRUE(*store().LoginTaken("anna.schmidt"));
  transaction = Begin();
  Result<Id> other = transaction->InsertAccount(MakeAccount("anna.schmidt", "Schmidt", "Anna"));
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(StoreContract, UpdateTakingAnotherAccountsOldLoginIsRefused) {
  auto transaction = Begin();
  Account first = MakeAccount("a.b", "B", "A");
  first.id = Insert(*transaction, first);
  Account second = MakeAccount("c.d", "D", "C");
  second.id = Insert(*transaction, second);
  first.login = "a.b2";
  ASSERT_TRUE(transaction->UpdateAccount(first));
  second.login = "a.b";
  const Status stolen = transaction->UpdateAccount(second);
  ASSERT_FALSE(stolen);
  EXPECT_EQ(stolen.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(StoreContract, UpdatingAMissingRowIsNotFound) {
  const directory::Org org = AddOrg("0751234A");
  auto transaction = Begin();
  Account ghost = MakeAccount("ghost", "G", "H");
  ghost.id = 9999;
  const Status updated = transaction->UpdateAccount(ghost);
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error().code, ErrorCode::kNotFound);
  transaction.reset();  // a failed transaction ends by rolling back
  transaction = Begin();
  const Status deleted = transaction->DeleteAccount(9999);
  ASSERT_FALSE(deleted);
  EXPECT_EQ(deleted.error().code, ErrorCode::kNotFound);
  transaction.reset();
  transaction = Begin();
  const Status touched = transaction->TouchOrg(org.id + 100);
  ASSERT_FALSE(touched);
  EXPECT_EQ(touched.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, ReferenceToAMissingAccountIsInvalidArgument) {
  const directory::Org org = AddOrg("0751234A");
  auto transaction = Begin();
  directory::Affiliation affiliation{0, 4242, org.id, "student", "csv", "E1", true, ""};
  Result<Id> inserted = transaction->InsertAffiliation(affiliation);
  ASSERT_FALSE(inserted);
  EXPECT_EQ(inserted.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(StoreContract, UncommittedTransactionLeavesNothing) {
  const directory::Org org = AddOrg("0751234A");
  {
    auto transaction = Begin();
    const Id id = Insert(*transaction, MakeAccount("temp.user", "User", "Temp"));
    Affiliate(*transaction, id, org.id, "student", "csv");
    ASSERT_TRUE(transaction->TouchOrg(org.id));
  }  // destroyed without Commit()
  const directory::Snapshot snapshot = Snapshot(org.id, "csv");
  EXPECT_TRUE(snapshot.accounts.empty());
  EXPECT_TRUE(snapshot.affiliations.empty());
  EXPECT_EQ(snapshot.version, 0);
  EXPECT_FALSE(*store().LoginTaken("temp.user"));
}

TEST_P(StoreContract, FailedWriteMakesCommitFailAndKeepsNothing) {
  auto transaction = Begin();
  Insert(*transaction, MakeAccount("first", "F", "F"));
  EXPECT_FALSE(transaction->InsertAccount(MakeAccount("first", "F", "F")));
  Result<Id> later = transaction->InsertAccount(MakeAccount("later", "L", "L"));
  EXPECT_FALSE(later);
  const Status committed = transaction->Commit();
  ASSERT_FALSE(committed);
  EXPECT_EQ(committed.error().code, ErrorCode::kInvalidArgument);
  transaction.reset();
  EXPECT_FALSE(*store().LoginTaken("first"));
  EXPECT_FALSE(*store().LoginTaken("later"));
}

TEST_P(StoreContract, OnlyOneTransactionAtATime) {
  auto transaction = Begin();
  Result<std::unique_ptr<directory::Transaction>> second = store().Begin();
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kInvalidArgument);
  transaction.reset();
  EXPECT_TRUE(store().Begin());
}

TEST_P(StoreContract, CommittedWritesAreSeenByAnotherConnection) {
  const directory::Org org = AddOrg("0751234A");
  auto transaction = Begin();
  const Id id = Insert(*transaction, MakeAccount("seen", "S", "S"));
  Affiliate(*transaction, id, org.id, "teacher", "csv");
  std::unique_ptr<directory::Store> other = OpenAnother();
  ASSERT_NE(other, nullptr);
  EXPECT_TRUE(other->LoadSnapshot(org.id, "csv")->accounts.empty());  // readers never wait
  ASSERT_TRUE(transaction->Commit());
  EXPECT_EQ(other->LoadSnapshot(org.id, "csv")->accounts.size(), 1u);
}

TEST_P(StoreContract, DeleteAccountTakesItsAffiliationsMembershipsAndLinks) {
  const directory::Org org = AddOrg("0751234A");
  auto transaction = Begin();
  const Id child = Insert(*transaction, MakeAccount("child", "Kid", "A"));
  const Id guardian = Insert(*transaction, MakeAccount("parent", "Kid", "P"));
  Affiliate(*transaction, child, org.id, "student", "csv", "E1");
  Affiliate(*transaction, guardian, org.id, "guardian", "csv", "P1");
  const Id group = AddGroup(*transaction, org.id, "CM1 A", "2026-2027");
  ASSERT_TRUE(transaction->InsertMembership({child, group, "csv"}));
  ASSERT_TRUE(transaction->InsertLink({guardian, child, "csv"}));
  ASSERT_TRUE(transaction->Commit());
  transaction = Begin();
  ASSERT_TRUE(transaction->DeleteAccount(child));
  ASSERT_TRUE(transaction->Commit());
  const directory::Snapshot snapshot = Snapshot(org.id, "csv");
  EXPECT_EQ(AccountIds(snapshot), std::vector<Id>{guardian});
  ASSERT_EQ(snapshot.affiliations.size(), 1u);
  EXPECT_EQ(snapshot.affiliations[0].account, guardian);
  EXPECT_TRUE(snapshot.memberships.empty());
  EXPECT_TRUE(snapshot.links.empty());
  EXPECT_EQ(snapshot.groups.size(), 1u);  // the group stays
}

TEST_P(StoreContract, GroupNameIsUniquePerOrgAndPeriod) {
  const directory::Org org = AddOrg("0751234A");
  const directory::Org other = AddOrg("0759999Z");
  auto transaction = Begin();
  AddGroup(*transaction, org.id, "CM1 A", "2026-2027");
  AddGroup(*transaction, org.id, "CM1 A", "2025-2026");
  AddGroup(*transaction, other.id, "CM1 A", "2026-2027");
  AddGroup(*transaction, org.id, "Chorale", "");
  directory::Group twin{0, org.id, directory::GroupKind::kClass, "Chorale", "", false, "csv"};
  Result<Id> duplicate = transaction->InsertGroup(twin);
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(StoreContract, DuplicateMembershipOrLinkIsInvalidArgument) {
  const directory::Org org = AddOrg("0751234A");
  auto transaction = Begin();
  const Id child = Insert(*transaction, MakeAccount("child", "Kid", "A"));
  const Id guardian = Insert(*transaction, MakeAccount("parent", "Kid", "P"));
  const Id group = AddGroup(*transaction, org.id, "CM1 A", "2026-2027");
  ASSERT_TRUE(transaction->InsertMembership({child, group, "csv"}));
  ASSERT_TRUE(transaction->InsertLink({guardian, child, "csv"}));
  ASSERT_TRUE(transaction->Commit());
  transaction = Begin();
  const Status membership = transaction->InsertMembership({child, group, "manual"});
  ASSERT_FALSE(membership);
  EXPECT_EQ(membership.error().code, ErrorCode::kInvalidArgument);
  transaction.reset();
  transaction = Begin();
  const Status link = transaction->InsertLink({guardian, child, "csv"});
  ASSERT_FALSE(link);
  EXPECT_EQ(link.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(StoreContract, ImportIsSavedReplacedAndFound) {
  const directory::Org org = AddOrg("0751234A");
  directory::ImportRecord record;
  record.id = "imp-3f2a";
  record.org = org.id;
  record.source = "onde";
  record.period = "2026-2027";
  record.options_json = R"({"mode":"sync"})";
  record.summary_json = R"({"counts":{"create":3}})";
  record.created_at = "2026-09-01T08:00:00Z";
  record.updated_at = "2026-09-01T08:00:00Z";
  auto transaction = Begin();
  ASSERT_TRUE(transaction->SaveImport(record));
  ASSERT_TRUE(transaction->Commit());
  EXPECT_EQ(**store().FindImport("imp-3f2a"), record);
  record.state = directory::ImportState::kApplied;
  record.updated_at = "2026-09-01T09:00:00Z";
  transaction = Begin();
  ASSERT_TRUE(transaction->SaveImport(record));
  ASSERT_TRUE(transaction->Commit());
  EXPECT_EQ(**store().FindImport("imp-3f2a"), record);
  Result<std::optional<directory::ImportRecord>> missing = store().FindImport("imp-none");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(*missing);
}

}  // namespace
}  // namespace rollcall::testing
