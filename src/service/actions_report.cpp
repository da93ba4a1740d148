// What an action file's analysis tells people: the summary (JSON and text) and the per-line
// report, built like an import's (service/import_summary.hpp) so that both read the same.
#include <fmt/format.h>

#include "report/messages.hpp"
#include "service/actions_service.hpp"
#include "service/import_summary.hpp"
#include "text/normalize.hpp"

namespace rollcall::service {
namespace {

constexpr const char* kStatuses[] = {"success", "warning", "error", "critical"};
constexpr const char* kCountedOperations[] = {"create",  "update", "unchanged", "delete",
                                              "restore", "enroll", "unenroll"};

std::string LowerKeyword(const records::Action& action) {
  if (!action.kind) return "";
  return text::LowerCase(records::ActionKeyword(*action.kind));
}

// Lines by status, in the order of kStatuses.
std::vector<std::pair<std::string, std::size_t>> CountStatuses(const ActionsAnalysis& analysis) {
  std::vector<std::pair<std::string, std::size_t>> counts;
  for (const char* status : kStatuses) counts.emplace_back(status, 0);
  for (const plan::RowPlan& row : analysis.plan.plan.rows) {
    const std::string status = RowStatus(row.diagnostics);
    for (auto& [name, count] : counts) count += name == status ? 1 : 0;
  }
  return counts;
}

}  // namespace

nlohmann::ordered_json ActionsSummaryJson(const ActionsAnalysis& analysis, std::string_view state) {
  const plan::Plan& plan = analysis.plan.plan;
  nlohmann::ordered_json json;
  json["import_id"] = analysis.import_id;
  json["state"] = state;
  json["org"] = analysis.org.code;
  json["file"] = analysis.file_name;
  json["format"] = table::FormatName(analysis.outcome.info.format);
  json["encoding"] = text::EncodingName(analysis.outcome.info.encoding);
  json["header_line"] = analysis.actions.header_line;
  nlohmann::ordered_json lines;
  for (const auto& [status, count] : CountStatuses(analysis)) lines[status] = count;
  json["lines"] = std::move(lines);
  nlohmann::ordered_json actions;
  for (const char* keyword : {"create", "update", "delete", "enroll", "unenroll", "import"}) {
    actions[keyword] = 0;
  }
  for (const records::Action& action : analysis.actions.actions) {
    if (action.kind) actions[LowerKeyword(action)] = actions[LowerKeyword(action)].get<int>() + 1;
  }
  json["actions"] = std::move(actions);
  nlohmann::ordered_json counts;
  for (const char* operation : kCountedOperations) {
    counts[operation] = plan.counts.by_operation.at(operation);
  }
  json["counts"] = std::move(counts);
  const SeverityCounts& severity = plan.counts.diagnostics;
  json["diagnostics"] = {{"critical", severity.critical},
                         {"error", severity.error},
                         {"warning", severity.warning},
                         {"info", severity.info}};
  return json;
}

std::string ActionsSummaryText(const ActionsAnalysis& analysis, std::string_view state,
                               Language language) {
  const plan::Plan& plan = analysis.plan.plan;
  std::string text = fmt::format("Actions {} for {} ({}): {}\n", analysis.import_id,
                                 analysis.org.code, analysis.org.name, state);
  text +=
      fmt::format("  {}: {} lines, {}, {}\n", analysis.file_name, analysis.actions.actions.size(),
                  table::FormatName(analysis.outcome.info.format),
                  text::EncodingName(analysis.outcome.info.encoding));
  std::string statuses;
  for (const auto& [status, count] : CountStatuses(analysis)) {
    statuses += fmt::format("{}{} {}", statuses.empty() ? "" : ", ", count, status);
  }
  text += fmt::format("  lines: {}\n", statuses);
  for (const char* operation : kCountedOperations) {
    text += fmt::format("  {:<10} {:>8}\n", operation, plan.counts.by_operation.at(operation));
  }
  std::size_t shown = 0;
  for (const Diagnostic& diagnostic : plan.diagnostics) {
    if (diagnostic.severity < Severity::kWarning || shown++ >= 20) continue;
    text += fmt::format("  line {}: {} {}\n", diagnostic.line, SeverityName(diagnostic.severity),
                        report::RenderMessage(diagnostic, language));
  }
  for (const plan::RowPlan& row : plan.rows) {
    for (const Diagnostic& diagnostic : row.diagnostics) {
      if (diagnostic.severity < Severity::kWarning || shown++ >= 20) continue;
      text += fmt::format("  line {}: {} {}\n", row.line, SeverityName(diagnostic.severity),
                          report::RenderMessage(diagnostic, language));
    }
  }
  return text;
}

report::ReportTable ActionsReport(const ActionsAnalysis& analysis,
                                  const apply::ApplyResult* applied, Language language) {
  report::ReportTable report;
  report.sheet_name = "actions";
  const table::Table& table = analysis.outcome.table;
  const std::size_t width = table.max_cell_count();
  for (std::size_t column_idx = 0; column_idx < width; ++column_idx) {
    const bool header = analysis.actions.header_line != 0 && table.row_count() > 0;
    report.header.push_back(header ? std::string(table.Cell(0, column_idx))
                                   : fmt::format("column {}", column_idx + 1));
  }
  for (const char* name : {"line", "status", "action", "login", "changes", "messages"}) {
    report.header.emplace_back(name);
  }
  if (applied != nullptr) report.header.emplace_back("initial_credential");
  const plan::Plan& plan = analysis.plan.plan;
  for (std::size_t row_idx = 0; row_idx < plan.rows.size(); ++row_idx) {
    const records::Action& action = analysis.actions.actions[row_idx];
    const plan::RowPlan& row = plan.rows[row_idx];
    std::vector<std::string> cells = action.cells;  // the password masked
    cells.resize(width);
    cells.push_back(std::to_string(row.line));
    cells.push_back(RowStatus(row.diagnostics));
    cells.push_back(LowerKeyword(action));
    cells.emplace_back(applied != nullptr ? applied->LoginOf(plan, row_idx) : row.login);
    cells.push_back(RowChanges(row));
    cells.push_back(RowMessages(row.diagnostics, language));
    if (applied != nullptr) cells.emplace_back(applied->CredentialOf(row_idx));
    report.rows.push_back(std::move(cells));
  }
  return report;
}

}  // namespace rollcall::service
