// Store: the abstract user directory. Nothing above `store/` knows which database is in use;
// store/sqlite and store/postgres implement this interface and pass the same contract tests.
//
// Reads return Result (a database can fail); "not found" is an empty optional, not an error.
// Writes happen inside a Transaction: all of them land at Commit(), none if it is not reached
// (destroying an uncommitted transaction rolls it back). One transaction at a time per Store
// (the next may begin once the previous one is committed or destroyed); a Transaction must not
// outlive its Store. Reads made while a transaction is open see its
// uncommitted writes.
//
// Errors: a database that cannot be reached or read is kIo (its message never holds a secret);
// a write the schema refuses (duplicate org code, login taken, unknown referenced id) is
// kInvalidArgument; an update or delete of a row that does not exist is kNotFound.
//
// Not thread-safe: use one Store per thread (each holds its own connection).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "directory/model.hpp"

namespace rollcall::directory {

// Accounts with an affiliation (active or ended) matching `org` and `profile`, and whose login,
// names, e-mail or an external id contain `text`; ordered by last name, first name, id; at most
// `limit`. Text matching and name order ignore the case of ASCII letters (not of accented ones).
struct UserQuery {
  std::optional<Id> org;
  std::string profile;  // "" = any
  std::string text;     // "" = any; matched against login, names, e-mail and external ids
  std::size_t limit = 1000;
};

// One line of `rollcall users`.
struct UserRow {
  Account account;
  // Its affiliations (only those of the queried org, if any), ended ones included so that a
  // pending deletion still shows where it came from; by id.
  std::vector<Affiliation> affiliations;
};

// Imports of `org` (all when empty) in `state` (any when empty), newest first, at most `limit`.
struct ImportQuery {
  std::optional<Id> org;
  std::optional<ImportState> state;
  std::size_t limit = 200;
};

// An uploaded file's bytes, handed over chunk by chunk so that a big file is never held whole:
// the reader gives the next chunk (empty at the end), the writer takes one.
using UploadReader = std::function<Result<std::string_view>()>;
using UploadWriter = std::function<Status(std::string_view chunk)>;

// After a failed write the transaction can only be rolled back (as on PostgreSQL, where an
// error aborts the transaction): Commit() then fails with the first error, changing nothing.
class Transaction {
 public:
  virtual ~Transaction() = default;
  // Inserts return the new row's id (the `id` member passed in is ignored). A reference to an id
  // that does not exist, or a duplicate, is kInvalidArgument.
  // A login any account ever had, even a deleted one, is kInvalidArgument.
  virtual Result<Id> InsertAccount(const Account& account) = 0;
  // Every column, by account.id; the new login, if changed, must never have been another's.
  virtual Status UpdateAccount(const Account& account) = 0;
  virtual Status DeleteAccount(Id account) = 0;  // with its affiliations, memberships, links
  virtual Result<Id> InsertAffiliation(const Affiliation& affiliation) = 0;
  virtual Status UpdateAffiliation(const Affiliation& affiliation) = 0;
  virtual Result<Id> InsertGroup(const Group& group) = 0;
  virtual Status UpdateGroup(const Group& group) = 0;
  virtual Status InsertMembership(const Membership& membership) = 0;
  virtual Status DeleteMembership(Id account, Id group) = 0;
  virtual Status InsertLink(const GuardianLink& link) = 0;
  virtual Status DeleteLink(Id guardian, Id child) = 0;
  virtual Status DeleteAffiliation(Id affiliation) = 0;
  virtual Status DeleteGroup(Id group) = 0;                   // with its memberships
  virtual Status SaveImport(const ImportRecord& record) = 0;  // insert or replace, by id
  // Custom roles: a name_key already taken is kInvalidArgument. Restore inserts a role under its
  // own id (revert puts back a deleted role). Deleting a role some account still holds is
  // kInvalidArgument.
  virtual Result<Id> InsertCustomRole(const CustomRole& role) = 0;
  virtual Status RestoreCustomRole(const CustomRole& role) = 0;
  virtual Status UpdateCustomRole(const CustomRole& role) = 0;
  virtual Status DeleteCustomRole(Id role) = 0;
  // Gives the account its one custom role, replacing any other (insert or replace, by account).
  virtual Status SetRoleAssignment(const RoleAssignment& assignment) = 0;
  virtual Status DeleteRoleAssignment(Id account) = 0;
  // Marks the org as changed (Snapshot::version); call once per transaction that touches it.
  virtual Status TouchOrg(Id org) = 0;
  // Marks what `source` owns as changed (Snapshot::source_version).
  virtual Status TouchSource(const std::string& source) = 0;
  virtual Status SetCredential(const Credential& credential) = 0;  // insert or replace
  virtual Status SaveSealedCredential(const SealedCredential& credential) = 0;
  virtual Status DeleteSealedCredentials(const std::string& import_id) = 0;
  // Appends one entry; (import_id, seq) must be new. An import's entries share one time: the
  // `at` of its first entry.
  virtual Status AppendAudit(const AuditEntry& entry) = 0;
  // A hint, before the inserts: this transaction will create `accounts` accounts with their
  // affiliations and memberships. A store may then build some indexes once, at commit, rather
  // than row by row, and write rows in batches; what the transaction writes is the same either
  // way, but a write that fails (a login that was another account's, a broken reference) may
  // then fail a later call or Commit() instead of its own. Reads still see every write.
  virtual Status ExpectBulkCreate(std::size_t accounts) = 0;
  // Deletes sealed credentials whose expiry is before `now`; returns how many.
  virtual Result<std::size_t> WipeExpiredCredentials(const std::string& now) = 0;
  virtual Status Commit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Creates the schema or brings it up to the latest migration, all or nothing. A database
  // migrated by a newer Rollcall is kUnsupportedFormat.
  virtual Status Migrate() = 0;
  // The database's schema version: 0 when empty, LatestSchemaVersion() once migrated.
  virtual Result<int> SchemaVersion() = 0;
  virtual int LatestSchemaVersion() const = 0;
  // Starts the transaction, waiting a while for another writer to finish.
  virtual Result<std::unique_ptr<Transaction>> Begin() = 0;

  // A duplicate code is kInvalidArgument, an unknown parent kNotFound.
  virtual Result<Org> AddOrg(const std::string& code, const std::string& name,
                             const std::optional<std::string>& parent_code) = 0;
  virtual Result<std::optional<Org>> FindOrg(const std::string& code) = 0;
  virtual Result<std::vector<Org>> ListOrgs() = 0;  // by code

  // The Snapshot of `org` for `source`, read consistently (one read transaction), every list
  // ordered by id (memberships and links by their two ids). An unknown org is kNotFound.
  virtual Result<Snapshot> LoadSnapshot(Id org, const std::string& source) = 0;
  virtual Result<std::vector<UserRow>> ListUsers(const UserQuery& query) = 0;
  // Whether any account, even deleted, ever had this login.
  virtual Result<bool> LoginTaken(const std::string& login) = 0;

  // Every login any account ever had that starts with one of `prefixes`, in no order.
  virtual Result<std::vector<std::string>> LoginsStartingWith(
      const std::vector<std::string>& prefixes) = 0;

  virtual Result<std::optional<ImportRecord>> FindImport(const std::string& id) = 0;
  virtual Result<std::vector<ImportRecord>> ListImports(const ImportQuery& query) = 0;

  // Uploaded files, content-addressed (issue 13): a draft owns copies of its files, kept under
  // the hash of their bytes (the caller computes it) and never modified, so any process sharing
  // the database can analyse the draft again. Each write is its own transaction (or a savepoint
  // of the open one).
  // The stored size of the upload `hash`, or nothing when it is not stored.
  virtual Result<std::optional<std::uint64_t>> UploadSize(const std::string& hash) = 0;
  // Stores the bytes `read` gives under `hash`; an upload already stored is kept as it is.
  virtual Status SaveUpload(const std::string& hash, const UploadReader& read,
                            const std::string& now) = 0;
  // Hands the upload's bytes to `write` in order; kNotFound when it is not stored.
  virtual Status ReadUpload(const std::string& hash, const UploadWriter& write) = 0;
  // The org's version and the source's, as LoadSnapshot reports them.
  virtual Result<std::pair<std::int64_t, std::int64_t>> Versions(Id org,
                                                                 const std::string& source) = 0;

  // Single entities by key, for revert's checks; empty when they do not exist.
  virtual Result<std::optional<Account>> FindAccount(Id id) = 0;
  virtual Result<std::optional<Affiliation>> FindAffiliation(Id id) = 0;
  virtual Result<std::optional<Group>> FindGroup(Id id) = 0;
  virtual Result<std::optional<Membership>> FindMembership(Id account, Id group) = 0;
  virtual Result<std::optional<GuardianLink>> FindLink(Id guardian, Id child) = 0;
  // Affiliations, memberships and guardian links that refer to the account.
  virtual Result<std::size_t> CountAccountReferences(Id account) = 0;
  virtual Result<std::size_t> CountGroupMembers(Id group) = 0;
  virtual Result<std::optional<Credential>> FindCredential(Id account) = 0;

  // Custom roles by id; role assignments by account.
  virtual Result<std::vector<CustomRole>> ListCustomRoles() = 0;
  virtual Result<std::vector<RoleAssignment>> ListRoleAssignments() = 0;
  virtual Result<std::optional<CustomRole>> FindCustomRole(Id id) = 0;
  virtual Result<std::optional<RoleAssignment>> FindRoleAssignment(Id account) = 0;
  virtual Result<std::optional<Account>> FindAccountByLogin(const std::string& login) = 0;
  // Accounts (not deleted) whose e-mail attribute is one of `emails`, comparing ASCII letters
  // without case; by id. One pass over the accounts: there is no e-mail index, which would slow
  // every bulk import for the sake of a small role file.
  virtual Result<std::vector<Account>> FindAccountsByEmail(
      const std::vector<std::string>& emails) = 0;
  // Which of `names` some group of any org and period, not archived, is named exactly.
  virtual Result<std::vector<std::string>> ExistingGroupNames(
      const std::vector<std::string>& names) = 0;

  // The import's audit entries by seq.
  virtual Result<std::vector<AuditEntry>> LoadAudit(const std::string& import_id) = 0;
  virtual Result<std::vector<SealedCredential>> LoadSealedCredentials(
      const std::string& import_id) = 0;
  // The accounts (not deleted) whose login is one of `logins`, by id, with every affiliation
  // they have: what an action file names beyond the org's snapshot.
  virtual Result<std::vector<UserRow>> AccountsWithLogins(
      const std::vector<std::string>& logins) = 0;
  // Accounts pending deletion whose purge date is before `today`, by id, with every
  // affiliation they still have.
  virtual Result<std::vector<UserRow>> AccountsToPurge(const std::string& today) = 0;

  // Drop-folder sync (issue 6). Each write below is its own short transaction: call them with no
  // transaction open. An unknown org is kInvalidArgument.
  virtual Result<std::optional<SyncSettings>> FindSyncSettings(Id org) = 0;
  virtual Result<std::vector<SyncSettings>> ListSyncSettings() = 0;  // by org id
  // Inserts or replaces the folder, enabled and daily time; keeps the last run and outcome.
  virtual Status SaveSyncSettings(const SyncSettings& settings) = 0;
  // Records a run; kNotFound when the org has no sync settings.
  virtual Status RecordSyncRun(Id org, const std::string& at, const std::string& outcome) = 0;
  // Takes `wanted.org`'s lock for `wanted.holder` unless another holder's lock has not expired at
  // `now` (timestamps compare as text). The same holder taking it again extends it. Returns the
  // lock in force: ours when taken, else the other holder's.
  virtual Result<OrgLock> AcquireOrgLock(const OrgLock& wanted, const std::string& now) = 0;
  // Releases the lock if `holder` holds it; otherwise changes nothing.
  virtual Status ReleaseOrgLock(Id org, const std::string& holder) = 0;
};

}  // namespace rollcall::directory
