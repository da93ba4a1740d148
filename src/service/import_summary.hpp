// What an analysed import tells people: the summary object of DESIGN.md §5 (`import --json`),
// the same summary as text, and the preview report — the original columns of every row, then
// line, status, operation, changed fields and messages.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "apply/apply.hpp"
#include "base/language.hpp"
#include "report/report_table.hpp"
#include "service/import_service.hpp"

namespace rollcall::service {

// state: "analyzed", "applied" or "blocked".
nlohmann::ordered_json ImportSummaryJson(const Analysis& analysis, std::string_view state);

std::string ImportSummaryText(const Analysis& analysis, std::string_view state, Language language);

// One table per file, in the order given. With `applied`, the result protocol: each row's final
// login, and an initial_credential column holding the credential of created accounts only.
std::vector<report::ReportTable> ImportReport(const Analysis& analysis,
                                              const apply::ApplyResult* applied, Language language);

// The worst severity of a row's diagnostics: "success", "warning", "error" or "critical".
std::string RowStatus(const std::vector<Diagnostic>& diagnostics);
// A row's messages joined by " | ", and its changes as "field: before -> after; …".
std::string RowMessages(const std::vector<Diagnostic>& diagnostics, Language language);
std::string RowChanges(const plan::RowPlan& row);

}  // namespace rollcall::service
