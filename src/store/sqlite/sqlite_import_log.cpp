// SqliteTransaction's writes of an import's own records: its key in import_log, its audit
// entries and its sealed credentials, the last two written in batches.
#include <fmt/format.h>

#include "store/sqlite/audit_codec.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace rollcall::store::sqlite {
namespace {

using directory::Id;

// An import's integer key (migration 6), made on first use. The upsert always "updates" so that
// RETURNING gives the key either way; the first audit time given stays.
constexpr const char kLogImport[] =
    "INSERT INTO import_log(import_id, audited_at) VALUES (?1, ?2)"
    " ON CONFLICT(import_id) DO UPDATE SET audited_at = CASE WHEN import_log.audited_at = ''"
    " THEN excluded.audited_at ELSE import_log.audited_at END RETURNING key";
constexpr const char kSetCredentialsExpiry[] =
    "UPDATE import_log SET credentials_expire_at = ?2 WHERE key = ?1";
constexpr const char kDeleteSealedCredentials[] =
    "DELETE FROM sealed_credential"
    " WHERE import_key = (SELECT key FROM import_log WHERE import_id = ?1)";
constexpr const char kWipeExpired[] =
    "DELETE FROM sealed_credential WHERE import_key IN (SELECT key FROM import_log"
    " WHERE credentials_expire_at <> '' AND credentials_expire_at < ?1)";

// Audit entries and sealed credentials are written kBatch to a statement: one by one, the
// statement's own cost (start, cursors, halt, reset) was most of a row's. OR FAIL rather than the
// default ABORT: SQLite runs a multi-row statement that may abort with a statement journal,
// copying each page it changes before changing it; FAIL keeps the rows before the failing one,
// and the failure poisons the transaction anyway. (Tables with foreign keys cannot have this:
// a broken reference aborts whatever the clause says.)
const BatchStatements& AuditAppends() {
  static const BatchStatements statements(
      "INSERT OR FAIL INTO audit_entry(import_key, seq, before_json, after_json) VALUES ",
      "(?, ?, ?, ?)", "");
  return statements;
}

const BatchStatements& SealedCredentialUpserts() {
  static const BatchStatements statements(
      "INSERT OR FAIL INTO sealed_credential(import_key, account_id, sealed) VALUES ", "(?, ?, ?)",
      " ON CONFLICT(import_key, account_id) DO UPDATE SET sealed = excluded.sealed");
  return statements;
}

}  // namespace

void SqliteTransaction::PendingAudit::Bind(Statement& statement, int first) const {
  statement.Bind(first, import_key);
  statement.Bind(first + 1, seq);
  statement.BindView(first + 2, before);
  statement.BindView(first + 3, after);
}

void SqliteTransaction::PendingSealed::Bind(Statement& statement, int first) const {
  statement.Bind(first, import_key);
  statement.Bind(first + 1, account);
  statement.BindView(first + 2, sealed);
}

Result<Id> SqliteTransaction::ImportKey(const std::string& import_id, std::string_view audited_at) {
  const bool known = logged_import_.key != 0 && logged_import_.id == import_id;
  if (known && (audited_at.empty() || logged_import_.audited)) return logged_import_.key;
  Result<std::optional<Id>> key = ReadOne<Id>(
      kLogImport,
      [&](Statement& s) {
        s.BindView(1, import_id);
        s.BindView(2, audited_at);
      },
      FirstInt64);
  if (!key) return key.error();
  if (!*key) return Fail(MakeError(ErrorCode::kCorrupt, "import_log returned no key"));
  if (!known) logged_import_ = LoggedImport{import_id, **key, false, ""};
  logged_import_.audited = logged_import_.audited || !audited_at.empty();
  return logged_import_.key;
}

Status SqliteTransaction::SaveSealedCredential(const directory::SealedCredential& credential) {
  Result<Id> key = ImportKey(credential.import_id, "");
  if (!key) return key.error();
  if (credential.expires_at != logged_import_.credentials_expire_at) {
    Status dated = Append(kSetCredentialsExpiry, [&](Statement& s) {
      s.Bind(1, *key);
      s.BindView(2, credential.expires_at);
    });
    if (!dated) return dated;
    logged_import_.credentials_expire_at = credential.expires_at;
  }
  pending_sealed_.push_back(PendingSealed{*key, credential.account, credential.sealed});
  if (pending_sealed_.size() < kBatch) return {};
  return FlushSealed();
}

Status SqliteTransaction::FlushSealed() {
  return WriteBatch(pending_sealed_, SealedCredentialUpserts());
}

Status SqliteTransaction::DeleteSealedCredentials(const std::string& import_id) {
  if (Status flushed = FlushSealed(); !flushed) return flushed;
  return Write(kDeleteSealedCredentials, [&](Statement& s) { s.Bind(1, import_id); });
}

Status SqliteTransaction::AppendAudit(const directory::AuditEntry& entry) {
  Result<Id> key = ImportKey(entry.import_id, entry.at);
  if (!key) return key.error();
  pending_audit_.push_back(PendingAudit{*key, entry.seq, EncodeEntityState(entry.before),
                                        EncodeEntityState(entry.after)});
  if (pending_audit_.size() < kBatch) return {};
  return FlushAudit();
}

Status SqliteTransaction::FlushAudit() { return WriteBatch(pending_audit_, AuditAppends()); }

Result<std::size_t> SqliteTransaction::WipeExpiredCredentials(const std::string& now) {
  if (Status flushed = FlushSealed(); !flushed) return flushed.error();
  Status wiped = Write(kWipeExpired, [&](Statement& s) { s.Bind(1, now); });
  if (!wiped) return wiped.error();
  return static_cast<std::size_t>(db_.Changes());
}

}  // namespace rollcall::store::sqlite
