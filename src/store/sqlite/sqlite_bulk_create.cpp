// SqliteTransaction's bulk creates (issue 5): the ids it gives, the rows ExpectBulkCreate() writes
// in batches, and what it defers to the commit (three indexes, the new logins' history).
#include <fmt/format.h>

#include "store/sqlite/attributes_codec.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace rollcall::store::sqlite {
namespace {

using directory::Id;

// The logins of every account a bulk create made (ids from ?1 on), in login order: one pass that
// appends to the history's B-tree instead of a million inserts at random places in it. A login
// that was another account's changes no row, which RecordBulkLogins() counts.
constexpr const char kRecordLoginsFrom[] =
    "INSERT INTO login_history(login, account_id)"
    " SELECT login, id FROM account WHERE id >= ?1 ORDER BY login"
    " ON CONFLICT(login) DO UPDATE SET account_id = excluded.account_id"
    " WHERE login_history.account_id = excluded.account_id";
constexpr const char kCountAccountsFrom[] = "SELECT count(*) FROM account WHERE id >= ?1";
constexpr const char kLoginTakenFrom[] =
    "SELECT a.login FROM account a JOIN login_history h ON h.login = a.login"
    " WHERE a.id >= ?1 AND h.account_id <> a.id LIMIT 1";
// The indexes a bulk create inserts into at random places, one row at a time: a million accounts
// inserted into account_by_name cost 12 s, against 8 s for the inserts and the index built after
// (SQLite sorts the rows once). The others fill in the order rows arrive, which costs little.
constexpr const char* kDeferrableIndexes[] = {"account_by_name", "affiliation_by_source",
                                              "membership_by_group"};
constexpr const char kIndexSql[] =
    "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1";
constexpr const char kAccountOfLogin[] = "SELECT id FROM account WHERE login = ?1";
// Handed to the writer thread at most this many batches ahead (of 32 rows, at most a few KB
// each): a few MB.
constexpr std::size_t kWriterQueue = 64;
constexpr const char kUpdateSequence[] = "UPDATE sqlite_sequence SET seq = ?2 WHERE name = ?1";
constexpr const char kInsertSequence[] = "INSERT INTO sqlite_sequence(name, seq) VALUES (?1, ?2)";

// `head`, then `row` `rows` times, then `tail`.
std::string MultiRowSql(std::string_view head, std::string_view row, std::string_view tail,
                        std::size_t rows) {
  std::string sql(head);
  for (std::size_t row_idx = 0; row_idx < rows; ++row_idx) {
    sql += row_idx == 0 ? "" : ", ";
    sql += row;
  }
  return sql += tail;
}

}  // namespace

BatchStatements::BatchStatements(std::string_view head, std::string_view row, std::string_view tail)
    : batch(MultiRowSql(head, row, tail, SqliteTransaction::kBatch)),
      one(MultiRowSql(head, row, tail, 1)) {}

// Accounts OR FAIL, like the audit entries (sqlite_import_log.cpp): an account has no foreign key,
// so its batch needs no statement journal. Affiliations, memberships and credentials keep the
// default ABORT: their foreign keys make SQLite keep a statement journal whatever the clause,
// which for these small rows, appended in order, copies about one page per statement. (For one
// row, OR FAIL and ABORT undo the same: nothing.)
const BatchStatements& AccountInserts() {
  static const BatchStatements statements(
      "INSERT OR FAIL INTO account(id, login, last_name, first_name, birth_date, attributes, state,"
      " purge_date, created_at, updated_at) VALUES ",
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "");
  return statements;
}

const BatchStatements& AffiliationInserts() {
  static const BatchStatements statements(
      "INSERT INTO affiliation(id, account_id, org_id, profile, source, external_id, active,"
      " ended_at, match_key) VALUES ",
      "(?, ?, ?, ?, ?, ?, ?, ?, ?)", "");
  return statements;
}

const BatchStatements& MembershipInserts() {
  static const BatchStatements statements(
      "INSERT INTO membership(account_id, group_id, source) VALUES ", "(?, ?, ?)", "");
  return statements;
}

// An upsert rather than INSERT OR REPLACE, which replaces the same way here (no other unique
// constraint) but, on a table with a foreign key, runs every statement with a statement journal:
// each page it touches is first copied aside. A batch may set the same account's credential
// twice.
const BatchStatements& CredentialUpserts() {
  static const BatchStatements statements(
      "INSERT INTO credential(account_id, kind, secret_hash, must_change, created_at) VALUES ",
      "(?, ?, ?, ?, ?)",
      " ON CONFLICT(account_id) DO UPDATE SET kind = excluded.kind,"
      " secret_hash = excluded.secret_hash, must_change = excluded.must_change,"
      " created_at = excluded.created_at");
  return statements;
}

Result<Id> SqliteTransaction::LastGivenId(IdSequence& sequence) {
  if (!sequence.read) {
    Result<std::optional<Id>> last = ReadOne<Id>(
        sequence.last_id_sql, [](Statement&) {}, FirstInt64);
    if (!last) return last.error();
    sequence.last_written = sequence.last = last->value_or(0);
    sequence.read = true;
  }
  return sequence.last;
}

Result<Id> SqliteTransaction::NextId(IdSequence& sequence) {
  if (Result<Id> last = LastGivenId(sequence); !last) return last.error();
  return ++sequence.last;
}

// Only when the accounts to create are at least as many as those there: a rebuild reads every
// row, new and old, so it pays only when the new rows are most of them.
Status SqliteTransaction::ExpectBulkCreate(std::size_t accounts) {
  if (accounts < bulk_threshold_ || bulk_first_account_ != 0) return {};  // once is enough
  Result<Id> last = LastGivenId(account_ids_);  // ever: ids are never given twice
  if (!last) return last.error();
  if (static_cast<std::size_t>(*last) > accounts) return {};
  bulk_first_account_ = *last + 1;
  for (const char* index : kDeferrableIndexes) {
    Result<std::optional<std::string>> create = ReadOne<std::string>(
        kIndexSql, [&](Statement& s) { s.BindView(1, index); }, FirstText);
    if (!create) return create.error();
    if (!*create) continue;  // gone already: nothing to rebuild
    if (Status dropped = db_.Execute(fmt::format("DROP INDEX {}", index).c_str()); !dropped) {
      return Fail(dropped.error());
    }
    deferred_indexes_.push_back(std::move(**create));
  }
  writer_ = std::make_unique<WriteBehind>(kWriterQueue);  // the connection is its from now on
  return {};
}

// After a bulk create: the logins of the accounts it made enter the history in one pass; one
// that was ever another account's fails the transaction, as the insert would have.
Status SqliteTransaction::RecordBulkLogins() {
  if (bulk_first_account_ == 0) return {};
  const auto bind = [&](Statement& s) { s.Bind(1, bulk_first_account_); };
  Result<std::optional<std::int64_t>> created =
      ReadOne<std::int64_t>(kCountAccountsFrom, bind, FirstInt64);
  if (!created) return created.error();
  if (Status recorded = Write(kRecordLoginsFrom, bind); !recorded) return recorded;
  if (db_.Changes() == created->value_or(0)) return {};
  Result<std::optional<std::string>> taken = ReadOne<std::string>(kLoginTakenFrom, bind, FirstText);
  if (!taken) return taken.error();
  return Fail(LoginRefused(taken->value_or("?")));
}

Status SqliteTransaction::Settle() {
  if (Status flushed = FlushEntities(); !flushed) return flushed;
  return WaitForWriter();
}

Status SqliteTransaction::WaitForWriter() {
  if (!writer_) return {};
  if (Status drained = writer_->Drain(); !drained) return Fail(drained.error());
  return {};
}

void SqliteTransaction::PendingAccount::Bind(Statement& statement, int first) const {
  BindAccount(statement, account, attributes, first);
}

Status SqliteTransaction::QueueAccount(const directory::Account& account, Id id) {
  if (Status usable = Usable(); !usable) return usable;
  pending_accounts_.push_back(PendingAccount{account, EncodeAttributes(account.attributes)});
  pending_accounts_.back().account.id = id;
  if (pending_accounts_.size() < kBatch) return {};
  return FlushAccounts();
}

Status SqliteTransaction::FlushAccounts() {
  return WriteBatch(pending_accounts_, AccountInserts());
}

Error SqliteTransaction::RefusedLoginAmong(const std::vector<PendingAccount>& rows, Error failure) {
  for (const PendingAccount& row : rows) {
    Result<std::optional<Id>> holder = SelectOne<Id>(
        db_, kAccountOfLogin, [&](Statement& s) { s.BindView(1, row.account.login); }, FirstInt64);
    if (!holder) return failure;
    if (*holder && **holder != row.account.id) return LoginRefused(row.account.login);
  }
  return failure;
}

template <class Row>
Status SqliteTransaction::QueueReferring(std::vector<Row>& rows, Row row,
                                         const BatchStatements& statements) {
  if (Status usable = Usable(); !usable) return usable;
  rows.push_back(std::move(row));
  if (rows.size() < kBatch) return {};
  if (Status flushed = FlushAccounts(); !flushed) return flushed;
  return WriteBatch(rows, statements);
}

Status SqliteTransaction::QueueAffiliation(const directory::Affiliation& affiliation, Id id) {
  PendingAffiliation pending{affiliation};
  pending.entity.id = id;
  return QueueReferring(pending_affiliations_, std::move(pending), AffiliationInserts());
}

Status SqliteTransaction::QueueMembership(const directory::Membership& membership) {
  return QueueReferring(pending_memberships_, PendingMembership{membership}, MembershipInserts());
}

Status SqliteTransaction::QueueCredential(const directory::Credential& credential) {
  return QueueReferring(pending_credentials_, PendingCredential{credential}, CredentialUpserts());
}

// Accounts first: the others refer to them (and to orgs and groups), never to one another.
Status SqliteTransaction::FlushEntities() {
  if (pending_accounts_.empty() && pending_affiliations_.empty() && pending_memberships_.empty() &&
      pending_credentials_.empty()) {
    return {};
  }
  if (Status flushed = FlushAccounts(); !flushed) return flushed;
  if (Status flushed = WriteBatch(pending_affiliations_, AffiliationInserts()); !flushed) {
    return flushed;
  }
  if (Status flushed = WriteBatch(pending_memberships_, MembershipInserts()); !flushed) {
    return flushed;
  }
  return WriteBatch(pending_credentials_, CredentialUpserts());
}

Status SqliteTransaction::RebuildDeferredIndexes() {
  for (const std::string& create : deferred_indexes_) {
    if (Status built = db_.Execute(create.c_str()); !built) return Fail(built.error());
  }
  deferred_indexes_.clear();
  return {};
}

Status SqliteTransaction::SaveSequences() {
  for (IdSequence* sequence : {&account_ids_, &affiliation_ids_}) {
    if (sequence->last == sequence->last_written) continue;
    const auto bind = [&](Statement& s) {
      s.BindView(1, sequence->name);
      s.Bind(2, sequence->last);
    };
    if (Status updated = Write(kUpdateSequence, bind); !updated) return updated;
    if (db_.Changes() == 0) {
      if (Status inserted = Write(kInsertSequence, bind); !inserted) return inserted;
    }
    sequence->last_written = sequence->last;
  }
  return {};
}

}  // namespace rollcall::store::sqlite
