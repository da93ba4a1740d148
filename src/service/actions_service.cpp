// AnalyzeActions, steps: 1. find the org; 2. read the file (every row: the action parser finds
// its header itself) and parse the actions; 3. load the org's snapshot, and add the accounts the
// file names that it lacks; 4. resolve role names to profiles and find retired user names;
// 5. plan; 6. derive the import id.
#include "service/actions_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "files/load.hpp"
#include "service/org_lock.hpp"
#include "service/orgs.hpp"

namespace rollcall::service {
namespace {

constexpr int kAnalyses = 2;

// The user names the actions give, as written and lower-cased (logins are matched either way).
std::vector<std::string> NamedLogins(const records::ActionFile& file) {
  std::set<std::string> logins;
  for (const records::Action& action : file.actions) {
    const std::string_view username = action.Text(records::ActionField::kUsername);
    if (username.empty()) continue;
    logins.emplace(username);
    logins.insert(plan::LoginKey(username));
  }
  return {logins.begin(), logins.end()};
}

// Accounts of other orgs that the file names join the snapshot, with their affiliations, so
// that the planner and apply see them as they see the org's own.
Status AddNamedAccounts(directory::Store& store, const std::vector<std::string>& logins,
                        directory::Snapshot& snapshot) {
  Result<std::vector<directory::UserRow>> named = store.AccountsWithLogins(logins);
  if (!named) return named.error();
  std::set<directory::Id> known;
  for (const directory::Account& account : snapshot.accounts) known.insert(account.id);
  for (directory::UserRow& row : *named) {
    if (known.contains(row.account.id)) continue;
    snapshot.accounts.push_back(std::move(row.account));
    for (directory::Affiliation& affiliation : row.affiliations) {
      snapshot.affiliations.push_back(std::move(affiliation));
    }
  }
  return {};
}

Result<plan::ActionContext> MakeContext(directory::Store& store, const mapping::Schema& schema,
                                        const ActionsAnalysis& analysis,
                                        const std::vector<std::string>& logins) {
  plan::ActionContext context;
  context.org_code = analysis.org.code;
  for (const records::Action& action : analysis.actions.actions) {
    const std::string_view role = action.Text(records::ActionField::kRoleName);
    if (role.empty() || context.profiles_by_role.contains(role)) continue;
    if (const mapping::ProfileSpec* profile = schema.ProfileNamed(role)) {
      context.profiles_by_role.emplace(std::string(role), profile->id);
    }
  }
  std::vector<std::string> lower;
  for (const std::string& login : logins) lower.push_back(plan::LoginKey(login));
  Result<std::vector<std::string>> ever = store.LoginsStartingWith(lower);
  if (!ever) return ever.error();
  std::set<std::string> live;
  for (const directory::Account& account : analysis.snapshot.accounts) {
    live.insert(plan::LoginKey(account.login));
  }
  for (const std::string& login : *ever) {
    const std::string key = plan::LoginKey(login);
    const bool named = std::find(lower.begin(), lower.end(), key) != lower.end();
    if (named && !live.contains(key)) context.retired_logins.insert(key);
  }
  return context;
}

std::string RequestJson(const ActionsRequest& request, const std::string& period) {
  nlohmann::ordered_json json;
  json["kind"] = "actions";
  json["org"] = request.org_code;
  json["source"] = request.source;
  json["period"] = period;
  json["file"] = request.file.string();
  json["sheet"] = request.sheet_index;
  json["retention_days"] = request.retention_days;
  json["skip_invalid_rows"] = request.skip_invalid_rows;
  return json.dump();
}

directory::ImportRecord MakeRecord(const ActionsAnalysis& analysis, const ActionsRequest& request,
                                   directory::ImportState state, std::string summary_json,
                                   const Clock& clock) {
  directory::ImportRecord record;
  record.id = analysis.import_id;
  record.org = analysis.org.id;
  record.source = request.source;
  record.period = analysis.period;
  record.state = state;
  record.kind = directory::kActionFile;
  record.options_json = RequestJson(request, analysis.period);
  record.summary_json = std::move(summary_json);
  record.org_version = analysis.snapshot.version;
  record.source_version = analysis.snapshot.source_version;
  record.created_at = record.updated_at = clock.now;
  return record;
}

Result<directory::ImportRecord> SaveRecord(directory::Store& store, const ActionsAnalysis& analysis,
                                           const ActionsRequest& request,
                                           directory::ImportState state, std::string summary_json,
                                           const Clock& clock) {
  return SaveImportRecord(store,
                          MakeRecord(analysis, request, state, std::move(summary_json), clock));
}

}  // namespace

Result<ActionsAnalysis> AnalyzeActions(directory::Store& store, const mapping::Schema& schema,
                                       const ActionsRequest& request, const Clock& clock) {
  ActionsAnalysis analysis;
  Result<directory::Org> org = FindOrgByCode(store, request.org_code);  // 1.
  if (!org) return org.error();
  analysis.org = std::move(org).value();
  analysis.period = request.period.empty() ? SchoolYearOf(clock.today) : request.period;
  analysis.file_name = request.file.filename().string();
  table::ReadOptions read_options;  // 2.
  read_options.sheet_index = request.sheet_index;
  read_options.header = false;
  read_options.drop_trailing_empty_column = false;
  Result<table::ReadOutcome> outcome = files::LoadTable(request.file, read_options);
  if (!outcome) return outcome.error();
  analysis.outcome = std::move(outcome).value();
  records::ActionOptions action_options;
  action_options.missing_trailing_cells_are_empty =
      analysis.outcome.info.format != table::Format::kCsv;
  analysis.actions = records::ParseActions(analysis.outcome.table, action_options);
  // Lines of different actions have different lengths: the parser checks each against its
  // action, so the reader's ragged-row warnings would only repeat it wrongly.
  std::vector<Diagnostic> reading;
  std::copy_if(analysis.outcome.diagnostics.begin(), analysis.outcome.diagnostics.end(),
               std::back_inserter(reading),
               [](const Diagnostic& diagnostic) { return diagnostic.code != "ragged_row"; });
  analysis.actions.diagnostics.insert(analysis.actions.diagnostics.begin(), reading.begin(),
                                      reading.end());
  Result<directory::Snapshot> snapshot = store.LoadSnapshot(analysis.org.id, request.source);
  if (!snapshot) return snapshot.error();  // 3.
  analysis.snapshot = std::move(snapshot).value();
  const std::vector<std::string> logins = NamedLogins(analysis.actions);
  if (Status added = AddNamedAccounts(store, logins, analysis.snapshot); !added) {
    return added.error();
  }
  Result<plan::ActionContext> context = MakeContext(store, schema, analysis, logins);  // 4.
  if (!context) return context.error();
  plan::PlanOptions options;
  options.source = request.source;
  options.period = analysis.period;
  options.retention_days = request.retention_days;
  options.skip_invalid_rows = request.skip_invalid_rows;
  options.today = clock.today;
  analysis.plan =
      plan::MakeActionPlan(analysis.snapshot, analysis.actions, schema, *context, options);  // 5.
  Result<std::string> id = DeriveImportId(
      directory::kActionFile, RequestJson(request, analysis.period), analysis.snapshot.version,
      analysis.snapshot.source_version, {request.file});  // 6.
  if (!id) return id.error();
  analysis.import_id = std::move(id).value();
  return analysis;
}

Status SaveActionsDraft(directory::Store& store, const ActionsAnalysis& analysis,
                        const ActionsRequest& request, const Clock& clock) {
  Result<directory::ImportRecord> saved =
      SaveRecord(store, analysis, request, directory::ImportState::kAnalyzed,
                 ActionsSummaryJson(analysis, "analyzed").dump(), clock);
  if (!saved) return saved.error();
  return {};
}

Result<AppliedActions> AnalyzeAndApplyActions(directory::Store& store,
                                              const mapping::Schema& schema,
                                              const ActionsRequest& request, const Clock& clock,
                                              const AccountSettings& settings,
                                              const apply::SecretKey& key,
                                              const StageListener& on_stage) {
  const auto stage = [&](const std::string& text) {
    if (on_stage) on_stage(text);
  };
  // One writer per org, whichever process runs it (an import, a sync, another action file).
  Result<OrgLockGuard> lock = LockOrgForApply(store, request.org_code, clock.now);
  if (!lock) return lock.error();
  AppliedActions outcome;
  for (int analysis_count = 1; analysis_count <= kAnalyses; ++analysis_count) {
    stage(analysis_count == 1 ? "analysing" : "the directory changed: analysing again");
    Result<ActionsAnalysis> analysis = AnalyzeActions(store, schema, request, clock);
    if (!analysis) return analysis.error();
    outcome.analysis = std::move(analysis).value();
    outcome.reanalysed = analysis_count > 1;
    const bool blocked = outcome.analysis.plan.plan.blocked;
    Result<directory::ImportRecord> draft = SaveRecord(
        store, outcome.analysis, request,
        blocked ? directory::ImportState::kAnalyzed : directory::ImportState::kApplying,
        ActionsSummaryJson(outcome.analysis, blocked ? "blocked" : "applying").dump(), clock);
    if (!draft) return draft.error();
    if (blocked) return outcome;
    apply::ApplyOptions options = MakeApplyOptions(*draft, clock, settings, key);
    options.import.summary_json = ActionsSummaryJson(outcome.analysis, "applied").dump();
    stage(fmt::format("applying {} actions", outcome.analysis.actions.actions.size()));
    Result<apply::ApplyResult> applied =
        apply::ApplyPlan(store, outcome.analysis.snapshot, outcome.analysis.plan.plan, options);
    if (applied) {
      outcome.applied = std::move(applied).value();
      return outcome;
    }
    if (applied.error().code == ErrorCode::kConflict && analysis_count < kAnalyses) continue;
    SaveFailed(store, *draft);
    return applied.error();
  }
  return MakeError(ErrorCode::kConflict, "the directory keeps changing; try again");
}

}  // namespace rollcall::service
