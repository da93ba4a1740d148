// The column lists the store selects, and the readers that turn a result row back into domain
// types. Each reader starts at column `first`, so a JOIN can read an account and an affiliation
// from one row. A value the schema should never hold (an unknown state, attributes that are not
// JSON) is kCorrupt. The binders write the other way, for the transaction's inserts.
//
// Pure functions over a Statement positioned on a row; thread-safety is the Statement's.
#pragma once

#include "base/result.hpp"
#include "directory/model.hpp"
#include "store/sqlite/sqlite_db.hpp"

namespace rollcall::store::sqlite {

// Table aliases: org o, account a, affiliation f, org_group g, import i, custom_role r.
inline constexpr const char kOrgColumns[] = "o.id, o.code, o.name, o.parent_id";
inline constexpr int kOrgColumnCount = 4;
inline constexpr const char kAccountColumns[] =
    "a.id, a.login, a.last_name, a.first_name, a.birth_date, a.attributes, a.state, a.purge_date, "
    "a.created_at, a.updated_at";
inline constexpr int kAccountColumnCount = 10;
inline constexpr const char kAffiliationColumns[] =
    "f.id, f.account_id, f.org_id, f.profile, f.source, f.external_id, f.active, f.ended_at, "
    "f.match_key";
inline constexpr int kAffiliationColumnCount = 9;
inline constexpr const char kGroupColumns[] =
    "g.id, g.org_id, g.kind, g.name, g.period, g.archived, g.source";
inline constexpr const char kImportColumns[] =
    "i.id, i.org_id, i.source, i.period, i.state, i.options_json, i.summary_json, i.created_at, "
    "i.updated_at, i.kind, i.org_version, i.source_version";

inline constexpr const char kCustomRoleColumns[] =
    "r.id, r.name, r.name_key, r.description, r.access_json, r.all_catalogs, r.catalogs_json, "
    "r.user_group_scope, r.user_group_name, r.user_group_value, r.source, r.created_at, "
    "r.updated_at";

directory::Org ReadOrg(const Statement& row, int first);
Result<directory::Account> ReadAccount(const Statement& row, int first);
directory::Affiliation ReadAffiliation(const Statement& row, int first);
Result<directory::Group> ReadGroup(const Statement& row, int first);
Result<directory::ImportRecord> ReadImport(const Statement& row, int first);
Result<directory::CustomRole> ReadCustomRole(const Statement& row, int first);

// The other way: an entity's columns bound as parameters `first`, `first + 1`… in the order of
// its column list. Texts are bound as views: the entity must outlive the statement's run.
// `attributes`: the account's, encoded (EncodeAttributes).
void BindAccount(Statement& statement, const directory::Account& account,
                 const std::string& attributes, int first);
void BindAffiliation(Statement& statement, const directory::Affiliation& affiliation, int first);
void BindMembership(Statement& statement, const directory::Membership& membership, int first);
void BindCredential(Statement& statement, const directory::Credential& credential, int first);

}  // namespace rollcall::store::sqlite
