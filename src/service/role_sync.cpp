// SyncRoleFiles, steps:
//   1. read and parse the files present;
//   2. with --apply, begin the transaction first: planning inside it means nothing can change the
//      directory between plan and apply (no staleness check is needed);
//   3. load what the plan reads: stored roles and assignments, the accounts the e-mails name, the
//      scope groups that exist;
//   4. plan;
//   5. apply when asked, not blocked and something changes: audit, import record, commit.
#include "service/role_sync.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <set>

#include "apply/roles_apply.hpp"
#include "files/load.hpp"
#include "service/history.hpp"
#include "text/normalize.hpp"

namespace rollcall::service {
namespace {

namespace fs = std::filesystem;

struct ReadFile {
  RoleSyncFile file;
  table::Table table;
};

Result<ReadFile> ReadRoleTable(const fs::path& path) {
  Result<table::ReadOutcome> outcome = files::LoadTable(path, table::ReadOptions{});
  if (!outcome) return outcome.error();
  ReadFile read;
  read.file.path = path;
  read.file.read_diagnostics = std::move(outcome->diagnostics);
  read.table = std::move(outcome->table);
  return read;
}

// The header cells the report repeats: the first row when the file has a header.
std::vector<std::string> HeaderCells(const table::Table& table, bool has_header) {
  std::vector<std::string> header;
  for (std::size_t column_idx = 0; column_idx < table.max_cell_count(); ++column_idx) {
    header.push_back(has_header && table.row_count() > 0
                         ? std::string(table.Cell(0, column_idx))
                         : fmt::format("column {}", column_idx + 1));
  }
  return header;
}

Status ReadFiles(const std::optional<fs::path>& role_csv,
                 const std::optional<fs::path>& user_role_csv, RoleSyncOutcome& outcome) {
  if (role_csv) {
    Result<ReadFile> read = ReadRoleTable(*role_csv);
    if (!read) return read.error();
    outcome.role_file = records::ParseRoleFile(read->table);
    read->file.header = HeaderCells(read->table, true);
    outcome.role_csv = std::move(read->file);
  }
  if (user_role_csv) {
    Result<ReadFile> read = ReadRoleTable(*user_role_csv);
    if (!read) return read.error();
    outcome.user_role_file = records::ParseUserRoleFile(read->table);
    read->file.header = HeaderCells(read->table, outcome.user_role_file->header_line != 0);
    outcome.user_role_csv = std::move(read->file);
  }
  return {};
}

// What the plan reads from the store (step 3).
struct StoredState {
  std::vector<directory::CustomRole> roles;
  std::vector<directory::RoleAssignment> assignments;
  std::vector<directory::Account> accounts;
  std::vector<std::string> groups;
};

Result<StoredState> LoadStoredState(directory::Store& store, const RoleSyncOutcome& outcome) {
  StoredState state;
  Result<std::vector<directory::CustomRole>> roles = store.ListCustomRoles();
  if (!roles) return roles.error();
  state.roles = std::move(roles).value();
  Result<std::vector<directory::RoleAssignment>> assignments = store.ListRoleAssignments();
  if (!assignments) return assignments.error();
  state.assignments = std::move(assignments).value();
  std::vector<std::string> emails, groups;
  if (outcome.user_role_file) {
    for (const records::RoleAssignment& line : outcome.user_role_file->assignments) {
      if (!line.email.empty()) emails.push_back(line.email);
    }
  }
  if (outcome.role_file) {
    for (const records::Role& role : outcome.role_file->roles) {
      if (role.user_group_scope.kind == records::UserGroupScopeKind::kGroup) {
        groups.push_back(role.user_group_scope.name);
      }
    }
  }
  Result<std::vector<directory::Account>> accounts = store.FindAccountsByEmail(emails);
  if (!accounts) return accounts.error();
  state.accounts = std::move(accounts).value();
  Result<std::vector<std::string>> existing = store.ExistingGroupNames(groups);
  if (!existing) return existing.error();
  state.groups = std::move(existing).value();
  return state;
}

// Derived from the files, the time and what was stored before: two syncs never share an id
// (the audit log is keyed by it), and the same sync recomputed names itself the same way.
Result<std::string> RoleImportId(const RoleSyncOutcome& outcome, const StoredState& state,
                                 const std::string& now) {
  if (sodium_init() < 0) return MakeError(ErrorCode::kIo, "libsodium cannot start");
  std::string description = "roles|" + now;
  for (const std::optional<RoleSyncFile>* file : {&outcome.role_csv, &outcome.user_role_csv}) {
    if (!*file) continue;
    Result<std::string> bytes = files::ReadFileBytes((*file)->path, std::uint64_t{1} << 30);
    if (!bytes) return bytes.error();
    description += "|" + *bytes;
  }
  for (const directory::CustomRole& role : state.roles) {
    description += fmt::format("|r{}:{}", role.id, role.updated_at);
  }
  for (const directory::RoleAssignment& assignment : state.assignments) {
    description +=
        fmt::format("|a{}:{}:{}", assignment.account, assignment.role, assignment.source);
  }
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest,
                     reinterpret_cast<const unsigned char*>(description.data()), description.size(),
                     nullptr, 0);
  std::string id = "roles-";
  for (unsigned char byte : digest) id += fmt::format("{:02x}", byte);
  return id;
}

directory::ImportRecord MakeRoleImportRecord(const RoleSyncOutcome& outcome, std::string id,
                                             const std::string& now) {
  directory::ImportRecord record;
  record.id = std::move(id);
  record.org = 0;  // custom roles belong to the deployment, not to an org
  record.source = directory::kRolesCsvSource;
  record.kind = directory::kRoleFiles;
  record.state = directory::ImportState::kApplied;
  nlohmann::ordered_json options = nlohmann::ordered_json::object();
  if (outcome.role_csv) options["role_file"] = outcome.role_csv->path.string();
  if (outcome.user_role_csv) options["user_role_file"] = outcome.user_role_csv->path.string();
  record.options_json =
      options.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  record.summary_json = RoleSyncSummaryJson(outcome, true)
                            .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  record.created_at = record.updated_at = now;
  return record;
}

Status FindRemovedLogins(directory::Store& store, RoleSyncOutcome& outcome) {
  for (const plan::AssignmentRemoval& removal : outcome.plan.removed_assignments) {
    Result<std::optional<directory::Account>> account =
        store.FindAccount(removal.assignment.account);
    if (!account) return account.error();
    if (*account) outcome.logins[removal.assignment.account] = (*account)->login;
  }
  return {};
}

Status Apply(directory::Transaction& transaction, const StoredState& state,
             const RoleSyncOptions& options, RoleSyncOutcome& outcome) {
  Result<std::string> id = RoleImportId(outcome, state, options.clock.now);
  if (!id) return id.error();
  outcome.import_id = *id;
  outcome.applied = true;  // the summary saved with the record says so
  apply::RoleApplyOptions apply_options{MakeRoleImportRecord(outcome, *id, options.clock.now),
                                        options.clock.now};
  Result<apply::RoleApplyResult> applied =
      apply::ApplyRolePlan(transaction, outcome.plan, apply_options);
  if (!applied) return applied.error();
  if (Status committed = transaction.Commit(); !committed) return committed;
  outcome.changes_written = applied->changes_written;
  return {};
}

}  // namespace

std::string RoleSyncOutcome::State(bool apply_asked) const {
  if (plan.blocked) return "blocked";
  if (applied) return "applied";
  return apply_asked ? "unchanged" : "analyzed";
}

Result<RoleSyncOutcome> SyncRoleFiles(directory::Store& store,
                                      const std::optional<fs::path>& role_csv,
                                      const std::optional<fs::path>& user_role_csv,
                                      const RoleSyncOptions& options) {
  if (!role_csv && !user_role_csv) {
    return MakeError(ErrorCode::kInvalidArgument, "no role file: give role.csv or user_role.csv");
  }
  RoleSyncOutcome outcome;
  if (Status read = ReadFiles(role_csv, user_role_csv, outcome); !read) {  // 1.
    return read.error();
  }
  std::vector<OrgLockGuard> locks;
  if (options.apply && options.lock_every_org) {
    Result<std::vector<OrgLockGuard>> every = LockEveryOrg(store, "role sync", options.clock);
    if (!every) return every.error();
    locks = std::move(every).value();
  }
  std::unique_ptr<directory::Transaction> transaction;
  if (options.apply) {  // 2.
    Result<std::unique_ptr<directory::Transaction>> begun = store.Begin();
    if (!begun) return begun.error();
    transaction = std::move(begun).value();
  }
  Result<StoredState> state = LoadStoredState(store, outcome);  // 3.
  if (!state) return state.error();
  plan::RolePlanInput input;  // 4.
  input.role_file = outcome.role_file ? &*outcome.role_file : nullptr;
  input.user_role_file = outcome.user_role_file ? &*outcome.user_role_file : nullptr;
  input.roles = state->roles;
  input.assignments = state->assignments;
  input.accounts = state->accounts;
  input.existing_groups = state->groups;
  input.skip_invalid_lines = options.skip_invalid_lines;
  outcome.plan = plan::MakeRolePlan(input);
  if (Status found = FindRemovedLogins(store, outcome); !found) return found.error();
  if (transaction && !outcome.plan.blocked && outcome.plan.HasChanges()) {  // 5.
    if (Status applied = Apply(*transaction, *state, options, outcome); !applied) {
      return applied.error();
    }
  }
  return outcome;
}

Result<RoleFilePaths> FindRoleFiles(const fs::path& dir) {
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    return MakeError(ErrorCode::kNotFound, fmt::format("{} is not a folder", dir.string()));
  }
  RoleFilePaths paths;
  for (const fs::path& folder : {dir / "import" / "user" / "internal" / "user_role", dir}) {
    if (!fs::is_directory(folder, error)) continue;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
      const std::string name = text::LowerCase(entry.path().filename().string());
      const bool role = name == "role.csv", user_role = name == "user_role.csv";
      if (!role && !user_role) continue;
      if (entry.is_symlink(error)) {
        return MakeError(ErrorCode::kRefused,
                         fmt::format("{} is a symbolic link; not followed", entry.path().string()));
      }
      (role ? paths.role_csv : paths.user_role_csv) = entry.path();
    }
    if (paths.role_csv || paths.user_role_csv) return paths;
  }
  return MakeError(ErrorCode::kNotFound,
                   fmt::format("{} holds no role.csv or user_role.csv (looked in "
                               "import/user/internal/user_role/ and in the folder itself)",
                               dir.string()));
}

}  // namespace rollcall::service
