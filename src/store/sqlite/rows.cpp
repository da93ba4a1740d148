#include "store/sqlite/rows.hpp"

#include <fmt/format.h>

#include "store/sqlite/attributes_codec.hpp"
#include "store/sqlite/role_codec.hpp"

namespace rollcall::store::sqlite {
namespace {

Error Corrupt(std::string_view what, std::string_view value) {
  return MakeError(ErrorCode::kCorrupt, fmt::format("database: unknown {} '{}'", what, value));
}

}  // namespace

directory::Org ReadOrg(const Statement& row, int first) {
  directory::Org org;
  org.id = row.Int64(first);
  org.code = row.String(first + 1);
  org.name = row.String(first + 2);
  if (!row.IsNull(first + 3)) org.parent = row.Int64(first + 3);
  return org;
}

Result<directory::Account> ReadAccount(const Statement& row, int first) {
  directory::Account account;
  account.id = row.Int64(first);
  account.login = row.String(first + 1);
  account.last_name = row.String(first + 2);
  account.first_name = row.String(first + 3);
  account.birth_date = row.String(first + 4);
  Result<directory::Attributes> attributes = DecodeAttributes(row.Text(first + 5));
  if (!attributes) return attributes.error();
  account.attributes = std::move(attributes).value();
  const std::optional<directory::AccountState> state =
      directory::ParseAccountState(row.Text(first + 6));
  if (!state) return Corrupt("account state", row.Text(first + 6));
  account.state = *state;
  account.purge_date = row.String(first + 7);
  account.created_at = row.String(first + 8);
  account.updated_at = row.String(first + 9);
  return account;
}

directory::Affiliation ReadAffiliation(const Statement& row, int first) {
  directory::Affiliation affiliation;
  affiliation.id = row.Int64(first);
  affiliation.account = row.Int64(first + 1);
  affiliation.org = row.Int64(first + 2);
  affiliation.profile = row.String(first + 3);
  affiliation.source = row.String(first + 4);
  affiliation.external_id = row.String(first + 5);
  affiliation.active = row.Int64(first + 6) != 0;
  affiliation.ended_at = row.String(first + 7);
  affiliation.match_key = row.String(first + 8);
  return affiliation;
}

Result<directory::Group> ReadGroup(const Statement& row, int first) {
  directory::Group group;
  group.id = row.Int64(first);
  group.org = row.Int64(first + 1);
  const std::optional<directory::GroupKind> kind = directory::ParseGroupKind(row.Text(first + 2));
  if (!kind) return Corrupt("group kind", row.Text(first + 2));
  group.kind = *kind;
  group.name = row.String(first + 3);
  group.period = row.String(first + 4);
  group.archived = row.Int64(first + 5) != 0;
  group.source = row.String(first + 6);
  return group;
}

Result<directory::ImportRecord> ReadImport(const Statement& row, int first) {
  directory::ImportRecord record;
  record.id = row.String(first);
  record.org = row.Int64(first + 1);
  record.source = row.String(first + 2);
  record.period = row.String(first + 3);
  const std::optional<directory::ImportState> state =
      directory::ParseImportState(row.Text(first + 4));
  if (!state) return Corrupt("import state", row.Text(first + 4));
  record.state = *state;
  record.options_json = row.String(first + 5);
  record.summary_json = row.String(first + 6);
  record.created_at = row.String(first + 7);
  record.updated_at = row.String(first + 8);
  record.kind = row.String(first + 9);
  record.org_version = row.Int64(first + 10);
  record.source_version = row.Int64(first + 11);
  return record;
}

Result<directory::CustomRole> ReadCustomRole(const Statement& row, int first) {
  directory::CustomRole role;
  role.id = row.Int64(first);
  role.name = row.String(first + 1);
  role.name_key = row.String(first + 2);
  role.description = row.String(first + 3);
  Result<std::vector<directory::RoleAccess>> access = DecodeRoleAccess(row.Text(first + 4));
  if (!access) return access.error();
  role.access = std::move(access).value();
  role.all_catalogs = row.Int64(first + 5) != 0;
  Result<std::vector<std::string>> catalogs = DecodeNames(row.Text(first + 6));
  if (!catalogs) return catalogs.error();
  role.catalogs = std::move(catalogs).value();
  role.user_group_scope = row.String(first + 7);
  role.user_group_name = row.String(first + 8);
  role.user_group_value = row.String(first + 9);
  role.source = row.String(first + 10);
  role.created_at = row.String(first + 11);
  role.updated_at = row.String(first + 12);
  return role;
}

void BindAccount(Statement& statement, const directory::Account& account,
                 const std::string& attributes, int first) {
  statement.Bind(first, account.id);
  statement.BindView(first + 1, account.login);
  statement.BindView(first + 2, account.last_name);
  statement.BindView(first + 3, account.first_name);
  statement.BindView(first + 4, account.birth_date);
  statement.BindView(first + 5, attributes);
  statement.BindView(first + 6, directory::AccountStateName(account.state));
  statement.BindView(first + 7, account.purge_date);
  statement.BindView(first + 8, account.created_at);
  statement.BindView(first + 9, account.updated_at);
}

void BindAffiliation(Statement& statement, const directory::Affiliation& affiliation, int first) {
  statement.Bind(first, affiliation.id);
  statement.Bind(first + 1, affiliation.account);
  statement.Bind(first + 2, affiliation.org);
  statement.BindView(first + 3, affiliation.profile);
  statement.BindView(first + 4, affiliation.source);
  statement.BindView(first + 5, affiliation.external_id);
  statement.Bind(first + 6, std::int64_t{affiliation.active ? 1 : 0});
  statement.BindView(first + 7, affiliation.ended_at);
  statement.BindView(first + 8, affiliation.match_key);
}

void BindMembership(Statement& statement, const directory::Membership& membership, int first) {
  statement.Bind(first, membership.account);
  statement.Bind(first + 1, membership.group);
  statement.BindView(first + 2, membership.source);
}

void BindCredential(Statement& statement, const directory::Credential& credential, int first) {
  statement.Bind(first, credential.account);
  statement.BindView(first + 1, credential.kind);
  statement.BindView(first + 2, credential.secret_hash);
  statement.Bind(first + 3, std::int64_t{credential.must_change ? 1 : 0});
  statement.BindView(first + 4, credential.created_at);
}

}  // namespace rollcall::store::sqlite
