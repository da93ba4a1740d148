// ParseUserRoleFile: 1. decide whether the first non-blank line is a header and find the two
// columns, then for every later non-blank line 2. read e-mail and role name, 3. when the user has
// an assignment on an earlier line, let this one replace it (a user holds one custom role).
#include <algorithm>
#include <unordered_map>

#include "records/role_values.hpp"
#include "records/roles.hpp"
#include "records/values.hpp"
#include "text/normalize.hpp"

namespace rollcall::records {
namespace {

using role_values::LineDiagnostics;
using role_values::RowIsBlank;
using role_values::UserRoleColumnKind;

void AddHeaderDiagnostic(UserRoleFile& file, Severity severity, std::string code,
                         std::size_t column_idx, std::string_view header, std::string_view field) {
  file.diagnostics.push_back(
      MakeDiagnostic(severity, std::move(code), file.header_line, static_cast<int>(column_idx + 1))
          .With("header", std::string(header))
          .With("field", std::string(field))
          .Build());
}

// Step 1 for a header row: false when a column is missing.
bool FindColumns(const table::Table& table, std::size_t row_idx, UserRoleFile& file) {
  std::optional<std::size_t> email_idx, role_idx;
  for (std::size_t column_idx = 0; column_idx < table.cell_count(row_idx); ++column_idx) {
    const std::string_view header = text::TrimView(table.Cell(row_idx, column_idx));
    const UserRoleColumnKind kind = role_values::ClassifyUserRoleHeader(header);
    std::optional<std::size_t>* slot = kind == UserRoleColumnKind::kEmail      ? &email_idx
                                       : kind == UserRoleColumnKind::kRoleName ? &role_idx
                                                                               : nullptr;
    const std::string_view field = kind == UserRoleColumnKind::kEmail ? "email" : "role_name";
    if (slot == nullptr) {
      AddHeaderDiagnostic(file, Severity::kWarning, "unmapped_column", column_idx, header, "");
    } else if (slot->has_value()) {
      AddHeaderDiagnostic(file, Severity::kWarning, "duplicate_column", column_idx, header, field);
    } else {
      *slot = column_idx;
    }
  }
  const auto require = [&](const std::optional<std::size_t>& slot, std::string_view field) {
    if (slot) return;
    file.diagnostics.push_back(
        MakeDiagnostic(Severity::kCritical, "missing_required_column", file.header_line)
            .With("field", std::string(field))
            .Build());
  };
  require(email_idx, "email");
  require(role_idx, "role_name");
  if (!email_idx || !role_idx) return false;
  file.email_column_idx = *email_idx;
  file.role_name_column_idx = *role_idx;
  return true;
}

// Step 2.
RoleAssignment ReadAssignment(const table::Table& table, std::size_t row_idx,
                              const UserRoleFile& file) {
  RoleAssignment assignment;
  assignment.line = table.SourceLine(row_idx);
  assignment.row_idx = row_idx;
  assignment.cells = table.RowTexts(row_idx);
  LineDiagnostics diagnostics(assignment.line, assignment.diagnostics);
  const std::string_view email = text::TrimView(table.Cell(row_idx, file.email_column_idx));
  if (email.empty()) {
    diagnostics.Add(Severity::kError, "missing_required_value", file.email_column_idx, "email");
  } else if (std::optional<std::string> parsed = ParseEmail(email)) {
    assignment.email = std::move(*parsed);
  } else {
    diagnostics.Add(Severity::kError, "invalid_email", file.email_column_idx, "email",
                    {{"value", email}});
  }
  const std::string_view role = text::TrimView(table.Cell(row_idx, file.role_name_column_idx));
  if (role.empty()) {
    diagnostics.Add(Severity::kError, "missing_required_value", file.role_name_column_idx,
                    "role_name");
  }
  assignment.role_name = text::Nfc(role);
  return assignment;
}

// Step 3: `earlier` held the user's role until `later`.
void Replace(RoleAssignment& earlier, RoleAssignment& later, std::size_t column_idx) {
  earlier.replaced_by_line = later.line;
  LineDiagnostics diagnostics(later.line, later.diagnostics);
  const std::string previous_line = std::to_string(earlier.line);
  if (RoleNameKey(earlier.role_name) == RoleNameKey(later.role_name)) {
    diagnostics.Add(Severity::kInfo, "user_role_repeated", column_idx, "email",
                    {{"email", later.email}, {"previous_line", previous_line}});
  } else {
    diagnostics.Add(Severity::kWarning, "user_role_replaced", column_idx, "email",
                    {{"email", later.email},
                     {"previous_role", earlier.role_name},
                     {"previous_line", previous_line}});
  }
}

}  // namespace

bool RoleAssignment::Blocked() const { return role_values::HasBlockingDiagnostic(diagnostics); }

UserRoleFile ParseUserRoleFile(const table::Table& table) {
  UserRoleFile file;
  std::size_t row_idx = 0;
  while (row_idx < table.row_count() && RowIsBlank(table, row_idx)) ++row_idx;
  if (row_idx == table.row_count()) return file;
  if (!ParseEmail(table.Cell(row_idx, 0))) {  // step 1
    file.header_line = table.SourceLine(row_idx);
    if (!FindColumns(table, row_idx, file)) return file;
    ++row_idx;
  }
  // Index of each user's current assignment; e-mail addresses compare without case.
  std::unordered_map<std::string, std::size_t> current_of_user;
  for (; row_idx < table.row_count(); ++row_idx) {
    if (RowIsBlank(table, row_idx)) continue;
    file.assignments.push_back(ReadAssignment(table, row_idx, file));
    RoleAssignment& assignment = file.assignments.back();
    if (assignment.Blocked()) continue;
    const std::size_t assignment_idx = file.assignments.size() - 1;
    const auto [current, inserted] =
        current_of_user.emplace(text::LowerCase(assignment.email), assignment_idx);
    if (inserted) continue;
    Replace(file.assignments[current->second], assignment, file.email_column_idx);
    current->second = assignment_idx;
  }
  return file;
}

void CheckAssignedRoles(UserRoleFile& file,
                        const std::function<bool(std::string_view)>& role_exists) {
  for (RoleAssignment& assignment : file.assignments) {
    if (assignment.role_name.empty() || role_exists(assignment.role_name)) continue;
    LineDiagnostics(assignment.line, assignment.diagnostics)
        .Add(Severity::kError, "unknown_role", file.role_name_column_idx, "role_name",
             {{"role", assignment.role_name}});
  }
}

}  // namespace rollcall::records
