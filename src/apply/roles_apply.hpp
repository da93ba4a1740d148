// Applying a role-file sync's plan (issue 6): the custom roles and assignments it changes, each
// with its audit entry (before/after, under the import's id) so that `rollcall revert` undoes the
// sync, and the import record, saved as applied.
//
// Writes go into a transaction the caller began and commits: the role-file service plans inside
// that same transaction, so the directory cannot change between plan and apply.
#pragma once

#include <cstddef>
#include <string>

#include "base/result.hpp"
#include "directory/store.hpp"
#include "plan/roles.hpp"

namespace rollcall::apply {

struct RoleApplyOptions {
  directory::ImportRecord import;  // saved as applied; its id tags the audit entries
  std::string now;                 // stamps created and updated roles, and the audit entries
};

struct RoleApplyResult {
  std::size_t changes_written = 0;  // audited changes: roles and assignments
};

// REQUIRES: !plan.blocked. Order: roles created and updated, assignments given, assignments
// removed, roles deleted (a deleted role is held by nobody by then), then the source version and
// the import record. Fails with the first write's error, leaving the transaction to roll back.
Result<RoleApplyResult> ApplyRolePlan(directory::Transaction& transaction,
                                      const plan::RolePlan& plan, const RoleApplyOptions& options);

}  // namespace rollcall::apply
