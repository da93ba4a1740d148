// The store contract for what apply, revert and purge need (issue 5): versions per source, login
// prefixes, single-entity reads, credentials and their sealed copies, the audit log, purge
// candidates, and deleting affiliations and groups.
#include <gmock/gmock.h>

#include "unit/store/store_contract.hpp"

namespace rollcall::testing {
namespace {

using directory::Id;
using ::testing::UnorderedElementsAre;

TEST_P(StoreContract, SourceVersionMovesOnlyWhenTheSourceIsTouched) {
  const directory::Org org = AddOrg("0751234A");
  const auto versions = [&] { return *store().Versions(org.id, "onde"); };
  EXPECT_EQ(versions(), std::make_pair(std::int64_t{0}, std::int64_t{0}));
  auto transaction = Begin();
  ASSERT_TRUE(transaction->TouchSource("onde"));
  ASSERT_TRUE(transaction->TouchSource("csv"));
  ASSERT_TRUE(transaction->Commit());
  EXPECT_EQ(versions().second, 1);
  EXPECT_EQ(Snapshot(org.id, "onde").source_version, 1);
  EXPECT_EQ(Snapshot(org.id, "siecle").source_version, 0);
  EXPECT_FALSE(store().Versions(org.id + 100, "onde"));
}

TEST_P(StoreContract, LoginsStartingWithAPrefixIncludeDeletedOnes) {
  auto transaction = Begin();
  Insert(*transaction, MakeAccount("pablo.raison", "Raison", "Pablo"));
  Insert(*transaction, MakeAccount("pablo.raison2", "Raison", "Pablo"));
  const Id gone = Insert(*transaction, MakeAccount("pablo.raisonnable", "X", "Y"));
  Insert(*transaction, MakeAccount("pablo.rai", "X", "Y"));
  Insert(*transaction, MakeAccount("herve.poulad-malin", "Poulad-Malin", "Hervé"));
  ASSERT_TRUE(transaction->DeleteAccount(gone));
  ASSERT_TRUE(transaction->Commit());
  Result<std::vector<std::string>> taken =
      store().LoginsStartingWith({"pablo.raison", "herve.poulad", "nobody"});
  ASSERT_TRUE(taken);
  EXPECT_THAT(*taken, UnorderedElementsAre("pablo.raison", "pablo.raison2", "pablo.raisonnable",
                                           "herve.poulad-malin"));
}

TEST_P(StoreContract, SingleEntitiesAreFoundByKey) {
  const directory::Org org = AddOrg("0751234A");
  auto transaction = Begin();
  const Id child = Insert(*transaction, MakeAccount("child", "Kid", "A"));
  const Id guardian = Insert(*transaction, MakeAccount("parent", "Kid", "P"));
  const Id affiliation = Affiliate(*transaction, child, org.id, "student", "csv", "E1");
  const Id group = AddGroup(*transaction, org.id, "CM1 A", "2026-2027");
  ASSERT_TRUE(transaction->InsertMembership({child, group, "csv"}));
  ASSERT_TRUE(transaction->InsertLink({guardian, child, "manual"}));
  ASSERT_TRUE(transaction->Commit());
  EXPECT_EQ((*store().FindAccount(child))->login, "child");
  EXPECT_EQ((*store().FindAffiliation(affiliation))->external_id, "E1");
  EXPECT_EQ((*store().FindGroup(group))->name, "CM1 A");
  EXPECT_EQ(**store().FindMembership(child, group), (directory::Membership{child, group, "csv"}));
  EXPECT_EQ(**store().FindLink(guardian, child),
            (directory::GuardianLink{guardian, child, "manual"}));
  EXPECT_FALSE(*store().FindAccount(child + 100));
  EXPECT_FALSE(*store().FindMembership(guardian, group));
  EXPECT_EQ(*store().CountAccountReferences(child), 3u);  // affiliation, membership, link
  EXPECT_EQ(*store().CountAccountReferences(guardian), 1u);
  EXPECT_EQ(*store().CountGroupMembers(group), 1u);
  transaction = Begin();
  ASSERT_TRUE(transaction->DeleteAffiliation(affiliation));
  ASSERT_TRUE(transaction->DeleteGroup(group));  // with its memberships
  ASSERT_TRUE(transaction->Commit());
  EXPECT_FALSE(*store().FindAffiliation(affiliation));
  EXPECT_FALSE(*store().FindMembership(child, group));
  transaction = Begin();
  EXPECT_EQ(transaction->DeleteGroup(group).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, CredentialsAndSealedCopiesRoundTripAndExpire) {
  const directory::Org org = AddOrg("0751234A");
  directory::ImportRecord record;
  record.id = "imp-1";
  record.org = org.id;
  record.created_at = record.updated_at = "2026-09-01T08:00:00Z";
  auto transaction = Begin();
  const Id account = Insert(*transaction, MakeAccount("a", "A", "A"));
  ASSERT_TRUE(transaction->SaveImport(record));
  const directory::Credential credential{account, "password", "b2k$00", true,
                                         "2026-09-01T08:00:00Z"};
  ASSERT_TRUE(transaction->SetCredential(credential));
  ASSERT_TRUE(
      transaction->SaveSealedCredential({"imp-1", account, "sealed", "2026-09-08T08:00:00Z"}));
  ASSERT_TRUE(transaction->Commit());
  EXPECT_EQ(**store().FindCredential(account), credential);
  EXPECT_EQ(store().LoadSealedCredentials("imp-1")->size(), 1u);
  transaction = Begin();
  EXPECT_EQ(*transaction->WipeExpiredCredentials("2026-09-08T08:00:00Z"), 0u);
  EXPECT_EQ(*transaction->WipeExpiredCredentials("2026-09-08T08:00:01Z"), 1u);
  ASSERT_TRUE(transaction->Commit());
  EXPECT_TRUE(store().LoadSealedCredentials("imp-1")->empty());
  transaction = Begin();
  ASSERT_TRUE(transaction->DeleteAccount(account));  // takes its credential
  ASSERT_TRUE(transaction->Commit());
  EXPECT_FALSE(*store().FindCredential(account));
}

// Enough for a store that writes them in batches to have a full batch and a partial one; a
// second copy for the same account replaces the first, and a delete sees copies not yet written.
TEST_P(StoreContract, ManySealedCredentialsRoundTripAndTheLastSavedWins) {
  const directory::Org org = AddOrg("0751234A");
  auto transaction = Begin();
  directory::ImportRecord record;
  record.org = org.id;
  record.created_at = record.updated_at = "2026-09-01T08:00:00Z";
  std::vector<Id> accounts;
  for (int person = 0; person < 40; ++person) {
    const std::string login = "p" + std::to_string(person);
    accounts.push_back(Insert(*transaction, MakeAccount(login, "P", login)));
  }
  for (const std::string id : {"imp-1", "imp-2"}) {
    record.id = id;
    ASSERT_TRUE(transaction->SaveImport(record));
  }
  for (const Id account : accounts) {
    ASSERT_TRUE(transaction->SaveSealedCredential(
        {"imp-1", account, "s" + std::to_string(account), "2026-09-08T08:00:00Z"}));
  }
  ASSERT_TRUE(
      transaction->SaveSealedCredential({"imp-1", accounts[0], "again", "2026-09-08T08:00:00Z"}));
  for (int person = 0; person < 3; ++person) {
    ASSERT_TRUE(transaction->SaveSealedCredential(
        {"imp-2", accounts[static_cast<std::size_t>(person)], "x", "2026-09-08T08:00:00Z"}));
  }
  ASSERT_TRUE(transaction->DeleteSealedCredentials("imp-2"));
  ASSERT_TRUE(transaction->Commit());
  const Result<std::vector<directory::SealedCredential>> sealed =
      store().LoadSealedCredentials("imp-1");
  ASSERT_TRUE(sealed);
  ASSERT_EQ(sealed->size(), 40u);
  EXPECT_EQ(sealed->front().sealed, "again");
  EXPECT_EQ(sealed->back().sealed, "s" + std::to_string(accounts.back()));
  EXPECT_TRUE(store().LoadSealedCredentials("imp-2")->empty());
}

// Enough entries for a store that writes them in batches to leave a partial one for the commit.
TEST_P(StoreContract, ManyAuditEntriesRoundTripAndADuplicateFailsTheTransaction) {
  auto transaction = Begin();
  for (std::int64_t seq = 1; seq <= 70; ++seq) {
    ASSERT_TRUE(transaction->AppendAudit(
        {"imp-1", seq, {}, directory::Membership{seq, 3, "csv"}, "2026-09-01T08:00:00Z"}));
  }
  ASSERT_TRUE(transaction->Commit());
  const Result<std::vector<directory::AuditEntry>> entries = store().LoadAudit("imp-1");
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 70u);
  for (std::int64_t seq = 1; seq <= 70; ++seq) {
    const directory::AuditEntry& entry = (*entries)[static_cast<std::size_t>(seq - 1)];
    EXPECT_EQ(entry.seq, seq);
    EXPECT_EQ(entry.after, directory::EntityState(directory::Membership{seq, 3, "csv"}));
  }
  transaction = Begin();
  const Status appended =
      transaction->AppendAudit({"imp-1", 5, {}, directory::Membership{5, 4, "csv"}, "t"});
  const Status committed = transaction->Commit();
  EXPECT_FALSE(appended && committed);
  EXPECT_EQ(store().LoadAudit("imp-1")->size(), 70u);
}

TEST_P(StoreContract, AuditEntriesRoundTripInOrder) {
  const directory::Org org = AddOrg("0751234A");
  directory::Account before = MakeAccount("pablo.raison", "RAISON", "Pablo");
  before.id = 7;
  before.attributes = {{"email", "p@example.org"}, {"gender", "M"}};
  directory::Account after = before;
  after.state = directory::AccountState::kPendingDeletion;
  after.purge_date = "2027-02-19";
  const std::vector<directory::AuditEntry> entries = {
      {"imp-1",
       1,
       {},
       directory::Group{3, org.id, directory::GroupKind::kCourse, "Latin", "", false, "csv"},
       "t"},
      {"imp-1", 2, before, after, "t"},
      {"imp-1", 3, directory::Membership{7, 3, "manual"}, {}, "t"},
      {"imp-1", 4, {}, directory::GuardianLink{8, 7, "csv"}, "t"},
      {"imp-1",
       5,
       {},
       directory::Affiliation{9, 7, org.id, "student", "csv", "E1", false, "2026-11-21"},
       "t"}};
  auto transaction = Begin();
  for (auto entry = entries.rbegin(); entry != entries.rend(); ++entry) {
    ASSERT_TRUE(transaction->AppendAudit(*entry));
  }
  ASSERT_TRUE(transaction->Commit());
  EXPECT_EQ(*store().LoadAudit("imp-1"), entries);
  EXPECT_TRUE(store().LoadAudit("imp-2")->empty());
}

TEST_P(StoreContract, PurgeCandidatesArePendingDeletionBeforeTheDay) {
  const directory::Org org = AddOrg("0751234A");
  auto transaction = Begin();
  directory::Account due = MakeAccount("due", "A", "A");
  due.state = directory::AccountState::kPendingDeletion;
  due.purge_date = "2027-02-19";
  directory::Account later = due;
  later.login = "later";
  later.purge_date = "2027-02-20";
  const Id due_id = Insert(*transaction, due);
  Insert(*transaction, later);
  Insert(*transaction, MakeAccount("active", "B", "B"));
  directory::Affiliation ended{0, due_id, org.id, "student", "csv", "E1", false, "2026-11-21"};
  ASSERT_TRUE(transaction->InsertAffiliation(ended));
  ASSERT_TRUE(transaction->Commit());
  EXPECT_TRUE(store().AccountsToPurge("2027-02-19")->empty());
  Result<std::vector<directory::UserRow>> rows = store().AccountsToPurge("2027-02-20");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].account.login, "due");
  ASSERT_EQ((*rows)[0].affiliations.size(), 1u);
  EXPECT_EQ((*rows)[0].affiliations[0].org, org.id);
}

}  // namespace
}  // namespace rollcall::testing
