// The fixture helpers of the store contract suite.
#include "unit/store/store_contract.hpp"

namespace rollcall::testing {

using directory::Id;

void StoreContract::SetUp() {
  store_ = GetParam().open(scratch_.path());
  if (!store_) GTEST_SKIP() << GetParam().name << " is not available here";
  const Status migrated = store_->Migrate();
  ASSERT_TRUE(migrated) << migrated.error().message;
}

std::unique_ptr<directory::Store> StoreContract::OpenAnother() {
  return GetParam().open(scratch_.path());
}

directory::Org StoreContract::AddOrg(const std::string& code,
                                     const std::optional<std::string>& parent) {
  Result<directory::Org> org = store_->AddOrg(code, "School " + code, parent);
  EXPECT_TRUE(org) << org.error().message;
  return org ? *org : directory::Org{};
}

std::unique_ptr<directory::Transaction> StoreContract::Begin() {
  Result<std::unique_ptr<directory::Transaction>> transaction = store_->Begin();
  EXPECT_TRUE(transaction) << transaction.error().message;
  return transaction ? std::move(transaction).value() : nullptr;
}

directory::Account StoreContract::MakeAccount(const std::string& login,
                                              const std::string& last_name,
                                              const std::string& first_name) {
  directory::Account account;
  account.login = login;
  account.last_name = last_name;
  account.first_name = first_name;
  account.created_at = "2026-09-01T08:00:00Z";
  account.updated_at = "2026-09-01T08:00:00Z";
  return account;
}

Id StoreContract::Insert(directory::Transaction& transaction, const directory::Account& account) {
  Result<Id> id = transaction.InsertAccount(account);
  EXPECT_TRUE(id) << id.error().message;
  return id ? *id : 0;
}

Id StoreContract::Affiliate(directory::Transaction& transaction, Id account, Id org,
                            const std::string& profile, const std::string& source,
                            const std::string& external_id) {
  directory::Affiliation affiliation;
  affiliation.account = account;
  affiliation.org = org;
  affiliation.profile = profile;
  affiliation.source = source;
  affiliation.external_id = external_id;
  Result<Id> id = transaction.InsertAffiliation(affiliation);
  EXPECT_TRUE(id) << id.error().message;
  return id ? *id : 0;
}

Id StoreContract::AddGroup(directory::Transaction& transaction, Id org, const std::string& name,
                           const std::string& period, directory::GroupKind kind, bool archived) {
  directory::Group group;
  group.org = org;
  group.kind = kind;
  group.name = name;
  group.period = period;
  group.archived = archived;
  group.source = "csv";
  Result<Id> id = transaction.InsertGroup(group);
  EXPECT_TRUE(id) << id.error().message;
  return id ? *id : 0;
}

directory::Snapshot StoreContract::Snapshot(Id org, const std::string& source) {
  Result<directory::Snapshot> snapshot = store_->LoadSnapshot(org, source);
  EXPECT_TRUE(snapshot) << snapshot.error().message;
  return snapshot ? std::move(snapshot).value() : directory::Snapshot{};
}

std::vector<directory::UserRow> StoreContract::Users(const directory::UserQuery& query) {
  Result<std::vector<directory::UserRow>> users = store_->ListUsers(query);
  EXPECT_TRUE(users) << users.error().message;
  return users ? std::move(users).value() : std::vector<directory::UserRow>{};
}

std::vector<Id> AccountIds(const directory::Snapshot& snapshot) {
  std::vector<Id> ids;
  for (const directory::Account& account : snapshot.accounts) ids.push_back(account.id);
  return ids;
}

std::vector<std::string> Logins(const std::vector<directory::UserRow>& users) {
  std::vector<std::string> logins;
  for (const directory::UserRow& user : users) logins.push_back(user.account.login);
  return logins;
}

}  // namespace rollcall::testing
