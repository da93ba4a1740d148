// The store's single-entity reads (revert checks them entry by entry), the audit log, sealed
// credentials, purge candidates, versions, and the login prefixes a batch of new logins needs.
#include <fmt/format.h>

#include <algorithm>

#include "store/sqlite/audit_codec.hpp"
#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rollcall::store::sqlite {
namespace {

using directory::Id;

template <class Bind>
Result<std::size_t> SelectCount(Database& db, std::string_view sql, Bind&& bind) {
  Result<std::optional<std::int64_t>> count = SelectOne<std::int64_t>(db, sql, bind, FirstInt64);
  if (!count) return count.error();
  return static_cast<std::size_t>(count->value_or(0));
}

// The first string after every string that starts with `prefix`: login >= prefix AND login <
// this is a range scan of the primary key. Empty when no such bound exists (prefix all 0xFF).
std::string PrefixEnd(std::string prefix) {
  while (!prefix.empty()) {
    auto& last = reinterpret_cast<unsigned char&>(prefix.back());
    if (last < 0xFF) {
      ++last;
      return prefix;
    }
    prefix.pop_back();
  }
  return prefix;
}

}  // namespace

Result<std::vector<std::string>> SqliteStore::LoginsStartingWith(
    const std::vector<std::string>& prefixes) {
  std::vector<std::string> logins;
  Result<StatementLease> bounded =
      Db().Cached("SELECT login FROM login_history WHERE login >= ?1 AND login < ?2");
  if (!bounded) return bounded.error();
  for (const std::string& prefix : prefixes) {
    const std::string end = PrefixEnd(prefix);
    if (end.empty()) {
      return MakeError(ErrorCode::kInvalidArgument, "a login prefix must not be empty");
    }
    Statement& statement = bounded->get();
    statement.Bind(1, prefix);
    statement.Bind(2, end);
    Status read = ForEachRow(statement, [&](const Statement& row) {
      logins.push_back(row.String(0));
      return Status();
    });
    statement.Reset();
    if (!read) return read.error();
  }
  return logins;
}

Result<std::pair<std::int64_t, std::int64_t>> SqliteStore::Versions(Id org,
                                                                    const std::string& source) {
  using Versions = std::pair<std::int64_t, std::int64_t>;
  Result<std::optional<Versions>> versions = SelectOne<Versions>(
      Db(),
      "SELECT o.version, coalesce((SELECT v.version FROM source_version v WHERE v.source = ?2), 0)"
      " FROM org o WHERE o.id = ?1",
      [&](Statement& s) {
        s.Bind(1, org);
        s.Bind(2, source);
      },
      [](const Statement& row) {
        return Result(Versions{row.Int64(0), row.Int64(1)});
      });
  if (!versions) return versions.error();
  if (!*versions) return MakeError(ErrorCode::kNotFound, fmt::format("no org with id {}", org));
  return **versions;
}

Result<std::optional<directory::Account>> SqliteStore::FindAccount(Id id) {
  return SelectOne<directory::Account>(
      Db(), fmt::format("SELECT {} FROM account a WHERE a.id = ?1", kAccountColumns),
      [&](Statement& s) { s.Bind(1, id); },
      [](const Statement& row) { return ReadAccount(row, 0); });
}

Result<std::optional<directory::Affiliation>> SqliteStore::FindAffiliation(Id id) {
  return SelectOne<directory::Affiliation>(
      Db(), fmt::format("SELECT {} FROM affiliation f WHERE f.id = ?1", kAffiliationColumns),
      [&](Statement& s) { s.Bind(1, id); },
      [](const Statement& row) { return Result(ReadAffiliation(row, 0)); });
}

Result<std::optional<directory::Group>> SqliteStore::FindGroup(Id id) {
  return SelectOne<directory::Group>(
      Db(), fmt::format("SELECT {} FROM org_group g WHERE g.id = ?1", kGroupColumns),
      [&](Statement& s) { s.Bind(1, id); }, [](const Statement& row) { return ReadGroup(row, 0); });
}

Result<std::optional<directory::Membership>> SqliteStore::FindMembership(Id account, Id group) {
  return SelectOne<directory::Membership>(
      Db(),
      "SELECT account_id, group_id, source FROM membership WHERE account_id = ?1 AND group_id = ?2",
      [&](Statement& s) {
        s.Bind(1, account);
        s.Bind(2, group);
      },
      [](const Statement& row) {
        return Result(directory::Membership{row.Int64(0), row.Int64(1), row.String(2)});
      });
}

Result<std::optional<directory::GuardianLink>> SqliteStore::FindLink(Id guardian, Id child) {
  return SelectOne<directory::GuardianLink>(
      Db(),
      "SELECT guardian_id, child_id, source FROM guardian_link"
      " WHERE guardian_id = ?1 AND child_id = ?2",
      [&](Statement& s) {
        s.Bind(1, guardian);
        s.Bind(2, child);
      },
      [](const Statement& row) {
        return Result(directory::GuardianLink{row.Int64(0), row.Int64(1), row.String(2)});
      });
}

Result<std::size_t> SqliteStore::CountAccountReferences(Id account) {
  return SelectCount(Db(),
                     "SELECT (SELECT count(*) FROM affiliation WHERE account_id = ?1)"
                     " + (SELECT count(*) FROM membership WHERE account_id = ?1)"
                     " + (SELECT count(*) FROM guardian_link"
                     "    WHERE guardian_id = ?1 OR child_id = ?1)",
                     [&](Statement& s) { s.Bind(1, account); });
}

Result<std::size_t> SqliteStore::CountGroupMembers(Id group) {
  return SelectCount(Db(), "SELECT count(*) FROM membership WHERE group_id = ?1",
                     [&](Statement& s) { s.Bind(1, group); });
}

Result<std::optional<directory::Credential>> SqliteStore::FindCredential(Id account) {
  return SelectOne<directory::Credential>(
      Db(),
      "SELECT account_id, kind, secret_hash, must_change, created_at FROM credential"
      " WHERE account_id = ?1",
      [&](Statement& s) { s.Bind(1, account); },
      [](const Statement& row) {
        return Result(directory::Credential{row.Int64(0), row.String(1), row.String(2),
                                            row.Int64(3) != 0, row.String(4)});
      });
}

Result<std::vector<directory::AuditEntry>> SqliteStore::LoadAudit(const std::string& import_id) {
  Result<StatementLease> select = Db().Cached(
      "SELECT e.seq, e.before_json, e.after_json, l.audited_at FROM import_log l"
      " JOIN audit_entry e ON e.import_key = l.key WHERE l.import_id = ?1 ORDER BY e.seq");
  if (!select) return select.error();
  select->get().Bind(1, import_id);
  std::vector<directory::AuditEntry> entries;
  Status read = ForEachRow(select->get(), [&](const Statement& row) -> Status {
    Result<directory::EntityState> before = DecodeEntityState(row.Text(1));
    if (!before) return before.error();
    Result<directory::EntityState> after = DecodeEntityState(row.Text(2));
    if (!after) return after.error();
    entries.push_back(directory::AuditEntry{import_id, row.Int64(0), std::move(before).value(),
                                            std::move(after).value(), row.String(3)});
    return {};
  });
  if (!read) return read.error();
  return entries;
}

Result<std::vector<directory::SealedCredential>> SqliteStore::LoadSealedCredentials(
    const std::string& import_id) {
  Result<StatementLease> select = Db().Cached(
      "SELECT c.account_id, c.sealed, l.credentials_expire_at FROM import_log l"
      " JOIN sealed_credential c ON c.import_key = l.key WHERE l.import_id = ?1"
      " ORDER BY c.account_id");
  if (!select) return select.error();
  select->get().Bind(1, import_id);
  std::vector<directory::SealedCredential> credentials;
  Status read = ForEachRow(select->get(), [&](const Statement& row) {
    credentials.push_back(
        directory::SealedCredential{import_id, row.Int64(0), row.String(1), row.String(2)});
    return Status();
  });
  if (!read) return read.error();
  return credentials;
}

Result<std::vector<directory::UserRow>> SqliteStore::AccountsToPurge(const std::string& today) {
  Result<StatementLease> select =
      Db().Cached(fmt::format("SELECT {} FROM account a WHERE a.state = 'pending_deletion'"
                              " AND a.purge_date <> '' AND a.purge_date < ?1 ORDER BY a.id",
                              kAccountColumns));
  if (!select) return select.error();
  select->get().Bind(1, today);
  std::vector<directory::UserRow> rows;
  Status read = ForEachRow(select->get(), [&](const Statement& row) -> Status {
    Result<directory::Account> account = ReadAccount(row, 0);
    if (!account) return account.error();
    rows.push_back(directory::UserRow{std::move(account).value(), {}});
    return {};
  });
  if (!read) return read.error();
  if (Status filled = AddAffiliations(rows); !filled) return filled.error();
  return rows;
}

Result<std::vector<directory::UserRow>> SqliteStore::AccountsWithLogins(
    const std::vector<std::string>& logins) {
  Result<StatementLease> select = Db().Cached(fmt::format(
      "SELECT {} FROM account a WHERE a.login = ?1 AND a.state <> 'deleted'", kAccountColumns));
  if (!select) return select.error();
  std::vector<directory::UserRow> rows;
  for (const std::string& login : logins) {
    Statement& statement = select->get();
    statement.Bind(1, login);
    Status read = ForEachRow(statement, [&](const Statement& row) -> Status {
      Result<directory::Account> account = ReadAccount(row, 0);
      if (!account) return account.error();
      rows.push_back(directory::UserRow{std::move(account).value(), {}});
      return {};
    });
    statement.Reset();
    if (!read) return read.error();
  }
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.account.id < b.account.id; });
  rows.erase(std::unique(rows.begin(), rows.end(),
                         [](const auto& a, const auto& b) { return a.account.id == b.account.id; }),
             rows.end());
  if (Status filled = AddAffiliations(rows); !filled) return filled.error();
  return rows;
}

Status SqliteStore::AddAffiliations(std::vector<directory::UserRow>& rows) {
  Result<StatementLease> affiliations = Db().Cached(fmt::format(
      "SELECT {} FROM affiliation f WHERE f.account_id = ?1 ORDER BY f.id", kAffiliationColumns));
  if (!affiliations) return affiliations.error();
  for (directory::UserRow& row : rows) {
    Statement& statement = affiliations->get();
    statement.Bind(1, row.account.id);
    Status read = ForEachRow(statement, [&](const Statement& found) {
      row.affiliations.push_back(ReadAffiliation(found, 0));
      return Status();
    });
    statement.Reset();
    if (!read) return read.error();
  }
  return {};
}

}  // namespace rollcall::store::sqlite
