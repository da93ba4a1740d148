#include "apply/roles_apply.hpp"

#include <fmt/format.h>

#include <unordered_map>

#include "base/check.hpp"

namespace rollcall::apply {
namespace {

using directory::Id;

class RoleApplier {
 public:
  RoleApplier(directory::Transaction& transaction, const plan::RolePlan& plan,
              const RoleApplyOptions& options)
      : transaction_(transaction), plan_(plan), options_(options) {}

  Result<RoleApplyResult> Run() {
    if (Status done = WriteRoles(); !done) return done.error();
    if (Status done = WriteAssignments(); !done) return done.error();
    if (Status done = RemoveAssignments(); !done) return done.error();
    if (Status done = DeleteRoles(); !done) return done.error();
    if (Status done = transaction_.TouchSource(options_.import.source); !done) return done.error();
    directory::ImportRecord record = options_.import;
    record.state = directory::ImportState::kApplied;
    if (Status saved = transaction_.SaveImport(record); !saved) return saved.error();
    return result_;
  }

 private:
  Status WriteRoles() {
    for (const plan::RoleLinePlan& line : plan_.roles) {
      if (line.operation == plan::RoleOperation::kCreate) {
        directory::CustomRole role = line.role;
        role.created_at = role.updated_at = options_.now;
        Result<Id> id = transaction_.InsertCustomRole(role);
        if (!id) return id.error();
        role.id = *id;
        ids_[role.name_key] = role.id;
        if (Status audited = Audit({}, role); !audited) return audited;
      } else if (line.operation == plan::RoleOperation::kUpdate) {
        directory::CustomRole role = line.role;
        role.updated_at = options_.now;
        if (Status updated = transaction_.UpdateCustomRole(role); !updated) return updated;
        if (Status audited = Audit(*line.before, role); !audited) return audited;
      }
    }
    return {};
  }

  // The id of a role this apply created.
  Result<Id> RoleId(const plan::AssignmentLinePlan& line) const {
    const auto found = ids_.find(line.role_key);
    if (found != ids_.end()) return found->second;
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("line {}: the plan names no role for it", line.line));
  }

  Status WriteAssignments() {
    for (const plan::AssignmentLinePlan& line : plan_.assignments) {
      const bool writes = line.operation == plan::RoleOperation::kCreate ||
                          line.operation == plan::RoleOperation::kUpdate;
      if (!writes) continue;
      Result<Id> role = line.role_id != 0 ? Result<Id>(line.role_id) : RoleId(line);
      if (!role) return role.error();
      const directory::RoleAssignment assignment{line.account, *role,
                                                 std::string(directory::kRolesCsvSource)};
      if (Status set = transaction_.SetRoleAssignment(assignment); !set) return set;
      directory::EntityState before;
      if (line.before) before = *line.before;
      if (Status audited = Audit(std::move(before), assignment); !audited) return audited;
    }
    return {};
  }

  Status RemoveAssignments() {
    for (const plan::AssignmentRemoval& removal : plan_.removed_assignments) {
      const Id account = removal.assignment.account;
      if (Status removed = transaction_.DeleteRoleAssignment(account); !removed) return removed;
      if (Status audited = Audit(removal.assignment, {}); !audited) return audited;
    }
    return {};
  }

  Status DeleteRoles() {
    for (const directory::CustomRole& role : plan_.deleted_roles) {
      if (Status deleted = transaction_.DeleteCustomRole(role.id); !deleted) return deleted;
      if (Status audited = Audit(role, {}); !audited) return audited;
    }
    return {};
  }

  Status Audit(directory::EntityState before, directory::EntityState after) {
    ++result_.changes_written;
    return transaction_.AppendAudit(directory::AuditEntry{
        options_.import.id, ++audit_seq_, std::move(before), std::move(after), options_.now});
  }

  directory::Transaction& transaction_;
  const plan::RolePlan& plan_;
  const RoleApplyOptions& options_;
  RoleApplyResult result_;
  std::unordered_map<std::string, Id> ids_;  // by name key: roles this apply created
  std::int64_t audit_seq_ = 0;
};

}  // namespace

Result<RoleApplyResult> ApplyRolePlan(directory::Transaction& transaction,
                                      const plan::RolePlan& plan, const RoleApplyOptions& options) {
  ROLLCALL_CHECK(!plan.blocked);
  return RoleApplier(transaction, plan, options).Run();
}

}  // namespace rollcall::apply
