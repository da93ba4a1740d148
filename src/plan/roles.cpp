// MakeRolePlan, steps:
//   1. index what is stored: roles by name key and by id, assignments by account;
//   2. plan each role.csv line: skip, create, update or unchanged;
//   3. delete the stored file roles role.csv no longer has (unless hand-made assignments hold one);
//   4. plan each user_role.csv line: find the user by e-mail, check the role exists, then create,
//      replace, keep, or leave a hand-made assignment alone;
//   5. remove the file assignments whose line is gone, or whose role is deleted;
//   6. count, and decide whether the plan is blocked.
#include "plan/roles.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "text/normalize.hpp"

namespace rollcall::plan {
namespace {

using directory::Id;

constexpr std::string_view kFileSource = directory::kRolesCsvSource;

bool HasCritical(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kCritical; });
}

bool HasBlocking(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity >= Severity::kError; });
}

std::string_view ScopeKindName(records::UserGroupScopeKind kind) {
  switch (kind) {
    case records::UserGroupScopeKind::kAll:
      return "all";
    case records::UserGroupScopeKind::kGroup:
      return "group";
    case records::UserGroupScopeKind::kAttribute:
      return "attribute";
    case records::UserGroupScopeKind::kSelfRegistration:
      return "self_registration";
    case records::UserGroupScopeKind::kManagerDirect:
      return "manager_direct";
    case records::UserGroupScopeKind::kManagerOrg:
      return "manager_org";
  }
  return "all";
}

void Count(RoleOperationCounts& counts, RoleOperation operation) {
  switch (operation) {
    case RoleOperation::kCreate:
      ++counts.create;
      break;
    case RoleOperation::kUpdate:
      ++counts.update;
      break;
    case RoleOperation::kUnchanged:
      ++counts.unchanged;
      break;
    case RoleOperation::kDelete:
      ++counts.remove;
      break;
    case RoleOperation::kSkip:
      ++counts.skip;
      break;
  }
}

class RolePlanner {
 public:
  explicit RolePlanner(const RolePlanInput& input) : input_(input) {}

  RolePlan Run() {
    Index();  // 1.
    if (input_.role_file != nullptr) {
      PlanRoleLines();      // 2.
      PlanRoleDeletions();  // 3.
    }
    if (input_.user_role_file != nullptr) PlanAssignmentLines();  // 4.
    PlanRemovals();                                               // 5.
    Finish();                                                     // 6.
    return std::move(plan_);
  }

 private:
  void Index() {
    for (const directory::CustomRole& role : input_.roles) {
      role_by_key_[role.name_key] = &role;
      role_by_id_[role.id] = &role;
    }
    for (const directory::RoleAssignment& assignment : input_.assignments) {
      assignment_of_account_[assignment.account] = &assignment;
    }
    for (const directory::Account& account : input_.accounts) {
      const std::string email = text::LowerCase(account.Attribute("email"));
      if (!email.empty()) accounts_by_email_[email].push_back(&account);
    }
  }

  void PlanRoleLines() {
    records::RoleFile file = *input_.role_file;  // a copy: the checks add diagnostics
    const std::set<std::string, std::less<>> groups(input_.existing_groups.begin(),
                                                    input_.existing_groups.end());
    records::CheckScopeGroups(file, [&](std::string_view name) { return groups.contains(name); });
    plan_.diagnostics.insert(plan_.diagnostics.end(), file.diagnostics.begin(),
                             file.diagnostics.end());
    for (std::size_t role_idx = 0; role_idx < file.roles.size(); ++role_idx) {
      const records::Role& role = file.roles[role_idx];
      RoleLinePlan& line = plan_.roles.emplace_back();
      line.line = role.line;
      line.role_idx = role_idx;
      line.role = ToCustomRole(role);
      line.diagnostics = role.diagnostics;
      if (!role.name.empty()) file_keys_.insert(line.role.name_key);
      PlanRoleLine(line, file.name_column_idx.value_or(0));
    }
  }

  void PlanRoleLine(RoleLinePlan& line, std::size_t name_column_idx) {
    if (HasBlocking(line.diagnostics)) return;  // kSkip
    const auto stored = role_by_key_.find(line.role.name_key);
    if (stored == role_by_key_.end()) {
      line.operation = RoleOperation::kCreate;
      line.role.source = kFileSource;
      return;
    }
    const directory::CustomRole& current = *stored->second;
    if (current.source != kFileSource) {
      line.diagnostics.push_back(MakeDiagnostic(Severity::kError, "role_name_taken", line.line,
                                                static_cast<int>(name_column_idx + 1))
                                     .With("name", line.role.name)
                                     .With("source", current.source));
      return;
    }
    if (SameRoleContent(current, line.role)) {
      line.operation = RoleOperation::kUnchanged;
      line.role = current;
      return;
    }
    line.operation = RoleOperation::kUpdate;
    line.before = current;
    directory::CustomRole updated = std::move(line.role);
    updated.id = current.id;
    updated.source = current.source;
    updated.created_at = current.created_at;
    updated.updated_at = current.updated_at;  // the applier stamps it
    line.role = std::move(updated);
  }

  void PlanRoleDeletions() {
    if (HasCritical(input_.role_file->diagnostics)) return;  // an unreadable header deletes nothing
    for (const directory::CustomRole& role : input_.roles) {
      if (role.source != kFileSource || file_keys_.contains(role.name_key)) continue;
      const auto hand_made_holders =
          std::count_if(input_.assignments.begin(), input_.assignments.end(),
                        [&](const directory::RoleAssignment& assignment) {
                          return assignment.role == role.id && assignment.source != kFileSource;
                        });
      if (hand_made_holders > 0) {
        plan_.diagnostics.push_back(MakeDiagnostic(Severity::kError, "role_still_assigned", 0)
                                        .With("name", role.name)
                                        .With("count", std::to_string(hand_made_holders)));
        continue;
      }
      plan_.deleted_roles.push_back(role);
      deleted_ids_.insert(role.id);
    }
  }

  // The role a name designates once the plan is applied: stored and not deleted, or created by a
  // valid line. Its id, 0 when the plan creates it; nullopt when there is none.
  std::optional<Id> RoleAfterPlan(const std::string& key) const {
    const auto stored = role_by_key_.find(key);
    if (stored != role_by_key_.end() && !deleted_ids_.contains(stored->second->id)) {
      return stored->second->id;
    }
    for (const RoleLinePlan& line : plan_.roles) {
      if (line.operation == RoleOperation::kCreate && line.role.name_key == key) return Id{0};
    }
    return std::nullopt;
  }

  void PlanAssignmentLines() {
    records::UserRoleFile file = *input_.user_role_file;
    records::CheckAssignedRoles(file, [&](std::string_view name) {
      return RoleAfterPlan(records::RoleNameKey(name)).has_value();
    });
    plan_.diagnostics.insert(plan_.diagnostics.end(), file.diagnostics.begin(),
                             file.diagnostics.end());
    for (std::size_t assignment_idx = 0; assignment_idx < file.assignments.size();
         ++assignment_idx) {
      const records::RoleAssignment& assignment = file.assignments[assignment_idx];
      AssignmentLinePlan& line = plan_.assignments.emplace_back();
      line.line = assignment.line;
      line.assignment_idx = assignment_idx;
      line.role_key = records::RoleNameKey(assignment.role_name);
      line.diagnostics = assignment.diagnostics;
      if (!assignment.email.empty()) {
        FindAccount(assignment.email, line, static_cast<int>(file.email_column_idx + 1));
      }
      if (line.account != 0) named_accounts_.insert(line.account);
      if (assignment.replaced_by_line == 0) PlanAssignmentLine(assignment, line);
    }
  }

  void FindAccount(const std::string& email, AssignmentLinePlan& line, int column) {
    const auto found = accounts_by_email_.find(text::LowerCase(email));
    const std::size_t count = found == accounts_by_email_.end() ? 0 : found->second.size();
    if (count == 1) {
      line.account = found->second.front()->id;
      line.login = found->second.front()->login;
      return;
    }
    line.diagnostics.push_back(MakeDiagnostic(Severity::kError,
                                              count == 0 ? "unknown_email" : "ambiguous_email",
                                              line.line, column)
                                   .With("email", email)
                                   .With("count", std::to_string(count)));
  }

  void PlanAssignmentLine(const records::RoleAssignment& assignment, AssignmentLinePlan& line) {
    if (HasBlocking(line.diagnostics)) return;  // kSkip
    const Id role = RoleAfterPlan(line.role_key).value_or(0);
    line.role_id = role;
    const auto current = assignment_of_account_.find(line.account);
    if (current == assignment_of_account_.end()) {
      line.operation = RoleOperation::kCreate;
      return;
    }
    const directory::RoleAssignment& held = *current->second;
    if (held.source != kFileSource) {
      line.diagnostics.push_back(
          MakeDiagnostic(Severity::kWarning, "hand_made_role_kept", line.line)
              .With("email", assignment.email)
              .With("role", RoleName(held.role)));
      return;
    }
    if (role != 0 && held.role == role) {
      line.operation = RoleOperation::kUnchanged;
      return;
    }
    line.operation = RoleOperation::kUpdate;
    line.before = held;
    line.diagnostics.push_back(MakeDiagnostic(Severity::kInfo, "file_role_replaced", line.line)
                                   .With("email", assignment.email)
                                   .With("previous_role", RoleName(held.role)));
  }

  std::string RoleName(Id role) const {
    const auto found = role_by_id_.find(role);
    return found == role_by_id_.end() ? std::to_string(role) : found->second->name;
  }

  void PlanRemovals() {
    std::set<Id> kept;  // accounts whose line gives them a role this time
    for (const AssignmentLinePlan& line : plan_.assignments) {
      if (line.operation != RoleOperation::kSkip) kept.insert(line.account);
    }
    const bool line_gone_counts =
        input_.user_role_file != nullptr && !HasCritical(input_.user_role_file->diagnostics);
    for (const directory::RoleAssignment& assignment : input_.assignments) {
      if (assignment.source != kFileSource || kept.contains(assignment.account)) continue;
      const bool role_deleted = deleted_ids_.contains(assignment.role);
      const bool line_gone = line_gone_counts && !named_accounts_.contains(assignment.account);
      if (!role_deleted && !line_gone) continue;
      plan_.removed_assignments.push_back({assignment, RoleName(assignment.role), role_deleted});
    }
  }

  void Finish() {
    std::vector<Diagnostic> all = plan_.diagnostics;
    for (const RoleLinePlan& line : plan_.roles) {
      Count(plan_.role_counts, line.operation);
      all.insert(all.end(), line.diagnostics.begin(), line.diagnostics.end());
    }
    plan_.role_counts.remove = plan_.deleted_roles.size();
    for (const AssignmentLinePlan& line : plan_.assignments) {
      Count(plan_.assignment_counts, line.operation);
      all.insert(all.end(), line.diagnostics.begin(), line.diagnostics.end());
    }
    plan_.assignment_counts.remove = plan_.removed_assignments.size();
    plan_.severity = CountBySeverity(all);
    plan_.blocked =
        plan_.severity.critical > 0 || (plan_.severity.error > 0 && !input_.skip_invalid_lines);
  }

  const RolePlanInput& input_;
  RolePlan plan_;
  std::unordered_map<std::string, const directory::CustomRole*> role_by_key_;
  std::unordered_map<Id, const directory::CustomRole*> role_by_id_;
  std::unordered_map<Id, const directory::RoleAssignment*> assignment_of_account_;
  std::unordered_map<std::string, std::vector<const directory::Account*>> accounts_by_email_;
  std::set<std::string> file_keys_;  // every named role of role.csv, valid or not
  std::set<Id> deleted_ids_;
  std::set<Id> named_accounts_;  // every account a user_role.csv line finds, valid or not
};

}  // namespace

std::string_view RoleOperationName(RoleOperation operation) {
  switch (operation) {
    case RoleOperation::kCreate:
      return "create";
    case RoleOperation::kUpdate:
      return "update";
    case RoleOperation::kUnchanged:
      return "unchanged";
    case RoleOperation::kDelete:
      return "delete";
    case RoleOperation::kSkip:
      return "skip";
  }
  return "skip";
}

bool RolePlan::HasChanges() const {
  const auto writes = [](const RoleOperationCounts& counts) {
    return counts.create + counts.update + counts.remove;
  };
  return writes(role_counts) + writes(assignment_counts) > 0;
}

directory::CustomRole ToCustomRole(const records::Role& role) {
  directory::CustomRole custom;
  custom.name = role.name;
  custom.name_key = records::RoleNameKey(role.name);
  custom.description = role.description;
  for (const records::EntityAccess& entry : role.access) {
    custom.access.push_back({entry.entity, entry.levels.ToString()});
  }
  std::sort(custom.access.begin(), custom.access.end(),
            [](const directory::RoleAccess& a, const directory::RoleAccess& b) {
              return a.entity < b.entity;
            });
  custom.all_catalogs = role.catalog_scope.all;
  custom.catalogs = role.catalog_scope.catalogs;
  custom.user_group_scope = ScopeKindName(role.user_group_scope.kind);
  custom.user_group_name = role.user_group_scope.name;
  custom.user_group_value = role.user_group_scope.value;
  return custom;
}

bool SameRoleContent(const directory::CustomRole& a, const directory::CustomRole& b) {
  return a.name == b.name && a.description == b.description && a.access == b.access &&
         a.all_catalogs == b.all_catalogs && a.catalogs == b.catalogs &&
         a.user_group_scope == b.user_group_scope && a.user_group_name == b.user_group_name &&
         a.user_group_value == b.user_group_value;
}

RolePlan MakeRolePlan(const RolePlanInput& input) { return RolePlanner(input).Run(); }

}  // namespace rollcall::plan
