#include "service/import_summary.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "report/json.hpp"
#include "report/messages.hpp"

namespace rollcall::service {
namespace {

constexpr const char* kCountedOperations[] = {
    "create", "update", "unchanged", "delete", "restore", "enroll", "unenroll", "link", "unlink"};

nlohmann::ordered_json FileJson(const AnalyzedFile& file) {
  nlohmann::ordered_json json;
  json["file"] = file.name;
  json["profile"] = file.profile->id;
  json["format"] = table::FormatName(file.outcome.info.format);
  json["encoding"] = text::EncodingName(file.outcome.info.encoding);
  if (file.outcome.info.format == table::Format::kCsv) {
    json["delimiter"] = std::string(1, file.outcome.info.delimiter);
  }
  json["rows"] = file.records.records.size();
  json["columns"] = report::MappingColumnsJson(file.mapping);
  return json;
}

}  // namespace

std::string RowMessages(const std::vector<Diagnostic>& diagnostics, Language language) {
  std::string text;
  for (const Diagnostic& diagnostic : diagnostics) {
    if (!text.empty()) text += " | ";
    text += report::RenderMessage(diagnostic, language);
  }
  return text;
}

std::string RowChanges(const plan::RowPlan& row) {
  std::string text;
  for (const plan::FieldChange& change : row.changes) {
    if (!text.empty()) text += "; ";
    text += fmt::format("{}: {} -> {}", change.field, change.before, change.after);
  }
  return text;
}

std::string RowStatus(const std::vector<Diagnostic>& diagnostics) {
  const SeverityCounts counts = CountBySeverity(diagnostics);
  if (counts.critical > 0) return "critical";
  if (counts.error > 0) return "error";
  if (counts.warning > 0) return "warning";
  return "success";
}

nlohmann::ordered_json ImportSummaryJson(const Analysis& analysis, std::string_view state) {
  const plan::Plan& plan = analysis.plan;
  nlohmann::ordered_json json;
  json["import_id"] = analysis.import_id;
  json["state"] = state;
  json["org"] = analysis.org.code;
  json["period"] = analysis.period;
  nlohmann::ordered_json counts;
  for (const char* operation : kCountedOperations)
    counts[operation] = plan.counts.by_operation.at(operation);
  json["counts"] = std::move(counts);
  nlohmann::ordered_json by_profile = nlohmann::ordered_json::object();
  for (const auto& [profile, operations] : plan.counts.by_profile) {
    for (const char* operation : {"create", "update", "unchanged", "delete"}) {
      const auto found = operations.find(operation);
      by_profile[profile][operation] = found == operations.end() ? 0 : found->second;
    }
  }
  json["by_profile"] = std::move(by_profile);
  nlohmann::ordered_json created = nlohmann::ordered_json::array();
  for (const plan::GroupChange& group : plan.groups) {
    if (group.kind == plan::GroupChange::Kind::kCreate) created.push_back(group.name);
  }
  json["groups"] = {
      {"create", created}, {"existing", plan.groups_existing}, {"ignored", plan.groups_ignored}};
  const SeverityCounts& severity = plan.counts.diagnostics;
  json["diagnostics"] = {{"critical", severity.critical},
                         {"error", severity.error},
                         {"warning", severity.warning},
                         {"info", severity.info}};
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const AnalyzedFile& file : analysis.files) files.push_back(FileJson(file));
  json["files"] = std::move(files);
  return json;
}

std::string ImportSummaryText(const Analysis& analysis, std::string_view state, Language language) {
  const plan::Plan& plan = analysis.plan;
  std::string text = fmt::format("Import {} for {} ({}), period {}: {}\n", analysis.import_id,
                                 analysis.org.code, analysis.org.name, analysis.period, state);
  for (const AnalyzedFile& file : analysis.files) {
    text += fmt::format("  {} ({}): {} rows, {}, {}\n", file.name, file.profile->id,
                        file.records.records.size(), table::FormatName(file.outcome.info.format),
                        text::EncodingName(file.outcome.info.encoding));
  }
  for (const char* operation : kCountedOperations) {
    text += fmt::format("  {:<10} {:>8}\n", operation, plan.counts.by_operation.at(operation));
  }
  std::vector<std::string> created;
  for (const plan::GroupChange& group : plan.groups) {
    if (group.kind == plan::GroupChange::Kind::kCreate) created.push_back(group.name);
  }
  if (!created.empty()) text += fmt::format("  groups to create: {}\n", fmt::join(created, ", "));
  const SeverityCounts& severity = plan.counts.diagnostics;
  text += fmt::format("  diagnostics: {} critical, {} errors, {} warnings, {} info\n",
                      severity.critical, severity.error, severity.warning, severity.info);
  std::vector<std::pair<std::string, const Diagnostic*>> blocking;
  for (const Diagnostic& diagnostic : plan.diagnostics) blocking.emplace_back("", &diagnostic);
  for (const plan::RowPlan& row : plan.rows) {
    for (const Diagnostic& diagnostic : row.diagnostics) {
      blocking.emplace_back(analysis.files[row.file_idx].name, &diagnostic);
    }
  }
  std::size_t shown = 0;
  for (const auto& [file, diagnostic] : blocking) {
    if (diagnostic->severity < Severity::kWarning || shown++ >= 20) continue;
    text += fmt::format("  {}{}line {}: {} {}\n", file, file.empty() ? "" : " ", diagnostic->line,
                        SeverityName(diagnostic->severity),
                        report::RenderMessage(*diagnostic, language));
  }
  return text;
}

std::vector<report::ReportTable> ImportReport(const Analysis& analysis,
                                              const apply::ApplyResult* applied,
                                              Language language) {
  std::vector<report::ReportTable> tables;
  std::map<std::pair<std::size_t, std::uint32_t>, std::size_t> rows;  // → plan row index
  for (std::size_t row_idx = 0; row_idx < analysis.plan.rows.size(); ++row_idx) {
    const plan::RowPlan& row = analysis.plan.rows[row_idx];
    rows[{row.file_idx, row.line}] = row_idx;
  }
  for (std::size_t file_idx = 0; file_idx < analysis.files.size(); ++file_idx) {
    const AnalyzedFile& file = analysis.files[file_idx];
    const table::Table& table = file.outcome.table;
    report::ReportTable report;
    report.sheet_name = file.profile->id;
    const std::size_t width = table.max_cell_count();
    for (std::size_t column_idx = 0; column_idx < width; ++column_idx) {
      report.header.push_back(file.outcome.info.header ? std::string(table.Cell(0, column_idx))
                                                       : fmt::format("column {}", column_idx + 1));
    }
    for (const mapping::ColumnMapping& column : file.mapping.columns) {
      if (column.secret && column.column_idx < width)
        report.secret_columns.push_back(column.column_idx);
    }
    for (const char* name : {"line", "status", "operation", "login", "changes", "messages"}) {
      report.header.emplace_back(name);
    }
    if (applied != nullptr) report.header.emplace_back("initial_credential");
    for (const records::Record& record : file.records.records) {
      const auto found = rows.find({file_idx, record.line});
      if (found == rows.end()) continue;
      const plan::RowPlan& row = analysis.plan.rows[found->second];
      std::vector<std::string> cells;
      for (std::size_t column_idx = 0; column_idx < width; ++column_idx) {
        cells.emplace_back(table.Cell(record.row_idx, column_idx));
      }
      // A password from the file shows only in the result protocol, and only for the account
      // it was given to at creation.
      const bool reveal = applied != nullptr && row.operation == plan::Operation::kCreate;
      if (!reveal) {
        for (const std::size_t column_idx : report.secret_columns) {
          if (!cells[column_idx].empty()) cells[column_idx] = std::string(report::kMaskedSecret);
        }
      }
      cells.push_back(std::to_string(row.line));
      cells.push_back(RowStatus(row.diagnostics));
      cells.emplace_back(plan::OperationName(row.operation));
      cells.emplace_back(applied != nullptr ? applied->LoginOf(analysis.plan, found->second)
                                            : row.login);
      cells.push_back(RowChanges(row));
      cells.push_back(RowMessages(row.diagnostics, language));
      if (applied != nullptr) cells.emplace_back(applied->CredentialOf(found->second));
      report.rows.push_back(std::move(cells));
    }
    for (const plan::Expiry& expiry : analysis.plan.expiries) {
      if (expiry.profile != file.profile->id) continue;
      std::vector<std::string> cells(width);
      cells.insert(cells.end(), {"", "success", "delete", expiry.login, "",
                                 expiry.account_pending_deletion
                                     ? fmt::format("{}: pending deletion until {}",
                                                   expiry.display_name, expiry.purge_date)
                                     : fmt::format("{}: affiliation ended", expiry.display_name)});
      if (applied != nullptr) cells.emplace_back();
      report.rows.push_back(std::move(cells));
    }
    tables.push_back(std::move(report));
  }
  return tables;
}

}  // namespace rollcall::service
