// ListUsers: the accounts `rollcall users` shows, with their affiliations, in one query.
#include <fmt/format.h>

#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rollcall::store::sqlite {
namespace {

// ?1 org or NULL, ?2 profile or '', ?3 LIKE pattern or '', ?4 limit. The accounts are picked
// (and limited) first, then joined with their affiliations: one query, one row per affiliation.
// The external ids that match are found once (IN), not probed per account (EXISTS).
std::string ListUsersSql() {
  return fmt::format(
      "WITH picked AS (SELECT {0} FROM account a"
      " WHERE ((?1 IS NULL AND ?2 = '') OR EXISTS (SELECT 1 FROM affiliation x"
      "   WHERE x.account_id = a.id AND (?1 IS NULL OR x.org_id = ?1)"
      "   AND (?2 = '' OR x.profile = ?2)))"
      " AND (?3 = '' OR a.login LIKE ?3 ESCAPE '\\'"
      "   OR (a.first_name || ' ' || a.last_name) LIKE ?3 ESCAPE '\\'"
      "   OR (a.last_name || ' ' || a.first_name) LIKE ?3 ESCAPE '\\'"
      "   OR json_extract(a.attributes, '$.email') LIKE ?3 ESCAPE '\\'"
      "   OR a.id IN (SELECT y.account_id FROM affiliation y"
      "     WHERE y.external_id LIKE ?3 ESCAPE '\\'))"
      " ORDER BY a.last_name COLLATE NOCASE, a.first_name COLLATE NOCASE, a.id LIMIT ?4)"
      " SELECT {1} FROM picked a LEFT JOIN affiliation f ON f.account_id = a.id"
      "   AND (?1 IS NULL OR f.org_id = ?1)"
      " ORDER BY a.last_name COLLATE NOCASE, a.first_name COLLATE NOCASE, a.id, f.id",
      kAccountColumns, kAccountColumns + std::string(", ") + kAffiliationColumns);
}

// "%text%" with LIKE's own wildcards in `text` taken literally.
std::string ContainsPattern(std::string_view text) {
  if (text.empty()) return {};
  std::string pattern = "%";
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

}  // namespace

Result<std::vector<directory::UserRow>> SqliteStore::ListUsers(const directory::UserQuery& query) {
  Result<StatementLease> select = Db().Cached(ListUsersSql());
  if (!select) return select.error();
  Statement& statement = select->get();
  statement.BindOptional(1, query.org);
  statement.Bind(2, query.profile);
  statement.Bind(3, ContainsPattern(query.text));
  statement.Bind(4, static_cast<std::int64_t>(query.limit));
  std::vector<directory::UserRow> users;
  Status read = ForEachRow(statement, [&](const Statement& row) -> Status {
    if (users.empty() || users.back().account.id != row.Int64(0)) {
      Result<directory::Account> account = ReadAccount(row, 0);
      if (!account) return account.error();
      users.push_back({std::move(account).value(), {}});
    }
    if (!row.IsNull(kAccountColumnCount)) {
      users.back().affiliations.push_back(ReadAffiliation(row, kAccountColumnCount));
    }
    return {};
  });
  if (!read) return read.error();
  return users;
}

}  // namespace rollcall::store::sqlite
