// directory::Transaction on SQLite: one BEGIN IMMEDIATE transaction, its statements prepared
// once per connection and reused, so a bulk apply binds and steps the same few statements.
// sqlite_transaction.cpp writes the directory's entities; sqlite_bulk_create.cpp the ids and
// what a bulk create defers to the commit; sqlite_import_log.cpp an import's audit entries and
// sealed credentials.
//
// The first failed write poisons the transaction (as PostgreSQL does): later writes and Commit()
// return that error, and the destructor rolls everything back. Not thread-safe.
//
// In a bulk create the new rows are written in batches, on a second thread (WriteBehind): a
// failure then surfaces at a later call or at Commit(), still before anything is committed.
// Every statement of the calling thread first waits for that thread (Append, ReadOne, Commit),
// and so does every read of the store while the transaction is open (Settle(), through
// SqliteStore::Db()).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "directory/store.hpp"
#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_db.hpp"
#include "store/sqlite/write_behind.hpp"

namespace rollcall::store::sqlite {

class SqliteTransaction;

// A batched INSERT: its text for SqliteTransaction::kBatch rows, and for one (a partial batch is
// written row by row). Kept in static storage: Database::CachedStatic keys on the addresses.
struct BatchStatements {
  BatchStatements(std::string_view head, std::string_view row, std::string_view tail);
  std::string batch;
  std::string one;
};

// The inserts of the rows a bulk create batches (sqlite_bulk_create.cpp). Outside a bulk create,
// a transaction writes each such row with `one`.
const BatchStatements& AccountInserts();
const BatchStatements& AffiliationInserts();
const BatchStatements& MembershipInserts();
const BatchStatements& CredentialUpserts();

// Shared by a store and its open transaction, which outlives neither on purpose but may outlive
// the store: the transaction sets `open` while it lives and is not committed.
struct TransactionSlot {
  SqliteTransaction* open = nullptr;
};

class SqliteTransaction final : public directory::Transaction {
 public:
  // Rows written per statement: audit entries and sealed credentials always; accounts,
  // affiliations, memberships and credentials in a bulk create.
  static constexpr std::size_t kBatch = 32;

  // REQUIRES: `db` is inside a transaction begun for this object; `slot` is the store's, empty.
  // `bulk_threshold`: ExpectBulkCreate() defers indexes from this many accounts on.
  SqliteTransaction(Database& db, std::shared_ptr<TransactionSlot> slot,
                    std::size_t bulk_threshold);
  ~SqliteTransaction() override;
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;

  Result<directory::Id> InsertAccount(const directory::Account& account) override;
  Status UpdateAccount(const directory::Account& account) override;
  Status DeleteAccount(directory::Id account) override;
  Result<directory::Id> InsertAffiliation(const directory::Affiliation& affiliation) override;
  Status UpdateAffiliation(const directory::Affiliation& affiliation) override;
  Result<directory::Id> InsertGroup(const directory::Group& group) override;
  Status UpdateGroup(const directory::Group& group) override;
  Status InsertMembership(const directory::Membership& membership) override;
  Status DeleteMembership(directory::Id account, directory::Id group) override;
  Status InsertLink(const directory::GuardianLink& link) override;
  Status DeleteLink(directory::Id guardian, directory::Id child) override;
  Status SaveImport(const directory::ImportRecord& record) override;
  Result<directory::Id> InsertCustomRole(const directory::CustomRole& role) override;
  Status RestoreCustomRole(const directory::CustomRole& role) override;
  Status UpdateCustomRole(const directory::CustomRole& role) override;
  Status DeleteCustomRole(directory::Id role) override;
  Status SetRoleAssignment(const directory::RoleAssignment& assignment) override;
  Status DeleteRoleAssignment(directory::Id account) override;
  Status DeleteAffiliation(directory::Id affiliation) override;
  Status DeleteGroup(directory::Id group) override;
  Status TouchOrg(directory::Id org) override;
  Status TouchSource(const std::string& source) override;
  Status SetCredential(const directory::Credential& credential) override;
  Status SaveSealedCredential(const directory::SealedCredential& credential) override;
  Status DeleteSealedCredentials(const std::string& import_id) override;
  Status AppendAudit(const directory::AuditEntry& entry) override;
  Status ExpectBulkCreate(std::size_t accounts) override;
  Result<std::size_t> WipeExpiredCredentials(const std::string& now) override;
  Status Commit() override;

  // Writes what waits in batches and waits for the writer thread, so that the store may read
  // with the connection (and see every write). A failure is recorded (Commit() returns it).
  Status Settle();

 private:
  // Runs the cached statement `sql` (a constant: Database::CachedStatic) after `bind` fills its
  // parameters; records a failure. First writes the entity rows waiting in batches, which the
  // statement may read or change.
  template <class Bind>
  Status Write(const char* sql, Bind&& bind);
  // Write() without writing the waiting entity rows first: for rows no waiting row refers to or
  // conflicts with (a new account, an import's log).
  template <class Bind>
  Status Append(const char* sql, Bind&& bind);
  // Runs `sql` as Append() does, but records nothing and waits for nothing: what a batch runs,
  // on either thread.
  template <class Bind>
  Status Run(const char* sql, Bind&& bind);
  // Waits until the writer thread, if any, has written everything handed to it.
  Status WaitForWriter();
  // Runs a statement writing an account's row (or its login's): Settle(), then Run(); a
  // constraint the statement breaks is LoginRefused(login).
  template <class Bind>
  Status WriteAccountRow(const char* sql, const std::string& login, Bind&& bind);
  // SelectOne() inside the transaction: refused once it failed or ended; records a failure.
  // Writes the waiting entity rows first.
  template <class T, class Bind, class Read>
  Result<std::optional<T>> ReadOne(const char* sql, Bind&& bind, Read&& read);
  // kInvalidArgument once ended, the recorded failure once failed.
  Status Usable() const;
  // kNotFound (recorded) unless the last write changed a row.
  Status ExpectChanged(std::string_view what, directory::Id id);
  Result<directory::Id> Inserted(Status written);
  Error Fail(Error error);
  // The import's key in import_log, made on first use and remembered: a bulk apply names the
  // same import millions of times. Records `audited_at` (when not empty) as the time of the
  // import's audit entries, unless one was recorded before: an import's entries share one time.
  Result<directory::Id> ImportKey(const std::string& import_id, std::string_view audited_at);

  // Ids of account and affiliation rows (no AUTOINCREMENT since migration 7): the last one
  // given is read on first use, and written back to sqlite_sequence at commit.
  struct IdSequence {
    std::string_view name;    // the table's, as in sqlite_sequence
    const char* last_id_sql;  // the largest id ever given
    bool read = false;
    directory::Id last = 0;          // the last given
    directory::Id last_written = 0;  // as sqlite_sequence has it (or had it when read)
  };
  Result<directory::Id> LastGivenId(IdSequence& sequence);
  Result<directory::Id> NextId(IdSequence& sequence);
  Status SaveSequences();
  Status RebuildDeferredIndexes();
  Status RecordBulkLogins();
  Status FlushAudit();   // writes pending_audit_
  Status FlushSealed();  // writes pending_sealed_
  // In a bulk create, accounts, affiliations, memberships and credentials wait in batches too.
  // The accounts' batch is handed over before any other, which may refer to them.
  Status QueueAccount(const directory::Account& account, directory::Id id);
  Status FlushAccounts();
  Status QueueAffiliation(const directory::Affiliation& affiliation, directory::Id id);
  // Queues `row` in `rows`; a full batch is handed on (WriteBatch) after the waiting accounts,
  // which its rows refer to.
  template <class Row>
  Status QueueReferring(std::vector<Row>& rows, Row row, const BatchStatements& statements);
  Status QueueMembership(const directory::Membership& membership);
  Status QueueCredential(const directory::Credential& credential);
  Status FlushEntities();  // writes all four
  // Writes `rows` (and empties it) with `statements.batch` when they are kBatch, else one by one
  // with `statements.one`: on the writer thread in a bulk create, else at once.
  // Row::Bind(statement, first) binds a row's Row::kColumns parameters from `first`.
  template <class Row>
  Status WriteBatch(std::vector<Row>& rows, const BatchStatements& statements);
  template <class Row>
  Status RunRows(const std::vector<Row>& rows, const BatchStatements& statements);

  struct LoggedImport {
    std::string id;
    directory::Id key = 0;
    bool audited = false;               // audited_at is recorded
    std::string credentials_expire_at;  // as this transaction last set it
  };

  Database& db_;
  std::shared_ptr<TransactionSlot> slot_;
  bool ended_ = false;  // committed
  std::optional<Error> failure_;
  LoggedImport logged_import_;
  IdSequence account_ids_;
  IdSequence affiliation_ids_;
  const std::size_t bulk_threshold_;
  std::vector<std::string> deferred_indexes_;  // CREATE INDEX statements, run at commit
  // Rows waiting for a full batch (or the commit, or a statement that must see them).
  struct PendingAudit {
    static constexpr int kColumns = 4;
    void Bind(Statement& statement, int first) const;
    directory::Id import_key = 0;
    std::int64_t seq = 0;
    std::string before;
    std::string after;
  };
  std::vector<PendingAudit> pending_audit_;
  struct PendingSealed {
    static constexpr int kColumns = 3;
    void Bind(Statement& statement, int first) const;
    directory::Id import_key = 0;
    directory::Id account = 0;
    std::string sealed;
  };
  std::vector<PendingSealed> pending_sealed_;
  template <class Entity, int Columns, void (*BindEntity)(Statement&, const Entity&, int)>
  struct PendingEntity {
    static constexpr int kColumns = Columns;
    void Bind(Statement& statement, int first) const { BindEntity(statement, entity, first); }
    Entity entity;
  };
  struct PendingAccount {
    static constexpr int kColumns = 10;
    void Bind(Statement& statement, int first) const;
    directory::Account account;
    std::string attributes;  // encoded
  };
  std::vector<PendingAccount> pending_accounts_;
  // After a batch of them failed: "login 'x' is or was another account's" for the first whose
  // login another account holds; else `failure`. Runs on the writer thread.
  Error RefusedLoginAmong(const std::vector<PendingAccount>& rows, Error failure);
  using PendingAffiliation = PendingEntity<directory::Affiliation, 9, BindAffiliation>;
  using PendingMembership = PendingEntity<directory::Membership, 3, BindMembership>;
  using PendingCredential = PendingEntity<directory::Credential, 5, BindCredential>;
  std::vector<PendingAffiliation> pending_affiliations_;
  std::vector<PendingMembership> pending_memberships_;
  std::vector<PendingCredential> pending_credentials_;
  // After ExpectBulkCreate() took effect: the first account id it gave. The logins of the
  // accounts from there on enter login_history at commit, in one sorted pass.
  directory::Id bulk_first_account_ = 0;
  std::unique_ptr<WriteBehind> writer_;  // from then on
};

// "login 'x' is or was another account's" (kInvalidArgument).
Error LoginRefused(const std::string& login);

template <class Bind>
Status SqliteTransaction::Write(const char* sql, Bind&& bind) {
  if (Status flushed = FlushEntities(); !flushed) return flushed;
  return Append(sql, bind);
}

template <class Bind>
Status SqliteTransaction::Append(const char* sql, Bind&& bind) {
  if (Status waited = WaitForWriter(); !waited) return waited;
  if (Status usable = Usable(); !usable) return usable;
  if (Status run = Run(sql, bind); !run) return Fail(run.error());
  return {};
}

template <class Bind>
Status SqliteTransaction::Run(const char* sql, Bind&& bind) {
  Result<StatementLease> statement = db_.CachedStatic(sql);
  if (!statement) return statement.error();
  bind(statement->get());
  return statement->get().Run();
}

template <class T, class Bind, class Read>
Result<std::optional<T>> SqliteTransaction::ReadOne(const char* sql, Bind&& bind, Read&& read) {
  if (Status settled = Settle(); !settled) return settled.error();
  if (Status usable = Usable(); !usable) return usable.error();
  Result<std::optional<T>> value = SelectOne<T>(db_, sql, bind, read);
  if (!value) return Fail(value.error());
  return value;
}

// A full batch in one statement, a partial one row by row (a bulk apply's last few rows).
template <class Row>
Status SqliteTransaction::RunRows(const std::vector<Row>& rows, const BatchStatements& statements) {
  if (rows.size() == kBatch) {
    return Run(statements.batch.c_str(), [&](Statement& s) {
      for (std::size_t row_idx = 0; row_idx < rows.size(); ++row_idx) {
        rows[row_idx].Bind(s, static_cast<int>(row_idx) * Row::kColumns + 1);
      }
    });
  }
  for (const Row& row : rows) {
    if (Status written = Run(statements.one.c_str(), [&](Statement& s) { row.Bind(s, 1); });
        !written) {
      return written;
    }
  }
  return {};
}

template <class Row>
Status SqliteTransaction::WriteBatch(std::vector<Row>& rows, const BatchStatements& statements) {
  if (rows.empty()) return {};
  if (Status usable = Usable(); !usable) {  // nothing more is written once a write failed
    rows.clear();
    return usable;
  }
  auto write = [this, batch = std::move(rows), &statements]() -> Status {
    Status written = RunRows(batch, statements);
    if constexpr (std::is_same_v<Row, PendingAccount>) {
      if (!written) return RefusedLoginAmong(batch, written.error());
    }
    return written;
  };
  rows.clear();
  rows.reserve(kBatch);
  if (writer_) {
    if (Status submitted = writer_->Submit(std::move(write)); !submitted) {
      return Fail(submitted.error());
    }
    return {};
  }
  if (Status written = write(); !written) return Fail(written.error());
  return {};
}

}  // namespace rollcall::store::sqlite
