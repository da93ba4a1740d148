// AnalyzeAndApply, steps: 1. analyse; a blocked plan is saved as a draft and nothing else
// happens; 2. save the import as `applying`; 3. apply, the record `applied` in the same
// transaction; 4. a directory changed since the analysis: analyse once more and go back to 2;
// 5. any other failure: save the import as `failed` and return the error.
#include "service/apply_service.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "apply/login_batch.hpp"
#include "service/import_summary.hpp"

namespace rollcall::service {
namespace {

constexpr int kAnalyses = 2;

}  // namespace

apply::ApplyOptions MakeApplyOptions(const directory::ImportRecord& record, const Clock& clock,
                                     const AccountSettings& settings, const apply::SecretKey& key) {
  apply::ApplyOptions options;
  options.import = record;
  options.import.state = directory::ImportState::kApplied;
  options.now = clock.now;
  options.login = settings.login;
  options.credential = settings.credential;
  options.credential_retention_days = settings.credential_retention_days;
  options.key = &key;
  return options;
}

void SaveFailed(directory::Store& store, directory::ImportRecord record) {
  record.state = directory::ImportState::kFailed;
  Result<std::unique_ptr<directory::Transaction>> transaction = store.Begin();
  if (transaction && (*transaction)->SaveImport(record)) (void)(*transaction)->Commit();
}

Result<AppliedImport> AnalyzeAndApply(directory::Store& store, const mapping::Schema& schema,
                                      const ImportRequest& request, const Clock& clock,
                                      const AccountSettings& settings, const apply::SecretKey& key,
                                      const StageListener& on_stage) {
  const auto stage = [&](const std::string& text) {
    if (on_stage) on_stage(text);
  };
  AppliedImport outcome;
  for (int analysis_count = 1; analysis_count <= kAnalyses; ++analysis_count) {
    stage(analysis_count == 1 ? "analysing" : "the directory changed: analysing again");
    Result<Analysis> analysis = AnalyzeImport(store, schema, request, clock);  // 1.
    if (!analysis) return analysis.error();
    outcome.analysis = std::move(analysis).value();
    outcome.reanalysed = analysis_count > 1;
    const bool blocked = outcome.analysis.plan.blocked;
    const std::string state = blocked ? "blocked" : "applying";
    Result<directory::ImportRecord> draft =
        SaveDraft(store, outcome.analysis, request,
                  blocked ? directory::ImportState::kAnalyzed : directory::ImportState::kApplying,
                  ImportSummaryJson(outcome.analysis, state).dump(), clock);  // 2.
    if (!draft) return draft.error();
    if (blocked) return outcome;
    apply::ApplyOptions options = MakeApplyOptions(*draft, clock, settings, key);
    options.import.summary_json = ImportSummaryJson(outcome.analysis, "applied").dump();
    stage(fmt::format("applying the plan of {} rows", outcome.analysis.plan.rows.size()));
    Result<apply::ApplyResult> applied =
        apply::ApplyPlan(store, outcome.analysis.snapshot, outcome.analysis.plan, options);  // 3.
    if (applied) {
      outcome.applied = std::move(applied).value();
      return outcome;
    }
    if (applied.error().code == ErrorCode::kConflict && analysis_count < kAnalyses) continue;  // 4.
    SaveFailed(store, *draft);                                                                 // 5.
    return applied.error();
  }
  return MakeError(ErrorCode::kConflict, "the directory keeps changing; try again");
}

Status PredictLogins(directory::Store& store, plan::Plan& plan, const apply::LoginPolicy& policy) {
  Result<apply::LoginMaker> maker = apply::LoginMaker::Create(policy);
  if (!maker) return maker.error();
  Result<std::vector<std::string>> logins = apply::AllocateLogins(store, plan, *maker);
  if (!logins) return logins.error();
  for (std::size_t row_idx = 0; row_idx < plan.rows.size(); ++row_idx) {
    plan::RowPlan& row = plan.rows[row_idx];
    if (row.operation == plan::Operation::kCreate) row.login = std::move((*logins)[row_idx]);
  }
  return {};
}

std::vector<report::ReportTable> ResultReport(const AppliedImport& import, Language language) {
  return ImportReport(import.analysis, import.applied ? &*import.applied : nullptr, language);
}

std::vector<report::Letter> CredentialLetters(const AppliedImport& import) {
  if (!import.applied) return {};
  return LettersOf(import.analysis.plan, *import.applied);
}

std::vector<report::Letter> LettersOf(const plan::Plan& plan, const apply::ApplyResult& applied) {
  std::vector<report::Letter> letters;
  for (std::size_t row_idx = 0; row_idx < plan.rows.size(); ++row_idx) {
    const std::string_view credential = applied.CredentialOf(row_idx);
    if (credential.empty()) continue;
    const plan::RowPlan& row = plan.rows[row_idx];
    report::Letter letter;
    letter.group = applied.ClassOf(row_idx);
    letter.last_name = row.Value("last_name");
    letter.first_name = row.Value("first_name");
    letter.profile = row.profile;
    letter.login = applied.LoginOf(plan, row_idx);
    letter.credential = credential;
    letter.activation_code = credential.find('-') != std::string::npos;
    letters.push_back(std::move(letter));
  }
  return letters;
}

Result<std::vector<report::Letter>> RecoverCredentials(directory::Store& store,
                                                       const std::string& import_id,
                                                       const apply::SecretKey& key,
                                                       const std::string& now) {
  Result<std::optional<directory::ImportRecord>> import = store.FindImport(import_id);
  if (!import) return import.error();
  if (!*import) return MakeError(ErrorCode::kNotFound, fmt::format("no import '{}'", import_id));
  Result<std::vector<directory::SealedCredential>> sealed = store.LoadSealedCredentials(import_id);
  if (!sealed) return sealed.error();
  if (sealed->empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("import '{}' keeps no credentials (none were generated, they "
                                 "have expired, or it was reverted)",
                                 import_id));
  }
  // Both are UTC instants written yyyy-mm-ddThh:mm:ss[Z]: their first 19 characters compare as
  // the instants do.
  const std::string& expires_at = sealed->front().expires_at;
  if (!expires_at.empty() && now.substr(0, 19) >= expires_at.substr(0, 19)) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("import '{}' keeps no credentials: they expired at {}", import_id, expires_at));
  }
  std::vector<report::Letter> letters;
  for (const directory::SealedCredential& credential : *sealed) {
    Result<std::optional<directory::Account>> account = store.FindAccount(credential.account);
    if (!account) return account.error();
    if (!*account) continue;  // purged since
    Result<std::string> opened = key.Unseal(credential.sealed);
    if (!opened) return opened.error();
    const nlohmann::json letter_json = nlohmann::json::parse(*opened, nullptr, false);
    if (!letter_json.is_object()) {
      return MakeError(ErrorCode::kCorrupt, "a sealed credential does not hold a letter");
    }
    report::Letter letter;
    letter.group = letter_json.value("class", "");
    letter.profile = letter_json.value("profile", "");
    letter.credential = letter_json.value("credential", "");
    letter.activation_code = letter.credential.find('-') != std::string::npos;
    letter.last_name = (*account)->last_name;
    letter.first_name = (*account)->first_name;
    letter.login = (*account)->login;
    letters.push_back(std::move(letter));
  }
  return letters;
}

report::ReportTable LettersTable(const std::vector<report::Letter>& letters) {
  report::ReportTable table;
  table.sheet_name = "credentials";
  table.header = {"class", "last_name", "first_name", "profile", "login", "initial_credential"};
  for (const report::Letter& letter : letters) {
    table.rows.push_back({letter.group, letter.last_name, letter.first_name, letter.profile,
                          letter.login, letter.credential});
  }
  return table;
}

}  // namespace rollcall::service
