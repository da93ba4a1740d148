#include "store/sqlite/sqlite_store.hpp"

#include <fmt/format.h>

#include "store/sqlite/migrations.hpp"
#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_transaction.hpp"

namespace rollcall::store::sqlite {
namespace {

// How long a writer waits for another process's transaction before giving up with kIo.
constexpr const char kBusyTimeout[] = "PRAGMA busy_timeout = 10000";

// busy_timeout first: switching to WAL needs a lock another process may hold. A 128 MiB page
// cache (filled only as pages are read) keeps the indexes of a million accounts in memory: a
// bulk write of a million accounts runs half again as fast as with 32 MiB. A bulk apply writes one
// large transaction into the WAL; journal_size_limit shrinks the file again after checkpoint.
// page_size first of all: it takes effect only on a database with nothing in it yet (a new file),
// and only before WAL. 8 KiB pages made a bulk import of 300k accounts 7 % faster than SQLite's
// 4 KiB default (fewer, shallower B-tree pages for rows of a few hundred bytes); 16 KiB gained
// nothing more. Existing databases keep their page size.
// The temp table collects the accounts of a snapshot (sqlite_snapshot.cpp); temp tables live
// per connection, in memory.
constexpr const char kConfigure[] =
    "PRAGMA page_size = 8192;"
    "PRAGMA journal_mode = WAL;"
    "PRAGMA foreign_keys = ON;"
    "PRAGMA synchronous = NORMAL;"
    "PRAGMA temp_store = MEMORY;"
    "PRAGMA cache_size = -131072;"
    "PRAGMA journal_size_limit = 67108864;"
    "CREATE TEMP TABLE IF NOT EXISTS snapshot_account (id INTEGER PRIMARY KEY);";

Error TransactionAlreadyOpen() {
  return MakeError(ErrorCode::kInvalidArgument, "a transaction is already open on this store");
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, bool create) {
  Result<std::unique_ptr<Database>> db = Database::Open(path, create);
  if (!db) return db.error();
  std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(db).value()));
  if (Status configured = store->Configure(); !configured) return configured.error();
  return store;
}

Database& SqliteStore::Db() const {
  if (transaction_->open != nullptr) (void)transaction_->open->Settle();
  return *db_;
}

Status SqliteStore::Configure() {
  if (Status waited = Db().Execute(kBusyTimeout); !waited) return waited;
  return Db().Execute(kConfigure);
}

Status SqliteStore::Migrate() {
  if ((transaction_->open != nullptr)) return TransactionAlreadyOpen();
  return ApplyMigrations(Db());
}

Result<int> SqliteStore::SchemaVersion() { return sqlite::SchemaVersion(Db()); }

int SqliteStore::LatestSchemaVersion() const { return sqlite::LatestSchemaVersion(); }

Result<std::unique_ptr<directory::Transaction>> SqliteStore::Begin() {
  if ((transaction_->open != nullptr)) return TransactionAlreadyOpen();
  if (Status begun = Db().Execute("BEGIN IMMEDIATE"); !begun) return begun.error();
  return std::unique_ptr<directory::Transaction>(
      std::make_unique<SqliteTransaction>(Db(), transaction_, bulk_threshold_));
}

Result<directory::Org> SqliteStore::AddOrg(const std::string& code, const std::string& name,
                                           const std::optional<std::string>& parent_code) {
  if (code.empty() || name.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "an org needs a code and a name");
  }
  ScopedTransaction transaction = BeginWrite(Db());
  if (!transaction.started()) return transaction.started().error();
  directory::Org org{0, code, name, std::nullopt};
  if (parent_code) {
    Result<std::optional<directory::Org>> parent = FindOrg(*parent_code);
    if (!parent) return parent.error();
    if (!*parent) {
      return MakeError(ErrorCode::kNotFound, fmt::format("unknown parent org '{}'", *parent_code));
    }
    org.parent = (*parent)->id;
  }
  Result<std::optional<directory::Org>> existing = FindOrg(code);
  if (!existing) return existing.error();
  if (*existing) {
    return MakeError(ErrorCode::kInvalidArgument, fmt::format("org '{}' exists already", code));
  }
  Result<StatementLease> insert =
      Db().Cached("INSERT INTO org(code, name, parent_id) VALUES (?1, ?2, ?3)");
  if (!insert) return insert.error();
  insert->get().Bind(1, code);
  insert->get().Bind(2, name);
  insert->get().BindOptional(3, org.parent);
  if (Status inserted = insert->get().Run(); !inserted) return inserted.error();
  org.id = Db().LastInsertId();
  if (Status committed = transaction.Commit(); !committed) return committed.error();
  return org;
}

Result<std::optional<directory::Org>> SqliteStore::FindOrg(const std::string& code) {
  Result<StatementLease> select =
      Db().Cached(fmt::format("SELECT {} FROM org o WHERE o.code = ?1", kOrgColumns));
  if (!select) return select.error();
  Statement& statement = select->get();
  statement.Bind(1, code);
  Result<bool> row = statement.Step();
  if (!row) return row.error();
  if (!*row) return std::optional<directory::Org>();
  return std::optional<directory::Org>(ReadOrg(statement, 0));
}

Result<std::vector<directory::Org>> SqliteStore::ListOrgs() {
  Result<StatementLease> select =
      Db().Cached(fmt::format("SELECT {} FROM org o ORDER BY o.code", kOrgColumns));
  if (!select) return select.error();
  Statement& statement = select->get();
  std::vector<directory::Org> orgs;
  Status read = ForEachRow(statement, [&](const Statement& row) {
    orgs.push_back(ReadOrg(row, 0));
    return Status();
  });
  if (!read) return read.error();
  return orgs;
}

Result<bool> SqliteStore::LoginTaken(const std::string& login) {
  Result<StatementLease> select = Db().Cached("SELECT 1 FROM login_history WHERE login = ?1");
  if (!select) return select.error();
  select->get().Bind(1, login);
  return select->get().Step();
}

Result<std::optional<directory::ImportRecord>> SqliteStore::FindImport(const std::string& id) {
  Result<StatementLease> select =
      Db().Cached(fmt::format("SELECT {} FROM import i WHERE i.id = ?1", kImportColumns));
  if (!select) return select.error();
  Statement& statement = select->get();
  statement.Bind(1, id);
  Result<bool> row = statement.Step();
  if (!row) return row.error();
  if (!*row) return std::optional<directory::ImportRecord>();
  Result<directory::ImportRecord> record = ReadImport(statement, 0);
  if (!record) return record.error();
  return std::optional<directory::ImportRecord>(std::move(record).value());
}

}  // namespace rollcall::store::sqlite
