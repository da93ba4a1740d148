// Applying an import (issue 5): analyse, and when nothing blocks, apply the plan in one
// transaction; hand back what the administrator needs — the result protocol with logins and
// initial credentials, and the credential letters — and recover those credentials later, while
// the import keeps them.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "apply/apply.hpp"
#include "report/letters.hpp"
#include "report/report_table.hpp"
#include "service/account_settings.hpp"
#include "service/import_service.hpp"

namespace rollcall::service {

struct AppliedImport {
  Analysis analysis;
  std::optional<apply::ApplyResult> applied;  // empty: the plan is blocked, nothing was written
  bool reanalysed = false;                    // the directory changed after the first analysis
};

// Told what a long import is doing ("analysing", "applying 12034 changes"…), for a progress line.
using StageListener = std::function<void(const std::string& stage)>;

// The import is saved as `applying` first (a separate commit), then applied with its record in
// the same transaction; on failure it is saved as `failed`. The directory changing between
// analysis and apply makes one more analysis (`reanalysed`); changing again is kConflict.
Result<AppliedImport> AnalyzeAndApply(directory::Store& store, const mapping::Schema& schema,
                                      const ImportRequest& request, const Clock& clock,
                                      const AccountSettings& settings, const apply::SecretKey& key,
                                      const StageListener& on_stage = {});

// The options of applying the import `record` (saved `applied` by the same transaction).
apply::ApplyOptions MakeApplyOptions(const directory::ImportRecord& record, const Clock& clock,
                                     const AccountSettings& settings, const apply::SecretKey& key);

// Saves the import as `failed`, as well as the store allows (it may be what failed).
void SaveFailed(directory::Store& store, directory::ImportRecord record);

// Fills in the login each created row would get, for the preview; apply gives the same unless
// the directory changes in between.
Status PredictLogins(directory::Store& store, plan::Plan& plan, const apply::LoginPolicy& policy);

// The result protocol: the preview's columns with each row's final login, and the initial
// credential of created accounts. One table per file.
std::vector<report::ReportTable> ResultReport(const AppliedImport& import, Language language);

// One letter per account created with a generated credential.
std::vector<report::Letter> CredentialLetters(const AppliedImport& import);
// The same, for any applied plan (imports, action files).
std::vector<report::Letter> LettersOf(const plan::Plan& plan, const apply::ApplyResult& applied);

// The letters of an applied import, from the sealed copies it keeps until they expire;
// kNotFound when the import is unknown, kInvalidArgument when it keeps none (any more), or when
// `now` (yyyy-mm-ddThh:mm:ssZ) is at or past their expiry, even if a purge has not yet removed
// them. The default reads the clock at the call site (the CLI).
Result<std::vector<report::Letter>> RecoverCredentials(
    directory::Store& store, const std::string& import_id, const apply::SecretKey& key,
    const std::string& now = Clock::System().now);

// The letters as a table, for a CSV or XLSX protocol of credentials.
report::ReportTable LettersTable(const std::vector<report::Letter>& letters);

}  // namespace rollcall::service
