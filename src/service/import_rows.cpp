#include "service/import_rows.hpp"

#include <fmt/format.h>

#include <unordered_map>

#include "report/messages.hpp"
#include "service/import_summary.hpp"

namespace rollcall::service {
namespace {

using AccountIndex = std::unordered_map<directory::Id, const directory::Account*>;

AccountIndex IndexAccounts(const directory::Snapshot& snapshot) {
  AccountIndex index;
  index.reserve(snapshot.accounts.size());
  for (const directory::Account& account : snapshot.accounts) index[account.id] = &account;
  return index;
}

std::string NameOf(const plan::RowPlan& row, const AccountIndex& accounts) {
  if (row.operation == plan::Operation::kCreate) {
    return fmt::format("{} {}", row.Value("last_name"), row.Value("first_name"));
  }
  const auto account = accounts.find(row.person.account);
  if (account == accounts.end()) return "";
  return fmt::format("{} {}", account->second->last_name, account->second->first_name);
}

}  // namespace

nlohmann::ordered_json ImportRowsJson(const Analysis& analysis, Language language) {
  const AccountIndex accounts = IndexAccounts(analysis.snapshot);
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const plan::RowPlan& row : analysis.plan.rows) {
    const AnalyzedFile& file = analysis.files[row.file_idx];
    nlohmann::ordered_json json{{"file", file.name},
                                {"line", row.line},
                                {"profile", row.profile},
                                {"operation", plan::OperationName(row.operation)},
                                {"status", RowStatus(row.diagnostics)},
                                {"login", row.login},
                                {"name", NameOf(row, accounts)}};
    json["changes"] = nlohmann::ordered_json::array();
    for (const plan::FieldChange& change : row.changes) {
      json["changes"].push_back(
          {{"field", change.field}, {"before", change.before}, {"after", change.after}});
    }
    json["edits"] = nlohmann::ordered_json::array();
    for (const CellEdit& edit : file.edits) {
      if (edit.line != row.line) continue;
      json["edits"].push_back(
          {{"column", edit.column}, {"before", edit.before}, {"after", edit.after}});
    }
    json["messages"] = nlohmann::ordered_json::array();
    for (const Diagnostic& diagnostic : row.diagnostics) {
      json["messages"].push_back({{"severity", SeverityName(diagnostic.severity)},
                                  {"code", diagnostic.code},
                                  {"message", report::RenderMessage(diagnostic, language)}});
    }
    rows.push_back(std::move(json));
  }
  return rows;
}

std::string ImportRowsText(const Analysis& analysis, Language language) {
  const AccountIndex accounts = IndexAccounts(analysis.snapshot);
  std::string text;
  for (const plan::RowPlan& row : analysis.plan.rows) {
    const AnalyzedFile& file = analysis.files[row.file_idx];
    text += fmt::format("{}:{:<6} {:<9} {:<8} {:<24} {}", file.name, row.line,
                        plan::OperationName(row.operation), RowStatus(row.diagnostics),
                        row.login.empty() ? "-" : row.login, NameOf(row, accounts));
    if (const std::string changes = RowChanges(row); !changes.empty()) text += "  " + changes;
    text += '\n';
    for (const CellEdit& edit : file.edits) {
      if (edit.line == row.line) {
        text += fmt::format("    edited {}: {} -> {}\n", edit.column, edit.before, edit.after);
      }
    }
    for (const Diagnostic& diagnostic : row.diagnostics) {
      text += fmt::format("    {}: {}\n", SeverityName(diagnostic.severity),
                          report::RenderMessage(diagnostic, language));
    }
  }
  return text;
}

}  // namespace rollcall::service
