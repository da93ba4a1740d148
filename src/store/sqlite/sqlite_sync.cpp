// The drop-folder sync's rows (issue 6): per-org sync settings, and the per-org lock. Every write
// is one short BEGIN IMMEDIATE transaction, so that taking the lock is atomic across processes and
// never waits behind a long import (the import's own transaction starts after the lock is held).
#include <fmt/format.h>

#include "store/sqlite/sqlite_store.hpp"

namespace rollcall::store::sqlite {
namespace {

using directory::Id;

constexpr const char kSettingsColumns[] =
    "org_id, folder, enabled, daily_time, last_run_at, last_outcome";

directory::SyncSettings ReadSettings(const Statement& row) {
  directory::SyncSettings settings;
  settings.org = row.Int64(0);
  settings.folder = row.String(1);
  settings.enabled = row.Int64(2) != 0;
  settings.daily_time = row.String(3);
  settings.last_run_at = row.String(4);
  settings.last_outcome = row.String(5);
  return settings;
}

directory::OrgLock ReadLock(const Statement& row) {
  return directory::OrgLock{row.Int64(0), row.String(1), row.String(2), row.String(3)};
}

}  // namespace

Result<std::optional<directory::SyncSettings>> SqliteStore::FindSyncSettings(Id org) {
  Result<StatementLease> select =
      Db().Cached(fmt::format("SELECT {} FROM sync_settings WHERE org_id = ?1", kSettingsColumns));
  if (!select) return select.error();
  Statement& statement = select->get();
  statement.Bind(1, org);
  Result<bool> row = statement.Step();
  if (!row) return row.error();
  if (!*row) return std::optional<directory::SyncSettings>();
  return std::optional<directory::SyncSettings>(ReadSettings(statement));
}

Result<std::vector<directory::SyncSettings>> SqliteStore::ListSyncSettings() {
  Result<StatementLease> select =
      Db().Cached(fmt::format("SELECT {} FROM sync_settings ORDER BY org_id", kSettingsColumns));
  if (!select) return select.error();
  std::vector<directory::SyncSettings> list;
  Status read = ForEachRow(select->get(), [&](const Statement& row) {
    list.push_back(ReadSettings(row));
    return Status();
  });
  if (!read) return read.error();
  return list;
}

Status SqliteStore::SaveSyncSettings(const directory::SyncSettings& settings) {
  ScopedTransaction transaction = BeginWrite(Db());
  if (!transaction.started()) return transaction.started();
  Result<StatementLease> upsert = Db().Cached(
      "INSERT INTO sync_settings(org_id, folder, enabled, daily_time) VALUES (?1, ?2, ?3, ?4)"
      " ON CONFLICT(org_id) DO UPDATE SET folder = excluded.folder,"
      " enabled = excluded.enabled, daily_time = excluded.daily_time");
  if (!upsert) return upsert.error();
  Statement& statement = upsert->get();
  statement.Bind(1, settings.org);
  statement.Bind(2, settings.folder);
  statement.Bind(3, std::int64_t{settings.enabled ? 1 : 0});
  statement.Bind(4, settings.daily_time);
  if (Status saved = statement.Run(); !saved) return saved;
  return transaction.Commit();
}

Status SqliteStore::RecordSyncRun(Id org, const std::string& at, const std::string& outcome) {
  ScopedTransaction transaction = BeginWrite(Db());
  if (!transaction.started()) return transaction.started();
  Result<StatementLease> update =
      Db().Cached("UPDATE sync_settings SET last_run_at = ?2, last_outcome = ?3 WHERE org_id = ?1");
  if (!update) return update.error();
  update->get().Bind(1, org);
  update->get().Bind(2, at);
  update->get().Bind(3, outcome);
  if (Status updated = update->get().Run(); !updated) return updated;
  if (Db().Changes() == 0) {
    return MakeError(ErrorCode::kNotFound, fmt::format("org {} has no sync settings", org));
  }
  return transaction.Commit();
}

// One statement decides: the row is inserted, or replaced only when it has expired or is the
// caller's own; then the row in force is read back in the same transaction.
Result<directory::OrgLock> SqliteStore::AcquireOrgLock(const directory::OrgLock& wanted,
                                                       const std::string& now) {
  ScopedTransaction transaction = BeginWrite(Db());
  if (!transaction.started()) return transaction.started().error();
  Result<StatementLease> take = Db().Cached(
      "INSERT INTO org_lock(org_id, holder, acquired_at, expires_at) VALUES (?1, ?2, ?3, ?4)"
      " ON CONFLICT(org_id) DO UPDATE SET holder = excluded.holder,"
      " acquired_at = CASE WHEN org_lock.holder = excluded.holder THEN org_lock.acquired_at"
      " ELSE excluded.acquired_at END, expires_at = excluded.expires_at"
      " WHERE org_lock.expires_at <= ?5 OR org_lock.holder = excluded.holder");
  if (!take) return take.error();
  Statement& statement = take->get();
  statement.Bind(1, wanted.org);
  statement.Bind(2, wanted.holder);
  statement.Bind(3, wanted.acquired_at);
  statement.Bind(4, wanted.expires_at);
  statement.Bind(5, now);
  if (Status taken = statement.Run(); !taken) return taken.error();
  Result<StatementLease> select =
      Db().Cached("SELECT org_id, holder, acquired_at, expires_at FROM org_lock WHERE org_id = ?1");
  if (!select) return select.error();
  select->get().Bind(1, wanted.org);
  Result<bool> row = select->get().Step();
  if (!row) return row.error();
  if (!*row) return MakeError(ErrorCode::kIo, "the org lock vanished while being taken");
  directory::OrgLock held = ReadLock(select->get());
  select->get().Reset();
  if (Status committed = transaction.Commit(); !committed) return committed.error();
  return held;
}

Status SqliteStore::ReleaseOrgLock(Id org, const std::string& holder) {
  ScopedTransaction transaction = BeginWrite(Db());
  if (!transaction.started()) return transaction.started();
  Result<StatementLease> release =
      Db().Cached("DELETE FROM org_lock WHERE org_id = ?1 AND holder = ?2");
  if (!release) return release.error();
  release->get().Bind(1, org);
  release->get().Bind(2, holder);
  if (Status released = release->get().Run(); !released) return released;
  return transaction.Commit();
}

}  // namespace rollcall::store::sqlite
