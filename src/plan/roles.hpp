// The plan of a role-file sync (issue 6, seed 004): what role.csv and user_role.csv change in the
// custom roles and their assignments, line by line, before anything is written.
//
// Ownership (DESIGN.md §4.1): the files own what source `roles-csv` owns, and only that.
//   - role.csv: each line creates or updates its role; a file role absent from the file is
//     deleted. A line naming a hand-made (`manual`) role is an error: names are unique across
//     both origins, and hand-made roles are never touched.
//   - user_role.csv: each line gives a user (found by e-mail) their one custom role, replacing a
//     previous file assignment without error; a file assignment whose line is gone is removed.
//     A user holding a hand-made assignment is left alone, with a warning. The role must exist:
//     in role.csv, or already stored (hand-made roles may be assigned by file).
//   - A file absent this time changes nothing of its kind, except that the assignments of a
//     deleted role go with it. A file with a critical (header) problem deletes nothing.
//   - A file role that hand-made assignments still hold is not deleted: an error, since deleting
//     it would take a role an administrator gave away by hand.
//
// MakeRolePlan is pure and deterministic: no I/O, the same inputs give the same plan.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.hpp"
#include "directory/model.hpp"
#include "records/roles.hpp"

namespace rollcall::plan {

enum class RoleOperation { kCreate, kUpdate, kUnchanged, kDelete, kSkip };
std::string_view RoleOperationName(RoleOperation operation);

// One line of role.csv.
struct RoleLinePlan {
  std::uint32_t line = 0;
  std::size_t role_idx = 0;  // in RoleFile::roles
  RoleOperation operation = RoleOperation::kSkip;
  // kCreate: the new role (id 0, no timestamps); kUpdate: the stored role with the file's values;
  // kUnchanged: as stored; kSkip: the file's values, for the report only.
  directory::CustomRole role;
  std::optional<directory::CustomRole> before;  // kUpdate: as stored
  std::vector<Diagnostic> diagnostics;          // the parser's and the plan's
};

// One line of user_role.csv.
struct AssignmentLinePlan {
  std::uint32_t line = 0;
  std::size_t assignment_idx = 0;  // in UserRoleFile::assignments
  // kCreate, kUpdate (replaces another file role), kUnchanged, or kSkip.
  RoleOperation operation = RoleOperation::kSkip;
  directory::Id account = 0;  // 0 unless the e-mail found exactly one account
  std::string login;
  std::string role_key;       // records::RoleNameKey of the role assigned
  directory::Id role_id = 0;  // the stored role assigned; 0 when this plan creates it
  std::optional<directory::RoleAssignment> before;  // kUpdate: as stored
  std::vector<Diagnostic> diagnostics;
};

// A file assignment that goes: its line left user_role.csv, or its role is deleted.
struct AssignmentRemoval {
  directory::RoleAssignment assignment;
  std::string role_name;
  bool role_deleted = false;
};

struct RoleOperationCounts {
  std::size_t create = 0, update = 0, unchanged = 0, remove = 0, skip = 0;
};

struct RolePlan {
  std::vector<RoleLinePlan> roles;                     // role.csv lines, in file order
  std::vector<directory::CustomRole> deleted_roles;    // by id
  std::vector<AssignmentLinePlan> assignments;         // user_role.csv lines, in file order
  std::vector<AssignmentRemoval> removed_assignments;  // by account
  // Not tied to a line: the files' header problems, and deletions refused.
  std::vector<Diagnostic> diagnostics;
  RoleOperationCounts role_counts, assignment_counts;
  SeverityCounts severity;  // of every diagnostic, lines included
  bool blocked = false;     // a critical, or an error without skip_invalid_lines

  bool HasChanges() const;
};

struct RolePlanInput {
  const records::RoleFile* role_file = nullptr;            // null: no role.csv this time
  const records::UserRoleFile* user_role_file = nullptr;   // null: no user_role.csv this time
  std::span<const directory::CustomRole> roles;            // every stored role
  std::span<const directory::RoleAssignment> assignments;  // every stored assignment
  // At least the accounts whose e-mail user_role.csv names (Store::FindAccountsByEmail).
  std::span<const directory::Account> accounts;
  // Which user-group scope groups exist (Store::ExistingGroupNames): any org's, not archived.
  std::span<const std::string> existing_groups;
  bool skip_invalid_lines = false;  // plan the valid lines when others have errors
};

RolePlan MakeRolePlan(const RolePlanInput& input);

// The directory form of a role.csv line: access sorted by entity (the file's column order does
// not matter), scopes as CustomRole spells them. Source, id and timestamps are left empty.
directory::CustomRole ToCustomRole(const records::Role& role);

// Whether two roles grant the same thing under the same name (id, key, owner and timestamps
// aside).
bool SameRoleContent(const directory::CustomRole& a, const directory::CustomRole& b);

}  // namespace rollcall::plan
