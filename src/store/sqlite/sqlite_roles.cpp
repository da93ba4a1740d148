// The store's reads of custom roles and assignments, and the two lookups a role-file sync needs:
// accounts by e-mail and group names. Lists are bound as one JSON array (json_each) so that a
// whole file's e-mails or groups cost one statement, not one per line.
#include <fmt/format.h>

#include "store/sqlite/role_codec.hpp"
#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rollcall::store::sqlite {
namespace {

using directory::Id;

directory::RoleAssignment ReadAssignment(const Statement& row) {
  return directory::RoleAssignment{row.Int64(0), row.Int64(1), row.String(2)};
}

// Runs `sql` after `bind`, each row through `read` (Status).
template <class Bind, class Read>
Status SelectAll(Database& db, std::string_view sql, Bind&& bind, Read&& read) {
  Result<StatementLease> select = db.Cached(sql);
  if (!select) return select.error();
  bind(select->get());
  return ForEachRow(select->get(), read);
}

}  // namespace

Result<std::vector<directory::CustomRole>> SqliteStore::ListCustomRoles() {
  std::vector<directory::CustomRole> roles;
  Status read = SelectAll(
      Db(), fmt::format("SELECT {} FROM custom_role r ORDER BY r.id", kCustomRoleColumns),
      [](Statement&) {},
      [&](const Statement& row) -> Status {
        Result<directory::CustomRole> role = ReadCustomRole(row, 0);
        if (!role) return role.error();
        roles.push_back(std::move(role).value());
        return {};
      });
  if (!read) return read.error();
  return roles;
}

Result<std::vector<directory::RoleAssignment>> SqliteStore::ListRoleAssignments() {
  std::vector<directory::RoleAssignment> assignments;
  Status read = SelectAll(
      Db(), "SELECT account_id, role_id, source FROM role_assignment ORDER BY account_id",
      [](Statement&) {},
      [&](const Statement& row) {
        assignments.push_back(ReadAssignment(row));
        return Status();
      });
  if (!read) return read.error();
  return assignments;
}

Result<std::optional<directory::CustomRole>> SqliteStore::FindCustomRole(Id id) {
  std::optional<directory::CustomRole> found;
  Status read = SelectAll(
      Db(), fmt::format("SELECT {} FROM custom_role r WHERE r.id = ?1", kCustomRoleColumns),
      [&](Statement& s) { s.Bind(1, id); },
      [&](const Statement& row) -> Status {
        Result<directory::CustomRole> role = ReadCustomRole(row, 0);
        if (!role) return role.error();
        found = std::move(role).value();
        return {};
      });
  if (!read) return read.error();
  return found;
}

Result<std::optional<directory::RoleAssignment>> SqliteStore::FindRoleAssignment(Id account) {
  std::optional<directory::RoleAssignment> found;
  Status read = SelectAll(
      Db(), "SELECT account_id, role_id, source FROM role_assignment WHERE account_id = ?1",
      [&](Statement& s) { s.Bind(1, account); },
      [&](const Statement& row) {
        found = ReadAssignment(row);
        return Status();
      });
  if (!read) return read.error();
  return found;
}

Result<std::optional<directory::Account>> SqliteStore::FindAccountByLogin(
    const std::string& login) {
  std::optional<directory::Account> found;
  Status read = SelectAll(
      Db(), fmt::format("SELECT {} FROM account a WHERE a.login = ?1", kAccountColumns),
      [&](Statement& s) { s.BindView(1, login); },
      [&](const Statement& row) -> Status {
        Result<directory::Account> account = ReadAccount(row, 0);
        if (!account) return account.error();
        found = std::move(account).value();
        return {};
      });
  if (!read) return read.error();
  return found;
}

Result<std::vector<directory::Account>> SqliteStore::FindAccountsByEmail(
    const std::vector<std::string>& emails) {
  std::vector<directory::Account> accounts;
  if (emails.empty()) return accounts;
  const std::string list = EncodeNames(emails);
  Status read = SelectAll(
      Db(),
      fmt::format("SELECT {} FROM account a WHERE a.state <> 'deleted'"
                  " AND lower(json_extract(a.attributes, '$.email'))"
                  " IN (SELECT lower(value) FROM json_each(?1)) ORDER BY a.id",
                  kAccountColumns),
      [&](Statement& s) { s.BindView(1, list); },
      [&](const Statement& row) -> Status {
        Result<directory::Account> account = ReadAccount(row, 0);
        if (!account) return account.error();
        accounts.push_back(std::move(account).value());
        return {};
      });
  if (!read) return read.error();
  return accounts;
}

Result<std::vector<std::string>> SqliteStore::ExistingGroupNames(
    const std::vector<std::string>& names) {
  std::vector<std::string> existing;
  if (names.empty()) return existing;
  const std::string list = EncodeNames(names);
  Status read = SelectAll(
      Db(),
      "SELECT DISTINCT name FROM org_group WHERE archived = 0"
      " AND name IN (SELECT value FROM json_each(?1)) ORDER BY name",
      [&](Statement& s) { s.BindView(1, list); },
      [&](const Statement& row) {
        existing.push_back(row.String(0));
        return Status();
      });
  if (!read) return read.error();
  return existing;
}

}  // namespace rollcall::store::sqlite
