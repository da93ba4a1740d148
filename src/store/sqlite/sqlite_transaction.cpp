#include "store/sqlite/sqlite_transaction.hpp"

#include <fmt/format.h>

#include "store/sqlite/attributes_codec.hpp"
#include "store/sqlite/audit_codec.hpp"
#include "store/sqlite/role_codec.hpp"

namespace rollcall::store::sqlite {
namespace {

using directory::Id;

constexpr const char kUpdateAccount[] =
    "UPDATE account SET login = ?2, last_name = ?3, first_name = ?4, birth_date = ?5,"
    " attributes = ?6, state = ?7, purge_date = ?8, created_at = ?9, updated_at = ?10"
    " WHERE id = ?1";
// A login enters the history with its first account and stays there. Claiming it again changes
// a row only when it is the same account's (so an unchanged login is fine), never another's.
constexpr const char kRecordLogin[] =
    "INSERT INTO login_history(login, account_id) VALUES (?1, ?2)"
    " ON CONFLICT(login) DO UPDATE SET account_id = excluded.account_id"
    " WHERE login_history.account_id = excluded.account_id";
// A new account's id was never anyone's (AUTOINCREMENT), so its login enters the history with a
// plain insert: a conflict means another account had it. Cheaper than the upsert, which a bulk
// import would run a million times.
constexpr const char kRecordNewLogin[] =
    "INSERT INTO login_history(login, account_id) VALUES (?1, ?2)";
// The same for an account's current login, by id: an account a bulk create made (whose login
// would enter the history only at commit) before it is deleted.
constexpr const char kRecordLoginOf[] =
    "INSERT INTO login_history(login, account_id) SELECT login, id FROM account WHERE id = ?1"
    " ON CONFLICT(login) DO UPDATE SET account_id = excluded.account_id"
    " WHERE login_history.account_id = excluded.account_id";
constexpr const char kDeleteAccount[] = "DELETE FROM account WHERE id = ?1";
// Ids the store gives (migration 7): the highest ever given is in sqlite_sequence, as
// AUTOINCREMENT kept it, or in the table itself for rows written otherwise.
constexpr const char kLastIdOfAccount[] =
    "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'account'), 0),"
    " coalesce((SELECT max(id) FROM account), 0))";
constexpr const char kLastIdOfAffiliation[] =
    "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'affiliation'), 0),"
    " coalesce((SELECT max(id) FROM affiliation), 0))";
constexpr const char kUpdateAffiliation[] =
    "UPDATE affiliation SET account_id = ?2, org_id = ?3, profile = ?4, source = ?5,"
    " external_id = ?6, active = ?7, ended_at = ?8, match_key = ?9 WHERE id = ?1";
constexpr const char kInsertGroup[] =
    "INSERT INTO org_group(org_id, kind, name, period, archived, source)"
    " VALUES (?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char kUpdateGroup[] =
    "UPDATE org_group SET org_id = ?2, kind = ?3, name = ?4, period = ?5, archived = ?6,"
    " source = ?7 WHERE id = ?1";
constexpr const char kDeleteMembership[] =
    "DELETE FROM membership WHERE account_id = ?1 AND group_id = ?2";
constexpr const char kInsertLink[] =
    "INSERT INTO guardian_link(guardian_id, child_id, source) VALUES (?1, ?2, ?3)";
constexpr const char kDeleteLink[] =
    "DELETE FROM guardian_link WHERE guardian_id = ?1 AND child_id = ?2";
constexpr const char kSaveImport[] =
    "INSERT INTO import(id, org_id, source, period, state, options_json, summary_json,"
    " created_at, updated_at, kind, org_version, source_version)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    " ON CONFLICT(id) DO UPDATE SET org_id = excluded.org_id, source = excluded.source,"
    " period = excluded.period, state = excluded.state, options_json = excluded.options_json,"
    " summary_json = excluded.summary_json, created_at = excluded.created_at,"
    " updated_at = excluded.updated_at, kind = excluded.kind,"
    " org_version = excluded.org_version, source_version = excluded.source_version";
// ?1 is the id: NULL for a new role (AUTOINCREMENT picks it), the old id when restoring one.
constexpr const char kInsertCustomRole[] =
    "INSERT INTO custom_role(id, name, name_key, description, access_json, all_catalogs,"
    " catalogs_json, user_group_scope, user_group_name, user_group_value, source, created_at,"
    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
constexpr const char kUpdateCustomRole[] =
    "UPDATE custom_role SET name = ?2, name_key = ?3, description = ?4, access_json = ?5,"
    " all_catalogs = ?6, catalogs_json = ?7, user_group_scope = ?8, user_group_name = ?9,"
    " user_group_value = ?10, source = ?11, created_at = ?12, updated_at = ?13 WHERE id = ?1";
constexpr const char kDeleteCustomRole[] = "DELETE FROM custom_role WHERE id = ?1";
constexpr const char kSetRoleAssignment[] =
    "INSERT OR REPLACE INTO role_assignment(account_id, role_id, source) VALUES (?1, ?2, ?3)";
constexpr const char kDeleteRoleAssignment[] = "DELETE FROM role_assignment WHERE account_id = ?1";
constexpr const char kTouchOrg[] = "UPDATE org SET version = version + 1 WHERE id = ?1";
constexpr const char kTouchSource[] =
    "INSERT INTO source_version(source, version) VALUES (?1, 1)"
    " ON CONFLICT(source) DO UPDATE SET version = version + 1";
constexpr const char kDeleteAffiliation[] = "DELETE FROM affiliation WHERE id = ?1";
constexpr const char kDeleteGroup[] = "DELETE FROM org_group WHERE id = ?1";

// Texts are bound without a copy (Statement::BindView): the entities passed to a write outlive
// the statement's run, and so do `attributes`, names and constants.

void BindGroup(Statement& statement, const directory::Group& group) {
  statement.Bind(1, group.id);
  statement.Bind(2, group.org);
  statement.BindView(3, directory::GroupKindName(group.kind));
  statement.BindView(4, group.name);
  statement.BindView(5, group.period);
  statement.Bind(6, std::int64_t{group.archived ? 1 : 0});
  statement.BindView(7, group.source);
}

void BindImport(Statement& statement, const directory::ImportRecord& record) {
  statement.BindView(1, record.id);
  if (record.org == 0) {
    statement.BindNull(2);  // deployment-wide (role files)
  } else {
    statement.Bind(2, record.org);
  }
  statement.BindView(3, record.source);
  statement.BindView(4, record.period);
  statement.BindView(5, directory::ImportStateName(record.state));
  statement.BindView(6, record.options_json);
  statement.BindView(7, record.summary_json);
  statement.BindView(8, record.created_at);
  statement.BindView(9, record.updated_at);
  statement.BindView(10, record.kind);
  statement.Bind(11, record.org_version);
  statement.Bind(12, record.source_version);
}

// The encoded lists are passed in: bound as views, they must outlive the statement's run.
void BindCustomRole(Statement& statement, const directory::CustomRole& role,
                    const std::string& access, const std::string& catalogs) {
  statement.BindView(2, role.name);
  statement.BindView(3, role.name_key);
  statement.BindView(4, role.description);
  statement.BindView(5, access);
  statement.Bind(6, std::int64_t{role.all_catalogs ? 1 : 0});
  statement.BindView(7, catalogs);
  statement.BindView(8, role.user_group_scope);
  statement.BindView(9, role.user_group_name);
  statement.BindView(10, role.user_group_value);
  statement.BindView(11, role.source);
  statement.BindView(12, role.created_at);
  statement.BindView(13, role.updated_at);
}

}  // namespace

Error LoginRefused(const std::string& login) {
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("login '{}' is or was another account's", login));
}

SqliteTransaction::SqliteTransaction(Database& db, std::shared_ptr<TransactionSlot> slot,
                                     std::size_t bulk_threshold)
    : db_(db),
      slot_(std::move(slot)),
      account_ids_{"account", kLastIdOfAccount},
      affiliation_ids_{"affiliation", kLastIdOfAffiliation},
      bulk_threshold_(bulk_threshold) {
  slot_->open = this;
}

SqliteTransaction::~SqliteTransaction() {
  writer_.reset();  // drops what it has not written: it is all rolled back
  if (!ended_) {
    (void)db_.Execute("ROLLBACK");  // nothing more to do if even this fails
    // A big transaction spills pages into the WAL; rolled back, they stayed there and kept a
    // full disk full. Truncating fails harmlessly (busy) while another connection reads.
    (void)db_.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
    slot_->open = nullptr;
  }
}

Error SqliteTransaction::Fail(Error error) {
  if (!failure_) failure_ = error;
  return error;
}

Status SqliteTransaction::Usable() const {
  if (failure_) return *failure_;
  if (ended_) return MakeError(ErrorCode::kInvalidArgument, "the transaction has ended");
  return {};
}

Status SqliteTransaction::ExpectChanged(std::string_view what, Id id) {
  if (db_.Changes() > 0) return {};
  return Fail(MakeError(ErrorCode::kNotFound, fmt::format("no {} with id {}", what, id)));
}

Result<Id> SqliteTransaction::Inserted(Status written) {
  if (!written) return written.error();
  return db_.LastInsertId();
}

// Only the statement's own failure is the login's: an earlier one (written now, from a batch)
// keeps its message. UNIQUE(login) is the only constraint an account's data can break.
template <class Bind>
Status SqliteTransaction::WriteAccountRow(const char* sql, const std::string& login, Bind&& bind) {
  if (Status settled = Settle(); !settled) return settled;
  if (Status usable = Usable(); !usable) return usable;
  if (Status run = Run(sql, bind); !run) {
    return Fail(run.error().code == ErrorCode::kInvalidArgument ? LoginRefused(login)
                                                                : run.error());
  }
  return {};
}

Result<Id> SqliteTransaction::InsertAccount(const directory::Account& account) {
  Result<Id> given = NextId(account_ids_);
  if (!given) return given.error();
  if (writer_) {
    if (Status queued = QueueAccount(account, *given); !queued) return queued.error();
    return *given;  // its login enters the history at commit
  }
  const std::string attributes = EncodeAttributes(account.attributes);
  Status inserted = WriteAccountRow(AccountInserts().one.c_str(), account.login, [&](Statement& s) {
    BindAccount(s, account, attributes, 1);
    s.Bind(1, *given);
  });
  if (!inserted) return inserted.error();
  if (bulk_first_account_ != 0) return *given;  // its login enters the history at commit
  Status recorded = WriteAccountRow(kRecordNewLogin, account.login, [&](Statement& s) {
    s.BindView(1, account.login);
    s.Bind(2, *given);
  });
  if (!recorded) return recorded.error();
  return *given;
}

Status SqliteTransaction::UpdateAccount(const directory::Account& account) {
  const std::string attributes = EncodeAttributes(account.attributes);
  Status updated = WriteAccountRow(kUpdateAccount, account.login,
                                   [&](Statement& s) { BindAccount(s, account, attributes, 1); });
  if (!updated) return updated;
  if (Status changed = ExpectChanged("account", account.id); !changed) return changed;
  Status recorded = Write(kRecordLogin, [&](Statement& s) {
    s.BindView(1, account.login);
    s.Bind(2, account.id);
  });
  if (!recorded) return recorded;
  if (db_.Changes() == 0) return Fail(LoginRefused(account.login));
  return {};
}

Status SqliteTransaction::DeleteAccount(Id account) {
  // Affiliations, memberships and links go with it (ON DELETE CASCADE); its login stays taken.
  if (bulk_first_account_ != 0 && account >= bulk_first_account_) {
    Status recorded = Write(kRecordLoginOf, [&](Statement& s) { s.Bind(1, account); });
    if (!recorded) return recorded;
  }
  Status deleted = Write(kDeleteAccount, [&](Statement& s) { s.Bind(1, account); });
  if (!deleted) return deleted;
  return ExpectChanged("account", account);
}

Result<Id> SqliteTransaction::InsertAffiliation(const directory::Affiliation& affiliation) {
  Result<Id> given = NextId(affiliation_ids_);
  if (!given) return given.error();
  if (bulk_first_account_ != 0) {
    if (Status queued = QueueAffiliation(affiliation, *given); !queued) return queued.error();
    return *given;
  }
  Status inserted = Write(AffiliationInserts().one.c_str(), [&](Statement& s) {
    BindAffiliation(s, affiliation, 1);
    s.Bind(1, *given);
  });
  if (!inserted) return inserted.error();
  return *given;
}

Status SqliteTransaction::UpdateAffiliation(const directory::Affiliation& affiliation) {
  Status updated =
      Write(kUpdateAffiliation, [&](Statement& s) { BindAffiliation(s, affiliation, 1); });
  if (!updated) return updated;
  return ExpectChanged("affiliation", affiliation.id);
}

Result<Id> SqliteTransaction::InsertGroup(const directory::Group& group) {
  return Inserted(Write(kInsertGroup, [&](Statement& s) { BindGroup(s, group); }));
}

Status SqliteTransaction::UpdateGroup(const directory::Group& group) {
  Status updated = Write(kUpdateGroup, [&](Statement& s) { BindGroup(s, group); });
  if (!updated) return updated;
  return ExpectChanged("group", group.id);
}

Status SqliteTransaction::InsertMembership(const directory::Membership& membership) {
  if (bulk_first_account_ != 0) return QueueMembership(membership);
  return Write(MembershipInserts().one.c_str(),
               [&](Statement& s) { BindMembership(s, membership, 1); });
}

Status SqliteTransaction::DeleteMembership(Id account, Id group) {
  Status deleted = Write(kDeleteMembership, [&](Statement& s) {
    s.Bind(1, account);
    s.Bind(2, group);
  });
  if (!deleted) return deleted;
  return ExpectChanged("membership of account", account);
}

Status SqliteTransaction::InsertLink(const directory::GuardianLink& link) {
  return Write(kInsertLink, [&](Statement& s) {
    s.Bind(1, link.guardian);
    s.Bind(2, link.child);
    s.BindView(3, link.source);
  });
}

Status SqliteTransaction::DeleteLink(Id guardian, Id child) {
  Status deleted = Write(kDeleteLink, [&](Statement& s) {
    s.Bind(1, guardian);
    s.Bind(2, child);
  });
  if (!deleted) return deleted;
  return ExpectChanged("link of guardian", guardian);
}

Status SqliteTransaction::SaveImport(const directory::ImportRecord& record) {
  return Write(kSaveImport, [&](Statement& s) { BindImport(s, record); });
}

Result<Id> SqliteTransaction::InsertCustomRole(const directory::CustomRole& role) {
  const std::string access = EncodeRoleAccess(role.access);
  const std::string catalogs = EncodeNames(role.catalogs);
  return Inserted(Write(kInsertCustomRole, [&](Statement& s) {
    s.BindNull(1);
    BindCustomRole(s, role, access, catalogs);
  }));
}

Status SqliteTransaction::RestoreCustomRole(const directory::CustomRole& role) {
  const std::string access = EncodeRoleAccess(role.access);
  const std::string catalogs = EncodeNames(role.catalogs);
  return Write(kInsertCustomRole, [&](Statement& s) {
    s.Bind(1, role.id);
    BindCustomRole(s, role, access, catalogs);
  });
}

Status SqliteTransaction::UpdateCustomRole(const directory::CustomRole& role) {
  const std::string access = EncodeRoleAccess(role.access);
  const std::string catalogs = EncodeNames(role.catalogs);
  Status updated = Write(kUpdateCustomRole, [&](Statement& s) {
    s.Bind(1, role.id);
    BindCustomRole(s, role, access, catalogs);
  });
  if (!updated) return updated;
  return ExpectChanged("custom role", role.id);
}

Status SqliteTransaction::DeleteCustomRole(Id role) {
  // role_assignment.role_id has no ON DELETE: a role someone holds is refused (kInvalidArgument).
  Status deleted = Write(kDeleteCustomRole, [&](Statement& s) { s.Bind(1, role); });
  if (!deleted) return deleted;
  return ExpectChanged("custom role", role);
}

Status SqliteTransaction::SetRoleAssignment(const directory::RoleAssignment& assignment) {
  return Write(kSetRoleAssignment, [&](Statement& s) {
    s.Bind(1, assignment.account);
    s.Bind(2, assignment.role);
    s.BindView(3, assignment.source);
  });
}

Status SqliteTransaction::DeleteRoleAssignment(Id account) {
  Status deleted = Write(kDeleteRoleAssignment, [&](Statement& s) { s.Bind(1, account); });
  if (!deleted) return deleted;
  return ExpectChanged("role assignment of account", account);
}

Status SqliteTransaction::TouchOrg(Id org) {
  Status touched = Write(kTouchOrg, [&](Statement& s) { s.Bind(1, org); });
  if (!touched) return touched;
  return ExpectChanged("org", org);
}

Status SqliteTransaction::DeleteAffiliation(Id affiliation) {
  Status deleted = Write(kDeleteAffiliation, [&](Statement& s) { s.Bind(1, affiliation); });
  if (!deleted) return deleted;
  return ExpectChanged("affiliation", affiliation);
}

Status SqliteTransaction::DeleteGroup(Id group) {
  Status deleted = Write(kDeleteGroup, [&](Statement& s) { s.Bind(1, group); });
  if (!deleted) return deleted;
  return ExpectChanged("group", group);
}

Status SqliteTransaction::TouchSource(const std::string& source) {
  return Write(kTouchSource, [&](Statement& s) { s.Bind(1, source); });
}

Status SqliteTransaction::SetCredential(const directory::Credential& credential) {
  if (bulk_first_account_ != 0) return QueueCredential(credential);
  return Write(CredentialUpserts().one.c_str(),
               [&](Statement& s) { BindCredential(s, credential, 1); });
}

Status SqliteTransaction::Commit() {
  if (Status usable = Usable(); !usable) return usable;
  if (Status flushed = FlushEntities(); !flushed) return flushed;
  if (Status flushed = FlushAudit(); !flushed) return flushed;
  if (Status flushed = FlushSealed(); !flushed) return flushed;
  if (Status waited = WaitForWriter(); !waited) return waited;
  writer_.reset();
  if (Status saved = SaveSequences(); !saved) return saved;
  if (Status recorded = RecordBulkLogins(); !recorded) return recorded;
  if (Status rebuilt = RebuildDeferredIndexes(); !rebuilt) return rebuilt;
  if (Status committed = db_.Execute("COMMIT"); !committed) return Fail(committed.error());
  ended_ = true;
  slot_->open = nullptr;  // the store may begin the next one while this object lingers
  return {};
}

}  // namespace rollcall::store::sqlite
