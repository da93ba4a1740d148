// LoadSnapshot: everything a plan for (org, source) reads, one query per table whatever the
// number of accounts — a snapshot of a million accounts is a handful of queries, never a query
// per account.
#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rollcall::store::sqlite {
namespace {

using directory::Id;

constexpr const char kSnapshotOrg[] =
    "SELECT o.id, o.code, o.name, o.parent_id, o.version,"
    " coalesce((SELECT v.version FROM source_version v WHERE v.source = ?2), 0)"
    " FROM org o WHERE o.id = ?1";
constexpr const char kAffiliationTotal[] =
    "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'affiliation'), 0)";
// Counting stops at ?3, so that deciding costs little even for a huge org.
constexpr const char kCountUpTo[] =
    "SELECT (SELECT count(*) FROM (SELECT 1 FROM affiliation WHERE org_id = ?1 LIMIT ?3))"
    " + (SELECT count(*) FROM (SELECT 1 FROM affiliation WHERE source = ?2 LIMIT ?3))";
constexpr const char kClearAccounts[] = "DELETE FROM temp.snapshot_account";
constexpr const char kCountAccounts[] = "SELECT count(*) FROM temp.snapshot_account";

// The same rows, read two ways. Probing walks the indexes from the org, its groups and the
// snapshot's accounts, then sorts: cheap when the snapshot is a small part of the directory (one
// school in a region). Scanning reads whole tables in key order and filters each row against the
// snapshot: four to eight times faster once the snapshot is a large part of the directory. A `+`
// before a column keeps SQLite from using that column's index.
struct SnapshotSql {
  std::string collect;  // the snapshot's accounts into temp.snapshot_account
  std::string accounts;
  std::string affiliations;
  std::string groups;
  std::string memberships;
  std::string links;
};

SnapshotSql MakeSnapshotSql(bool scan) {
  const char* plus = scan ? "+" : "";
  SnapshotSql sql;
  // Accounts affiliated with the org, and accounts holding an affiliation of the source anywhere
  // (a regional source exports one teacher for two schools).
  sql.collect = fmt::format(
      "INSERT OR IGNORE INTO temp.snapshot_account(id)"
      " SELECT account_id FROM affiliation WHERE {0}org_id = ?1 OR {0}source = ?2",
      plus);
  // CROSS JOIN keeps the temp table outside: accounts come in id order either way.
  sql.accounts = fmt::format(
      "SELECT {} FROM temp.snapshot_account s CROSS JOIN account a ON a.id = s.id ORDER BY s.id",
      kAccountColumns);
  sql.affiliations = fmt::format(
      "SELECT {} FROM affiliation f WHERE {}f.account_id IN (SELECT id FROM temp.snapshot_account)"
      " ORDER BY f.id",
      kAffiliationColumns, plus);
  sql.groups =
      fmt::format("SELECT {} FROM org_group g WHERE g.org_id = ?1 ORDER BY g.id", kGroupColumns);
  sql.memberships = fmt::format(
      "SELECT m.account_id, m.group_id, m.source FROM membership m"
      " WHERE {}m.group_id IN (SELECT id FROM org_group WHERE org_id = ?1)"
      " ORDER BY m.account_id, m.group_id",
      plus);
  sql.links = fmt::format(
      "SELECT l.guardian_id, l.child_id, l.source FROM guardian_link l"
      " WHERE {0}l.guardian_id IN (SELECT id FROM temp.snapshot_account)"
      " OR {0}l.child_id IN (SELECT id FROM temp.snapshot_account)"
      " ORDER BY l.guardian_id, l.child_id",
      plus);
  return sql;
}

const SnapshotSql& SnapshotSqlFor(bool scan) {
  static const SnapshotSql kProbe = MakeSnapshotSql(false);
  static const SnapshotSql kScan = MakeSnapshotSql(true);
  return scan ? kScan : kProbe;
}

Result<std::int64_t> SelectInt(Database& db, std::string_view sql,
                               const std::function<void(Statement&)>& bind) {
  Result<StatementLease> select = db.Cached(sql);
  if (!select) return select.error();
  bind(select->get());
  Result<bool> row = select->get().Step();
  if (!row) return row.error();
  return *row ? select->get().Int64(0) : 0;
}

// Whether the org's and the source's affiliations reach a quarter of all affiliations ever made
// (deleted ones included: the sequence is a cheap upper bound of the table's size).
Result<bool> IsLargeSnapshot(Database& db, Id org, const std::string& source) {
  Result<std::int64_t> total = SelectInt(db, kAffiliationTotal, [](Statement&) {});
  if (!total) return total.error();
  const std::int64_t threshold = std::max<std::int64_t>(1, *total / 4);
  Result<std::int64_t> count = SelectInt(db, kCountUpTo, [&](Statement& statement) {
    statement.Bind(1, org);
    statement.Bind(2, source);
    statement.Bind(3, threshold);
  });
  if (!count) return count.error();
  return *count >= threshold;
}

// Runs `sql` (binding ?1 to `org` when it has a parameter) and appends what `read` makes of each
// row to `out`.
template <class T, class Read>
Status ReadAll(Database& db, std::string_view sql, Id org, std::vector<T>& out, Read&& read) {
  Result<StatementLease> select = db.Cached(sql);
  if (!select) return select.error();
  Statement& statement = select->get();
  if (statement.ParameterCount() > 0) statement.Bind(1, org);
  return ForEachRow(statement, [&](const Statement& row) -> Status {
    Result<T> value = read(row);
    if (!value) return value.error();
    out.push_back(std::move(value).value());
    return {};
  });
}

// Step 2 of LoadSnapshot.
Status LoadOrg(Database& db, Id org, directory::Snapshot& snapshot) {
  Result<StatementLease> select = db.Cached(kSnapshotOrg);
  if (!select) return select.error();
  select->get().Bind(1, org);
  select->get().Bind(2, snapshot.source);
  Result<bool> row = select->get().Step();
  if (!row) return row.error();
  if (!*row) return MakeError(ErrorCode::kNotFound, fmt::format("no org with id {}", org));
  snapshot.org = ReadOrg(select->get(), 0);
  snapshot.version = select->get().Int64(kOrgColumnCount);
  snapshot.source_version = select->get().Int64(kOrgColumnCount + 1);
  return {};
}

// Step 4: the accounts' ids into the temp table; returns how many.
Result<std::int64_t> CollectAccounts(Database& db, const SnapshotSql& sql, Id org,
                                     const std::string& source) {
  if (Status cleared = db.Execute(kClearAccounts); !cleared) return cleared.error();
  Result<StatementLease> collect = db.Cached(sql.collect);
  if (!collect) return collect.error();
  collect->get().Bind(1, org);
  collect->get().Bind(2, source);
  if (Status collected = collect->get().Run(); !collected) return collected.error();
  return SelectInt(db, kCountAccounts, [](Statement&) {});
}

// Steps 5 to 9.
Status LoadTables(Database& db, const SnapshotSql& sql, Id org, directory::Snapshot& snapshot) {
  Status read = ReadAll(db, sql.accounts, org, snapshot.accounts,
                        [](const Statement& row) { return ReadAccount(row, 0); });
  if (!read) return read;
  snapshot.affiliations.reserve(snapshot.accounts.size());
  read = ReadAll(db, sql.affiliations, org, snapshot.affiliations,
                 [](const Statement& row) { return Result(ReadAffiliation(row, 0)); });
  if (!read) return read;
  read = ReadAll(db, sql.groups, org, snapshot.groups,
                 [](const Statement& row) { return ReadGroup(row, 0); });
  if (!read) return read;
  read = ReadAll(db, sql.memberships, org, snapshot.memberships, [](const Statement& row) {
    return Result(directory::Membership{row.Int64(0), row.Int64(1), row.String(2)});
  });
  if (!read) return read;
  return ReadAll(db, sql.links, org, snapshot.links, [](const Statement& row) {
    return Result(directory::GuardianLink{row.Int64(0), row.Int64(1), row.String(2)});
  });
}

}  // namespace

// 1. One read transaction, so that every table is seen at the same moment.
// 2. The org and the versions of the org and the source.
// 3. Probe or scan (SnapshotSql), by the snapshot's share of the directory.
// 4. The ids of the snapshot's accounts into a temp table that the next queries filter with.
// 5-9. Accounts, affiliations, groups, memberships, links.
// 10. Empty the temp table (it holds as many ids as the snapshot has accounts).
// 11. Release the page cache.
Result<directory::Snapshot> SqliteStore::LoadSnapshot(Id org, const std::string& source) {
  ScopedTransaction transaction(Db(), "SAVEPOINT snapshot", "RELEASE snapshot",
                                "ROLLBACK TO snapshot; RELEASE snapshot");
  if (!transaction.started()) return transaction.started().error();
  directory::Snapshot snapshot;
  snapshot.source = source;
  if (Status loaded = LoadOrg(Db(), org, snapshot); !loaded) return loaded.error();
  Result<bool> scan = IsLargeSnapshot(Db(), org, source);
  if (!scan) return scan.error();
  const SnapshotSql& sql = SnapshotSqlFor(*scan);
  Result<std::int64_t> account_count = CollectAccounts(Db(), sql, org, source);
  if (!account_count) return account_count.error();
  snapshot.accounts.reserve(static_cast<std::size_t>(*account_count));
  if (Status loaded = LoadTables(Db(), sql, org, snapshot); !loaded) return loaded.error();
  if (Status cleared = Db().Execute(kClearAccounts); !cleared) return cleared.error();
  if (Status ended = transaction.Commit(); !ended) return ended.error();
  // 11. A large snapshot filled the page cache (up to its 128 MiB) with pages read once; the
  // plan made from it needs that memory more.
  Db().ReleaseCache();
  return snapshot;
}

}  // namespace rollcall::store::sqlite
