// directory::Store on one SQLite file: WAL journal (readers never wait for the writer), foreign
// keys enforced, a busy timeout so that a second process waits for the writer instead of failing
// at once, synchronous=NORMAL (durable at checkpoints; a power cut may lose the last commits but
// never corrupts).
//
// Not thread-safe: one SqliteStore per thread (each opens its own connection; several processes
// may share the file). Transactions and reads follow directory::Store's contract.
#pragma once

#include <memory>
#include <string>

#include "base/result.hpp"
#include "directory/store.hpp"
#include "store/sqlite/sqlite_db.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace rollcall::store::sqlite {

class SqliteStore final : public directory::Store {
 public:
  // Opens `path`; a missing file is created only with `create` (else kNotFound). Does not
  // migrate: call Migrate() or check SchemaVersion().
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, bool create);

  Status Migrate() override;
  Result<int> SchemaVersion() override;
  int LatestSchemaVersion() const override;
  Result<std::unique_ptr<directory::Transaction>> Begin() override;
  // From how many accounts a transaction's ExpectBulkCreate() builds some indexes at commit
  // instead of row by row (tests lower it to see it happen).
  void set_bulk_threshold(std::size_t accounts) { bulk_threshold_ = accounts; }

  Result<directory::Org> AddOrg(const std::string& code, const std::string& name,
                                const std::optional<std::string>& parent_code) override;
  Result<std::optional<directory::Org>> FindOrg(const std::string& code) override;
  Result<std::vector<directory::Org>> ListOrgs() override;

  Result<directory::Snapshot> LoadSnapshot(directory::Id org, const std::string& source) override;
  Result<std::vector<directory::UserRow>> ListUsers(const directory::UserQuery& query) override;
  Result<bool> LoginTaken(const std::string& login) override;

  Result<std::vector<std::string>> LoginsStartingWith(
      const std::vector<std::string>& prefixes) override;

  Result<std::optional<directory::ImportRecord>> FindImport(const std::string& id) override;
  Result<std::vector<directory::ImportRecord>> ListImports(
      const directory::ImportQuery& query) override;
  // sqlite_drafts.cpp
  Result<std::optional<std::uint64_t>> UploadSize(const std::string& hash) override;
  Status SaveUpload(const std::string& hash, const directory::UploadReader& read,
                    const std::string& now) override;
  Status ReadUpload(const std::string& hash, const directory::UploadWriter& write) override;
  Result<std::pair<std::int64_t, std::int64_t>> Versions(directory::Id org,
                                                         const std::string& source) override;

  Result<std::optional<directory::Account>> FindAccount(directory::Id id) override;
  Result<std::optional<directory::Affiliation>> FindAffiliation(directory::Id id) override;
  Result<std::optional<directory::Group>> FindGroup(directory::Id id) override;
  Result<std::optional<directory::Membership>> FindMembership(directory::Id account,
                                                              directory::Id group) override;
  Result<std::optional<directory::GuardianLink>> FindLink(directory::Id guardian,
                                                          directory::Id child) override;
  Result<std::size_t> CountAccountReferences(directory::Id account) override;
  Result<std::size_t> CountGroupMembers(directory::Id group) override;
  Result<std::optional<directory::Credential>> FindCredential(directory::Id account) override;

  Result<std::vector<directory::CustomRole>> ListCustomRoles() override;
  Result<std::vector<directory::RoleAssignment>> ListRoleAssignments() override;
  Result<std::optional<directory::CustomRole>> FindCustomRole(directory::Id id) override;
  Result<std::optional<directory::RoleAssignment>> FindRoleAssignment(
      directory::Id account) override;
  Result<std::optional<directory::Account>> FindAccountByLogin(const std::string& login) override;
  Result<std::vector<directory::Account>> FindAccountsByEmail(
      const std::vector<std::string>& emails) override;
  Result<std::vector<std::string>> ExistingGroupNames(
      const std::vector<std::string>& names) override;

  Result<std::vector<directory::AuditEntry>> LoadAudit(const std::string& import_id) override;
  Result<std::vector<directory::SealedCredential>> LoadSealedCredentials(
      const std::string& import_id) override;
  Result<std::vector<directory::UserRow>> AccountsToPurge(const std::string& today) override;
  Result<std::vector<directory::UserRow>> AccountsWithLogins(
      const std::vector<std::string>& logins) override;

  // sqlite_sync.cpp
  Result<std::optional<directory::SyncSettings>> FindSyncSettings(directory::Id org) override;
  Result<std::vector<directory::SyncSettings>> ListSyncSettings() override;
  Status SaveSyncSettings(const directory::SyncSettings& settings) override;
  Status RecordSyncRun(directory::Id org, const std::string& at,
                       const std::string& outcome) override;
  Result<directory::OrgLock> AcquireOrgLock(const directory::OrgLock& wanted,
                                            const std::string& now) override;
  Status ReleaseOrgLock(directory::Id org, const std::string& holder) override;

 private:
  explicit SqliteStore(std::unique_ptr<Database> db) : db_(std::move(db)) {}
  Status Configure();
  // Fills each row's affiliations, by id.
  Status AddAffiliations(std::vector<directory::UserRow>& rows);

  // The connection, after the open transaction (if any) has written what it holds in batches and
  // its writer thread is idle: a read sees the transaction's writes, and the connection is never
  // used by two threads at once. A failure to write them is the transaction's (its Commit()
  // returns it); the read goes on.
  Database& Db() const;

  std::unique_ptr<Database> db_;  // through Db()
  // Shared with the open transaction; "one transaction at a time".
  std::shared_ptr<TransactionSlot> transaction_ = std::make_shared<TransactionSlot>();
  std::size_t bulk_threshold_ = 50000;
};

}  // namespace rollcall::store::sqlite
