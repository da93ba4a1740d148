// Action files (issue 6, seed 001): `rollcall actions FILE --org CODE [--apply]`. The file is
// read, its lines parsed into actions, the users it names looked up across the directory, the
// actions planned in file order (plan/actions.hpp) and, when asked and nothing blocks, applied
// in one transaction by the same apply step as imports — with the same checks, audit log,
// logins, credentials, protocol and revert.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "apply/apply.hpp"
#include "base/language.hpp"
#include "base/result.hpp"
#include "directory/store.hpp"
#include "mapping/schema.hpp"
#include "plan/actions.hpp"
#include "records/actions.hpp"
#include "report/report_table.hpp"
#include "service/account_settings.hpp"
#include "service/apply_service.hpp"
#include "service/import_request.hpp"
#include "table/read.hpp"

namespace rollcall::service {

struct ActionsRequest {
  std::string org_code;
  std::filesystem::path file;
  std::size_t sheet_index = 0;
  std::string source = "actions";  // owns the affiliations and memberships the actions make
  std::string period;              // "" = the school year of today: picks among groups of a name
  int retention_days = 90;         // DELETE: how long a pending deletion lasts
  bool skip_invalid_rows = false;
};

struct ActionsAnalysis {
  std::string import_id;
  directory::Org org;
  std::string period;
  std::string file_name;
  table::ReadOutcome outcome;
  records::ActionFile actions;
  directory::Snapshot snapshot;  // the org's, plus the accounts the file names elsewhere
  plan::ActionPlan plan;         // views into `actions`: never copy an analysis, move it
};

// kNotFound (org, file), or the file's reading error. Problems of the lines are diagnostics.
Result<ActionsAnalysis> AnalyzeActions(directory::Store& store, const mapping::Schema& schema,
                                       const ActionsRequest& request, const Clock& clock);

struct AppliedActions {
  ActionsAnalysis analysis;
  std::optional<apply::ApplyResult> applied;  // empty: blocked, nothing written
  bool reanalysed = false;
};

// As AnalyzeAndApply for imports: saved `applying`, applied with its record in one transaction,
// analysed once more if the directory changed meanwhile, `failed` on any other error.
Result<AppliedActions> AnalyzeAndApplyActions(directory::Store& store,
                                              const mapping::Schema& schema,
                                              const ActionsRequest& request, const Clock& clock,
                                              const AccountSettings& settings,
                                              const apply::SecretKey& key,
                                              const StageListener& on_stage = {});

// Saves the analysis as a draft (state analyzed), so that it is listed like an import.
Status SaveActionsDraft(directory::Store& store, const ActionsAnalysis& analysis,
                        const ActionsRequest& request, const Clock& clock);

// The summary: {"import_id", "state", "org", "file", "lines": {"success", "warning", "error",
// "critical"}, "actions": {"create", "update", …}, "counts": {…as imports…}, "diagnostics"}.
nlohmann::ordered_json ActionsSummaryJson(const ActionsAnalysis& analysis, std::string_view state);
std::string ActionsSummaryText(const ActionsAnalysis& analysis, std::string_view state,
                               Language language);

// The preview or result report: every line as read (the password masked), then line, status,
// action, login, changes, messages, and after apply the initial credential of created accounts.
report::ReportTable ActionsReport(const ActionsAnalysis& analysis,
                                  const apply::ApplyResult* applied, Language language);

}  // namespace rollcall::service
