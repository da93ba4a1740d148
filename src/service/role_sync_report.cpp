// What a role-file sync tells people: the per-line report (the same columns as an import's:
// original cells, line, status, operation, messages), the --json summary and the text summary.
#include <fmt/format.h>

#include "report/messages.hpp"
#include "service/import_summary.hpp"
#include "service/role_sync.hpp"

namespace rollcall::service {
namespace {

std::string Messages(const std::vector<Diagnostic>& diagnostics, Language language) {
  std::string text;
  for (const Diagnostic& diagnostic : diagnostics) {
    if (!text.empty()) text += " | ";
    text += report::RenderMessage(diagnostic, language);
  }
  return text;
}

report::ReportTable StartTable(const RoleSyncFile& file, std::string sheet_name) {
  report::ReportTable table;
  table.sheet_name = std::move(sheet_name);
  table.header = file.header;
  for (const char* name : {"line", "status", "operation", "login", "messages"}) {
    table.header.emplace_back(name);
  }
  return table;
}

// One row: the line's original cells (padded to the header's width), then the outcome.
void AddRow(report::ReportTable& table, std::size_t width, std::vector<std::string> cells,
            std::uint32_t line, const std::vector<Diagnostic>& diagnostics,
            plan::RoleOperation operation, const std::string& login, Language language) {
  cells.resize(width);
  cells.push_back(line == 0 ? "" : std::to_string(line));
  cells.push_back(RowStatus(diagnostics));
  cells.emplace_back(plan::RoleOperationName(operation));
  cells.push_back(login);
  cells.push_back(Messages(diagnostics, language));
  table.rows.push_back(std::move(cells));
}

// The file's own problems (header, reading) and the plan's that no line carries.
std::vector<Diagnostic> FileDiagnostics(const RoleSyncFile& file,
                                        const std::vector<Diagnostic>& parsed) {
  std::vector<Diagnostic> diagnostics = file.read_diagnostics;
  diagnostics.insert(diagnostics.end(), parsed.begin(), parsed.end());
  return diagnostics;
}

report::ReportTable RoleTable(const RoleSyncOutcome& outcome, Language language) {
  const RoleSyncFile& file = *outcome.role_csv;
  const records::RoleFile& parsed = *outcome.role_file;
  report::ReportTable table = StartTable(file, "role");
  const std::size_t width = file.header.size();
  std::vector<Diagnostic> general = FileDiagnostics(file, parsed.diagnostics);
  for (const Diagnostic& diagnostic : outcome.plan.diagnostics) {
    if (diagnostic.code == "role_still_assigned") general.push_back(diagnostic);
  }
  if (!general.empty()) {
    AddRow(table, width, {}, 0, general, plan::RoleOperation::kSkip, "", language);
  }
  for (const plan::RoleLinePlan& line : outcome.plan.roles) {
    AddRow(table, width, parsed.roles[line.role_idx].cells, line.line, line.diagnostics,
           line.operation, "", language);
  }
  for (const directory::CustomRole& role : outcome.plan.deleted_roles) {
    const std::vector<Diagnostic> note = {
        MakeDiagnostic(Severity::kInfo, "role_deleted", 0).With("name", role.name)};
    AddRow(table, width, {role.name}, 0, note, plan::RoleOperation::kDelete, "", language);
  }
  return table;
}

report::ReportTable AssignmentTable(const RoleSyncOutcome& outcome, Language language) {
  const RoleSyncFile& file = *outcome.user_role_csv;
  const records::UserRoleFile& parsed = *outcome.user_role_file;
  report::ReportTable table = StartTable(file, "user_role");
  const std::size_t width = file.header.size();
  const std::vector<Diagnostic> general = FileDiagnostics(file, parsed.diagnostics);
  if (!general.empty()) {
    AddRow(table, width, {}, 0, general, plan::RoleOperation::kSkip, "", language);
  }
  for (const plan::AssignmentLinePlan& line : outcome.plan.assignments) {
    AddRow(table, width, parsed.assignments[line.assignment_idx].cells, line.line, line.diagnostics,
           line.operation, line.login, language);
  }
  return table;
}

// Removed assignments get their own rows: in user_role's table when that file is present (their
// line is gone from it), else in role's (their role is deleted).
void AddRemovals(const RoleSyncOutcome& outcome, report::ReportTable& table, std::size_t width,
                 Language language) {
  for (const plan::AssignmentRemoval& removal : outcome.plan.removed_assignments) {
    const auto login = outcome.logins.find(removal.assignment.account);
    const std::string who = login != outcome.logins.end()
                                ? login->second
                                : fmt::format("account {}", removal.assignment.account);
    const std::vector<Diagnostic> note = {MakeDiagnostic(Severity::kInfo,
                                                         removal.role_deleted
                                                             ? "role_assignment_removed_with_role"
                                                             : "role_assignment_removed",
                                                         0)
                                              .With("login", who)
                                              .With("role", removal.role_name)};
    AddRow(table, width, {}, 0, note, plan::RoleOperation::kDelete, who, language);
  }
}

nlohmann::ordered_json CountsJson(const plan::RoleOperationCounts& counts) {
  return {{"create", counts.create},
          {"update", counts.update},
          {"unchanged", counts.unchanged},
          {"delete", counts.remove},
          {"skip", counts.skip}};
}

}  // namespace

std::vector<report::ReportTable> RoleSyncReport(const RoleSyncOutcome& outcome, Language language) {
  std::vector<report::ReportTable> tables;
  if (outcome.role_csv) tables.push_back(RoleTable(outcome, language));
  if (outcome.user_role_csv) tables.push_back(AssignmentTable(outcome, language));
  if (!tables.empty()) {
    report::ReportTable& last = tables.back();
    AddRemovals(outcome, last, last.header.size() - 5, language);
  }
  return tables;
}

nlohmann::ordered_json RoleSyncSummaryJson(const RoleSyncOutcome& outcome, bool apply_asked) {
  nlohmann::ordered_json json;
  json["import_id"] = outcome.import_id;
  json["state"] = outcome.State(apply_asked);
  json["files"] = nlohmann::ordered_json::array();
  for (const std::optional<RoleSyncFile>* file : {&outcome.role_csv, &outcome.user_role_csv}) {
    if (*file) json["files"].push_back((*file)->path.filename().string());
  }
  json["roles"] = CountsJson(outcome.plan.role_counts);
  json["assignments"] = CountsJson(outcome.plan.assignment_counts);
  const SeverityCounts& severity = outcome.plan.severity;
  json["diagnostics"] = {{"critical", severity.critical},
                         {"error", severity.error},
                         {"warning", severity.warning},
                         {"info", severity.info}};
  json["written"] = outcome.changes_written;
  return json;
}

std::string RoleSyncSummaryText(const RoleSyncOutcome& outcome, bool apply_asked,
                                Language language) {
  const plan::RolePlan& plan = outcome.plan;
  std::string text = fmt::format("Role sync: {}\n", outcome.State(apply_asked));
  const auto counts = [&](const char* what, const plan::RoleOperationCounts& c) {
    text += fmt::format("  {:<12} create {}, update {}, unchanged {}, delete {}, skip {}\n", what,
                        c.create, c.update, c.unchanged, c.remove, c.skip);
  };
  if (outcome.role_csv) counts("roles", plan.role_counts);
  if (outcome.user_role_csv || !plan.removed_assignments.empty()) {
    counts("assignments", plan.assignment_counts);
  }
  text += fmt::format("  diagnostics: {} critical, {} errors, {} warnings\n",
                      plan.severity.critical, plan.severity.error, plan.severity.warning);
  const auto list = [&](const char* file, const std::vector<Diagnostic>& diagnostics) {
    for (const Diagnostic& diagnostic : diagnostics) {
      if (diagnostic.severity < Severity::kWarning) continue;
      text += fmt::format("  {} line {}: {} {}\n", file, diagnostic.line,
                          SeverityName(diagnostic.severity),
                          report::RenderMessage(diagnostic, language));
    }
  };
  list("", plan.diagnostics);
  for (const plan::RoleLinePlan& line : plan.roles) list("role.csv", line.diagnostics);
  for (const plan::AssignmentLinePlan& line : plan.assignments) {
    list("user_role.csv", line.diagnostics);
  }
  if (outcome.applied) {
    text += fmt::format(
        "  applied: {} changes written (import {}; undo with `rollcall revert "
        "{}`)\n",
        outcome.changes_written, outcome.import_id, outcome.import_id);
  }
  return text;
}

}  // namespace rollcall::service
