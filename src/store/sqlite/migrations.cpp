#include "store/sqlite/migrations.hpp"

#include <fmt/format.h>

#include <span>

namespace rollcall::store::sqlite {
namespace {

struct Migration {
  int version;
  const char* sql;
  Status (*after)(Database& db);  // may be null
};

// Text columns hold "" rather than NULL for "no value", like the model does: UNIQUE(org_id, name,
// period) must see two period-less groups of the same name as duplicates, which NULLs are not.
// Ids use AUTOINCREMENT so that an id, like a login, is never given twice (the audit log and
// revert refer to accounts by id).
constexpr const char kSchema1[] = R"sql(
CREATE TABLE org (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  parent_id INTEGER REFERENCES org(id),
  version INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE account (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  login TEXT NOT NULL UNIQUE,
  last_name TEXT NOT NULL,
  first_name TEXT NOT NULL,
  birth_date TEXT NOT NULL DEFAULT '',
  attributes TEXT NOT NULL DEFAULT '{}',
  state TEXT NOT NULL
    CHECK (state IN ('active', 'pending_consent', 'pending_deletion', 'deleted')),
  purge_date TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- The order of `rollcall users`: DUPONT and Dubois side by side, whatever the case.
CREATE INDEX account_by_name
  ON account(last_name COLLATE NOCASE, first_name COLLATE NOCASE, id);

-- Every login ever given, kept when its account is deleted: a login that belonged to someone is
-- never given to another person.
CREATE TABLE login_history (
  login TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE affiliation (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  org_id INTEGER NOT NULL REFERENCES org(id),
  profile TEXT NOT NULL,
  source TEXT NOT NULL,
  external_id TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  ended_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX affiliation_by_source ON affiliation(source, external_id);
CREATE INDEX affiliation_by_org ON affiliation(org_id);
CREATE INDEX affiliation_by_account ON affiliation(account_id);

CREATE TABLE org_group (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id INTEGER NOT NULL REFERENCES org(id),
  kind TEXT NOT NULL CHECK (kind IN ('class', 'course', 'group', 'protected')),
  name TEXT NOT NULL,
  period TEXT NOT NULL DEFAULT '',
  archived INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL,
  UNIQUE (org_id, name, period)
);

CREATE TABLE membership (
  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  group_id INTEGER NOT NULL REFERENCES org_group(id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  PRIMARY KEY (account_id, group_id)
) WITHOUT ROWID;
CREATE INDEX membership_by_group ON membership(group_id);

CREATE TABLE guardian_link (
  guardian_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  child_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  PRIMARY KEY (guardian_id, child_id),
  CHECK (guardian_id <> child_id)
) WITHOUT ROWID;
CREATE INDEX guardian_link_by_child ON guardian_link(child_id);

CREATE TABLE import (
  id TEXT PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES org(id),
  source TEXT NOT NULL,
  period TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,
  options_json TEXT NOT NULL DEFAULT '{}',
  summary_json TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX import_by_org ON import(org_id, created_at);
)sql";

// Apply (issue 5): versions per source for the staleness check, credentials (hashes only), the
// sealed copies an import keeps for a while, and the audit log revert replays backwards.
constexpr const char kSchema2[] = R"sql(
CREATE TABLE source_version (
  source TEXT PRIMARY KEY,
  version INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE credential (
  account_id INTEGER PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('password', 'activation_code', 'chosen_password')),
  secret_hash TEXT NOT NULL,
  must_change INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

CREATE TABLE import_credential (
  import_id TEXT NOT NULL REFERENCES import(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL,
  sealed TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  PRIMARY KEY (import_id, account_id)
) WITHOUT ROWID;
CREATE INDEX import_credential_by_expiry ON import_credential(expires_at);

-- Entities as JSON: the log must outlive schema changes of the tables it describes.
CREATE TABLE audit (
  import_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  before_json TEXT NOT NULL DEFAULT '',
  after_json TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL,
  PRIMARY KEY (import_id, seq)
) WITHOUT ROWID;

CREATE INDEX account_by_purge_date ON account(purge_date) WHERE state = 'pending_deletion';
)sql";

// Bulk import speed (issue 5): SQLite 3.40 checks `x IN ('a', 'b', …)` by building a temporary
// table for every inserted row, which made the CHECK constraints of account, credential and
// org_group cost more than the rest of their inserts. The same constraints as OR chains are
// checked in place. Only the constraints' text changes, not what they accept nor any stored
// byte, so the tables are edited in the schema (the procedure of SQLite's ALTER TABLE page,
// section "Making Other Kinds Of Table Schema Changes") rather than rebuilt; the caller bumps
// schema_version (RewriteChecks) so that every connection reads the new text.
constexpr const char kSchema3[] = R"sql(
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
  'CHECK (state IN (''active'', ''pending_consent'', ''pending_deletion'', ''deleted''))',
  'CHECK (state = ''active'' OR state = ''pending_consent'' OR state = ''pending_deletion'''
  || ' OR state = ''deleted'')')
  WHERE type = 'table' AND name = 'account';
UPDATE sqlite_schema SET sql = replace(sql,
  'CHECK (kind IN (''class'', ''course'', ''group'', ''protected''))',
  'CHECK (kind = ''class'' OR kind = ''course'' OR kind = ''group'' OR kind = ''protected'')')
  WHERE type = 'table' AND name = 'org_group';
UPDATE sqlite_schema SET sql = replace(sql,
  'CHECK (kind IN (''password'', ''activation_code'', ''chosen_password''))',
  'CHECK (kind = ''password'' OR kind = ''activation_code'' OR kind = ''chosen_password'')')
  WHERE type = 'table' AND name = 'credential';
PRAGMA writable_schema = OFF;
)sql";

// After kSchema3, in the same transaction: connections reload a schema only when its version
// changes, and writable_schema edits do not change it.
Status BumpSchemaVersion(Database& db) {
  Result<Statement> read = db.Prepare("PRAGMA schema_version");
  if (!read) return read.error();
  Result<bool> row = read->Step();
  if (!row) return row.error();
  const std::int64_t version = read->Int64(0);
  read->Reset();
  return db.Execute(fmt::format("PRAGMA schema_version = {}", version + 1).c_str());
}

// Drop-folder sync (issue 6): each org's folder and daily time with how its last run went, and
// the lock that keeps two syncs of one org apart across processes (a row per locked org, with an
// expiry so that a crashed process does not lock the org for ever).
constexpr const char kSchema4Sync[] = R"sql(
CREATE TABLE sync_settings (
  org_id INTEGER PRIMARY KEY REFERENCES org(id),
  folder TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 0,
  daily_time TEXT NOT NULL CHECK (daily_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  last_run_at TEXT NOT NULL DEFAULT '',
  last_outcome TEXT NOT NULL DEFAULT ''
);

CREATE TABLE org_lock (
  org_id INTEGER PRIMARY KEY REFERENCES org(id),
  holder TEXT NOT NULL,
  acquired_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
)sql";

// Custom roles (issue 6): roles with their access and scopes (lists as JSON text), and the one
// role an account holds, each with its owning source. Deleting a role someone holds is refused
// (no cascade): the caller removes the assignments first, each audited. A role-file sync is an
// import of no org, so import.org_id loses its NOT NULL (the same in-place schema edit as
// kSchema3: dropping a NOT NULL changes no stored byte; BumpSchemaVersion follows).
constexpr const char kSchema5Roles[] = R"sql(
CREATE TABLE custom_role (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  access_json TEXT NOT NULL DEFAULT '[]',
  all_catalogs INTEGER NOT NULL DEFAULT 0,
  catalogs_json TEXT NOT NULL DEFAULT '[]',
  user_group_scope TEXT NOT NULL,
  user_group_name TEXT NOT NULL DEFAULT '',
  user_group_value TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE role_assignment (
  account_id INTEGER PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
  role_id INTEGER NOT NULL REFERENCES custom_role(id),
  source TEXT NOT NULL
);
CREATE INDEX role_assignment_by_role ON role_assignment(role_id);

PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
  'org_id INTEGER NOT NULL REFERENCES org(id)', 'org_id INTEGER REFERENCES org(id)')
  WHERE type = 'table' AND name = 'import';
PRAGMA writable_schema = OFF;
)sql";

// Bulk import speed (issue 5). The audit log and the sealed credentials named their import by
// its 36-character id in every row, beside a timestamp that is the import's own: a million new
// accounts wrote three million audit rows of about 280 bytes into a WITHOUT ROWID table, which
// SQLite keeps as an index, so that every insert searched it comparing 36-byte prefixes. Now an
// import's rows hang off a small integer key (import_log); audit entries live in an ordinary rowid
// table, appended at its end, with a narrow index to find an import's entries; the credentials'
// expiry, one per import, is kept once, which also retires the index over every credential row.
constexpr const char kSchema6ImportLog[] = R"sql(
CREATE TABLE import_log (
  key INTEGER PRIMARY KEY AUTOINCREMENT,
  import_id TEXT NOT NULL UNIQUE,
  audited_at TEXT NOT NULL DEFAULT '',
  credentials_expire_at TEXT NOT NULL DEFAULT ''
);

CREATE TABLE audit_entry (
  id INTEGER PRIMARY KEY,
  import_key INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  before_json TEXT NOT NULL DEFAULT '',
  after_json TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX audit_entry_by_import ON audit_entry(import_key, seq);

CREATE TABLE sealed_credential (
  import_key INTEGER NOT NULL,
  account_id INTEGER NOT NULL,
  sealed TEXT NOT NULL,
  PRIMARY KEY (import_key, account_id)
) WITHOUT ROWID;

INSERT INTO import_log(import_id, audited_at, credentials_expire_at)
  SELECT import_id, max(audited_at), max(credentials_expire_at) FROM (
    SELECT import_id, at AS audited_at, '' AS credentials_expire_at FROM audit
    UNION ALL
    SELECT import_id, '', expires_at FROM import_credential)
  GROUP BY import_id ORDER BY import_id;
INSERT INTO audit_entry(import_key, seq, before_json, after_json)
  SELECT log.key, audit.seq, audit.before_json, audit.after_json
  FROM audit JOIN import_log log ON log.import_id = audit.import_id
  ORDER BY log.key, audit.seq;
INSERT INTO sealed_credential(import_key, account_id, sealed)
  SELECT log.key, credential.account_id, credential.sealed
  FROM import_credential credential JOIN import_log log ON log.import_id = credential.import_id;
DROP TABLE audit;
DROP TABLE import_credential;
)sql";

// Bulk import speed (issue 5). AUTOINCREMENT makes every INSERT statement read and rewrite its
// table's row of sqlite_sequence: for a million accounts with their affiliations, two million
// rewrites, which made a plain insert of an account twice as dear. account and affiliation ids
// are now given by the store (SqliteTransaction::NextId), from the same sqlite_sequence rows,
// read once and written back once per transaction, so an id is still never given twice. Dropping
// the keyword from the schema text changes no stored byte (the in-place edit of kSchema3).
constexpr const char kSchema7StoreGivenIds[] = R"sql(
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, 'id INTEGER PRIMARY KEY AUTOINCREMENT',
                                       'id INTEGER PRIMARY KEY')
  WHERE type = 'table' AND name IN ('account', 'affiliation');
PRAGMA writable_schema = OFF;
)sql";

// Imports as long-lived objects (issue 13). A draft owns copies of its uploaded files, stored once
// per content hash in 1 MiB chunks (written and read back chunk by chunk, never whole in
// memory), and remembers its kind of input and the directory versions its plan was made against,
// so that applying a stale plan is refused.
constexpr const char kSchema8Drafts[] = R"sql(
CREATE TABLE upload (
  hash TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  stored_at TEXT NOT NULL
);
CREATE TABLE upload_chunk (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL REFERENCES upload(hash) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  content BLOB NOT NULL
);
CREATE UNIQUE INDEX upload_chunk_by_hash ON upload_chunk(hash, seq);

ALTER TABLE import ADD COLUMN kind TEXT NOT NULL DEFAULT 'users';
ALTER TABLE import ADD COLUMN org_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE import ADD COLUMN source_version INTEGER NOT NULL DEFAULT 0;
UPDATE import SET kind = 'roles' WHERE org_id IS NULL;
UPDATE import SET kind = 'actions' WHERE source = 'actions';
CREATE INDEX import_by_state ON import(state, created_at);
)sql";

// Issue 14: a person without an external id is found again among namesakes by the key of the
// row that wrote the affiliation.
constexpr const char kSchema9AffiliationMatchKey[] = R"sql(
ALTER TABLE affiliation ADD COLUMN match_key TEXT NOT NULL DEFAULT '';
)sql";

constexpr Migration kMigrations[] = {
    {1, kSchema1, nullptr},
    {2, kSchema2, nullptr},
    {3, kSchema3, BumpSchemaVersion},
    {4, kSchema4Sync, nullptr},
    {5, kSchema5Roles, BumpSchemaVersion},
    {6, kSchema6ImportLog, nullptr},
    {7, kSchema7StoreGivenIds, BumpSchemaVersion},
    {8, kSchema8Drafts, nullptr},
    {9, kSchema9AffiliationMatchKey, nullptr},
};

constexpr const char kCreateBookkeeping[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " applied_at TEXT NOT NULL)";

Status ApplyOne(Database& db, const Migration& migration) {
  if (Status applied = db.Execute(migration.sql); !applied) return applied;
  if (migration.after != nullptr) {
    if (Status done = migration.after(db); !done) return done;
  }
  Result<Statement> record = db.Prepare(
      "INSERT INTO schema_migrations(version, applied_at)"
      " VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
  if (!record) return record.error();
  record->Bind(1, static_cast<std::int64_t>(migration.version));
  return record->Run();
}

}  // namespace

int LatestSchemaVersion() { return std::span(kMigrations).back().version; }

Result<int> SchemaVersion(Database& db) {
  Result<Statement> exists = db.Prepare(
      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'");
  if (!exists) return exists.error();
  Result<bool> row = exists->Step();
  if (!row) return row.error();
  if (exists->Int64(0) == 0) return 0;
  Result<Statement> version = db.Prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
  if (!version) return version.error();
  row = version->Step();
  if (!row) return row.error();
  return static_cast<int>(version->Int64(0));
}

Status ApplyMigrations(Database& db, int up_to) {
  // IMMEDIATE: two processes migrating at once must not both read "version 0".
  ScopedTransaction transaction(db, "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK");
  if (!transaction.started()) return transaction.started();
  if (Status created = db.Execute(kCreateBookkeeping); !created) return created;
  Result<int> current = SchemaVersion(db);
  if (!current) return current.error();
  if (*current > LatestSchemaVersion()) {
    return MakeError(ErrorCode::kUnsupportedFormat,
                     fmt::format("the database has schema version {}, newer than this Rollcall "
                                 "knows ({}); use a newer Rollcall",
                                 *current, LatestSchemaVersion()));
  }
  for (const Migration& migration : kMigrations) {
    if (migration.version <= *current || migration.version > up_to) continue;
    if (Status applied = ApplyOne(db, migration); !applied) return applied;
  }
  return transaction.Commit();
}

}  // namespace rollcall::store::sqlite
