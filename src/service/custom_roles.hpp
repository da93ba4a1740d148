// Custom roles made by hand (source `manual`): what `rollcall roles add` and `roles assign` do,
// so that an administrator's roles and assignments exist beside the files' — and the files'
// sync leaves them alone (plan/roles.hpp).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/language.hpp"
#include "base/result.hpp"
#include "directory/store.hpp"
#include "service/import_request.hpp"

namespace rollcall::service {

struct ManualRoleRequest {
  std::string name;
  // Entity (as a role.csv header would name it: "course", "Cours", "learning plan"…) → levels
  // as a role.csv cell holds them ("WRITE|REPORT", "COMPLET", "NONE").
  std::vector<std::pair<std::string, std::string>> access;
  std::string catalog_scope = "FULL";     // catalog names joined by `|`, or FULL
  std::string user_group_scope = "FULL";  // a group, attribute=value, …, or FULL
  std::string description;
};

// Checks the role as role.csv's line would be checked (the same parser), then stores it.
// kInvalidArgument, with the problems rendered in `language`, when it is not valid, its scope
// group does not exist, or its name is taken (by any role, hand-made or from the file).
Result<directory::CustomRole> AddManualRole(directory::Store& store,
                                            const ManualRoleRequest& request, const Clock& clock,
                                            Language language);

// Gives the account the role by hand, replacing the custom role it held (hand-made or from the
// file: a hand-made assignment is the administrator's decision, and the files leave it alone
// from then on). kNotFound for an unknown login or role name. A role from role.csv cannot be
// given by hand (kInvalidArgument): as in the guide, file roles are managed by the files only.
Result<directory::RoleAssignment> AssignRoleByHand(directory::Store& store,
                                                   const std::string& login,
                                                   const std::string& role_name);

}  // namespace rollcall::service
