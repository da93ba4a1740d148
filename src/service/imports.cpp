// The import lifecycle. Every analysis is made from the request and the files alone (stored
// copies restored into a private folder), and the plan never patched: a decision changes the
// request, and the plan is made again from scratch.
#include "service/imports.hpp"

#include <fmt/format.h>

#include <charconv>

#include "service/apply_service.hpp"
#include "service/import_summary.hpp"
#include "service/org_lock.hpp"
#include "service/orgs.hpp"
#include "service/request_json.hpp"
#include "service/uploads.hpp"

namespace rollcall::service {
namespace {

using directory::ImportRecord;
using directory::ImportState;

Result<ImportRecord> FindUserImport(directory::Store& store, const std::string& id) {
  Result<std::optional<ImportRecord>> record = store.FindImport(id);
  if (!record) return record.error();
  if (!*record) return MakeError(ErrorCode::kNotFound, fmt::format("no import '{}'", id));
  if ((*record)->kind != directory::kUserFiles) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("import '{}' is of another kind ({})", id, (*record)->kind));
  }
  return std::move(record)->value();
}

// The stored import `id` when it is a draft; kInvalidArgument saying what only a draft may
// ("takes decisions", "can be applied"…) otherwise.
Result<ImportRecord> FindDraft(directory::Store& store, const std::string& id,
                               std::string_view only_a_draft) {
  Result<ImportRecord> record = FindUserImport(store, id);
  if (!record) return record.error();
  if (!IsDraft(record->state)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("import '{}' is {}: only a draft {}", id,
                                 directory::ImportStateName(record->state), only_a_draft));
  }
  return record;
}

Result<ImportRecord> Save(directory::Store& store, ImportRecord record) {
  return SaveImportRecord(store, std::move(record));
}

// The record of a fresh analysis of the draft `id`, in `state`.
ImportRecord RecordOf(const Draft& draft, ImportState state, std::string_view summary_state,
                      const Clock& clock) {
  ImportRecord record =
      MakeImportRecord(draft.analysis, draft.request, state,
                       ImportSummaryJson(draft.analysis, summary_state).dump(), "", clock);
  record.created_at = draft.record.created_at.empty() ? clock.now : draft.record.created_at;
  return record;
}

// Saves a fresh analysis as the draft to review (`analyzed`, its summary "blocked" or
// "analyzed") and keeps the saved record in `draft`.
Status SaveAnalysed(directory::Store& store, Draft& draft, const Clock& clock) {
  const char* summary_state = draft.analysis.plan.blocked ? "blocked" : "analyzed";
  Result<ImportRecord> saved =
      Save(store, RecordOf(draft, ImportState::kAnalyzed, summary_state, clock));
  if (!saved) return saved.error();
  draft.record = std::move(saved).value();
  return {};
}

// Analyses the request, whose files are stored; keeps the import's id.
Result<Draft> Analyse(const Deployment& deployment, directory::Store& store, ImportRecord record,
                      ImportRequest request, const Clock& clock) {
  ImportRequest local = request;
  Result<RestoredFiles> restored = RestoreRequestFiles(store, local);
  if (!restored) return restored.error();
  Result<Analysis> analysis = AnalyzeImport(store, deployment.schema(), local, clock);
  if (!analysis) return analysis.error();
  Draft draft{std::move(record), std::move(request), std::move(analysis).value()};
  draft.analysis.import_id = draft.record.id;
  // The profile each file was read as, so that a later analysis need not guess it again.
  for (std::size_t file_idx = 0; file_idx < draft.request.files.size(); ++file_idx) {
    draft.request.files[file_idx].profile = draft.analysis.files[file_idx].profile->id;
  }
  return draft;
}

// The stored import analysed again from its stored request and files; keeps its id.
Result<Draft> Reanalyse(const Deployment& deployment, directory::Store& store, ImportRecord record,
                        const Clock& clock) {
  Result<ImportRequest> request = ParseRequestJson(record.options_json);
  if (!request) return request.error();
  return Analyse(deployment, store, std::move(record), std::move(request).value(), clock);
}

Result<std::size_t> FindFile(const ImportRequest& request, const std::string& file) {
  for (std::size_t file_idx = 0; file_idx < request.files.size(); ++file_idx) {
    if (request.files[file_idx].DisplayName() == file || std::to_string(file_idx + 1) == file) {
      return file_idx;
    }
  }
  return MakeError(ErrorCode::kInvalidArgument, fmt::format("the import has no file '{}'", file));
}

Status ApplyDecision(ImportRequest& request, const Decision& decision) {
  using Kind = Decision::Kind;
  if (decision.kind == Kind::kKeep) {
    request.keep.insert(decision.value);
    return {};
  }
  if (decision.kind == Kind::kUnkeep) {
    request.keep.erase(decision.value);
    return {};
  }
  if (decision.kind == Kind::kGroup) {
    plan::GroupDecision group;
    if (decision.value == "ignore") {
      group.kind = plan::GroupDecision::Kind::kIgnore;
    } else if (decision.value != "create") {
      group.kind = plan::GroupDecision::Kind::kExisting;
      group.existing = decision.value;
    }
    request.groups[decision.column] = group;
    return {};
  }
  Result<std::size_t> file_idx = FindFile(request, decision.file);
  if (!file_idx) return file_idx.error();
  ImportFile& file = request.files[*file_idx];
  const bool on_row = decision.kind == Kind::kExclude || decision.kind == Kind::kInclude ||
                      decision.kind == Kind::kEdit || decision.kind == Kind::kMatch;
  if (on_row && decision.line == 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("{}: a row decision needs a line number", file.DisplayName()));
  }
  const RowKey row{*file_idx, decision.line};
  switch (decision.kind) {
    case Kind::kExclude:
      request.rows[row].exclude = true;
      break;
    case Kind::kInclude:
      request.rows[row].exclude = false;
      break;
    case Kind::kEdit:
      if (decision.column.empty()) {
        return MakeError(ErrorCode::kInvalidArgument, "an edit needs a column");
      }
      if (decision.value.empty()) {
        request.rows[row].edits.erase(decision.column);
      } else {
        request.rows[row].edits[decision.column] = decision.value;
      }
      break;
    case Kind::kMatch:
      request.rows[row].match = decision.value;
      break;
    case Kind::kMap: {
      auto& overrides = file.overrides;
      std::erase_if(overrides, [&](const mapping::ColumnOverride& choice) {
        return choice.column == decision.column;
      });
      overrides.push_back({decision.column, decision.value});
      break;
    }
    case Kind::kHeader:
      if (decision.value == "yes") {
        file.header = true;
      } else if (decision.value == "no") {
        file.header = false;
      } else if (decision.value == "auto") {
        file.header.reset();
      } else {
        return MakeError(ErrorCode::kInvalidArgument,
                         fmt::format("header '{}': say yes, no or auto", decision.value));
      }
      break;
    case Kind::kSheet: {
      std::size_t sheet = 0;
      const std::string& text = decision.value;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), sheet);
      if (error != std::errc() || end != text.data() + text.size() || sheet == 0) {
        return MakeError(ErrorCode::kInvalidArgument,
                         fmt::format("sheet '{}': give its number, from 1", text));
      }
      file.sheet_index = sheet - 1;
      break;
    }
    case Kind::kKeep:
    case Kind::kUnkeep:
    case Kind::kGroup:
      break;
  }
  if (const auto choice = request.rows.find(row);
      choice != request.rows.end() && choice->second.empty()) {
    request.rows.erase(choice);
  }
  return {};
}

// Applies an analysed draft, its record saved `applying` first; see ApplyImport.
Result<AppliedDraft> ApplyAnalysed(const Deployment& deployment, directory::Store& store,
                                   Draft draft, const JobControl& control, const Clock& clock) {
  AppliedDraft outcome;
  if (draft.analysis.plan.blocked) {
    if (Status saved = SaveAnalysed(store, draft, clock); !saved) return saved.error();
    outcome.draft = std::move(draft);
    return outcome;
  }
  Result<const apply::SecretKey*> key = deployment.Key();
  if (!key) return key.error();
  Result<ImportRecord> applying =
      Save(store, RecordOf(draft, ImportState::kApplying, "applying", clock));
  if (!applying) return applying.error();
  draft.record = *applying;
  apply::ApplyOptions options = MakeApplyOptions(*applying, clock, deployment.settings(), **key);
  options.import.summary_json = ImportSummaryJson(draft.analysis, "applied").dump();
  options.progress = control.ForApply();
  control.Tell("applying", 0, draft.analysis.plan.rows.size());
  Result<apply::ApplyResult> applied =
      apply::ApplyPlan(store, draft.analysis.snapshot, draft.analysis.plan, options);
  if (!applied) {
    ImportRecord record = *applying;
    if (applied.error().code == ErrorCode::kConflict) {
      record.state = ImportState::kAnalyzed;  // the caller analyses again
    } else if (applied.error().code == ErrorCode::kCancelled) {
      record.state = ImportState::kCancelled;
    } else {
      record.state = ImportState::kFailed;
    }
    record.updated_at = clock.now;
    (void)Save(store, record);  // the store may be what failed: the error says more
    return applied.error();
  }
  draft.record = options.import;
  outcome.draft = std::move(draft);
  outcome.applied = std::move(applied).value();
  return outcome;
}

// A stale plan's outcome: the fresh analysis saved as the draft to review, nothing applied.
Result<AppliedDraft> Stale(directory::Store& store, Draft fresh, std::string before_summary_json,
                           const Clock& clock) {
  if (Status saved = SaveAnalysed(store, fresh, clock); !saved) return saved.error();
  AppliedDraft outcome;
  outcome.draft = std::move(fresh);
  outcome.stale = true;
  outcome.before_summary_json = std::move(before_summary_json);
  return outcome;
}

Result<OrgLockGuard> LockFor(directory::Store& store, const directory::Org& org,
                             const std::string& import_id, const Clock& clock) {
  return LockOrgFor(store, org, "import " + import_id, clock.now);
}

}  // namespace

namespace {

// `org_locked`: the caller holds the org's lock, so an import of it still `applying` is what a
// killed process left behind, and may be taken up again.
Result<Draft> Create(const Deployment& deployment, directory::Store& store, ImportRequest request,
                     bool org_locked) {
  const auto replaceable = [org_locked](ImportState state) {
    return IsDraft(state) || (org_locked && state == ImportState::kApplying);
  };
  const Clock clock = deployment.Now();
  Result<directory::Org> org = FindOrgByCode(store, request.org_code);
  if (!org) return org.error();
  if (request.files.empty()) return MakeError(ErrorCode::kInvalidArgument, "no file to import");
  if (Status stored = StoreRequestFiles(store, request, deployment.max_upload_bytes(), clock.now);
      !stored) {
    return stored.error();
  }
  Result<std::pair<std::int64_t, std::int64_t>> versions = store.Versions(org->id, request.source);
  if (!versions) return versions.error();
  const std::string period = request.period.empty() ? SchoolYearOf(clock.today) : request.period;
  const std::string request_json = RequestJson(request, period);
  Result<std::string> id =
      DeriveImportId(directory::kUserFiles, request_json, versions->first, versions->second, {});
  if (!id) return id.error();
  Result<std::optional<ImportRecord>> existing = store.FindImport(*id);
  if (!existing) return existing.error();
  ImportRecord record;
  if (*existing && !replaceable((*existing)->state)) {
    record = **existing;  // applied (or applying, cancelled…): never turned back into a draft
  } else {
    // Saved as a draft before the analysis: a file that cannot be read leaves an import whose
    // files are kept, to be decided on (another sheet, no header…) and analysed again.
    record.id = *id;
    record.org = org->id;
    record.source = request.source;
    record.period = period;
    record.state = ImportState::kDraft;
    record.options_json = request_json;
    record.org_version = versions->first;
    record.source_version = versions->second;
    record.created_at = record.updated_at = clock.now;
    Result<ImportRecord> saved = Save(store, record);
    if (!saved) return saved.error();
    record = std::move(saved).value();
  }
  // The files are read where they are: restoring them from the store would copy them again.
  Result<Analysis> analysis = AnalyzeImport(store, deployment.schema(), request, clock);
  if (!analysis) {
    return MakeError(analysis.error().code, fmt::format("{} (import {} is kept as a draft)",
                                                        analysis.error().message, *id));
  }
  Draft draft{std::move(record), std::move(request), std::move(analysis).value()};
  draft.analysis.import_id = *id;
  for (std::size_t file_idx = 0; file_idx < draft.request.files.size(); ++file_idx) {
    draft.request.files[file_idx].profile = draft.analysis.files[file_idx].profile->id;
    draft.request.files[file_idx].path.clear();
  }
  if (!replaceable(draft.record.state)) return draft;
  if (Status saved = SaveAnalysed(store, draft, clock); !saved) return saved.error();
  return draft;
}

}  // namespace

Result<Draft> CreateImport(const Deployment& deployment, directory::Store& store,
                           ImportRequest request) {
  return Create(deployment, store, std::move(request), /*org_locked=*/false);
}

Result<Draft> OpenImport(const Deployment& deployment, directory::Store& store,
                         const std::string& id) {
  Result<ImportRecord> record = FindUserImport(store, id);
  if (!record) return record.error();
  return Reanalyse(deployment, store, std::move(record).value(), deployment.Now());
}

Status ApplyDecisions(ImportRequest& request, const std::vector<Decision>& decisions) {
  for (const Decision& decision : decisions) {
    if (Status applied = ApplyDecision(request, decision); !applied) return applied;
  }
  return {};
}

Result<Draft> DecideImport(const Deployment& deployment, directory::Store& store,
                           const std::string& id, const std::vector<Decision>& decisions) {
  const Clock clock = deployment.Now();
  Result<ImportRecord> record = FindDraft(store, id, "takes decisions");
  if (!record) return record.error();
  Result<ImportRequest> request = ParseRequestJson(record->options_json);
  if (!request) return request.error();
  if (Status decided = ApplyDecisions(*request, decisions); !decided) return decided.error();
  // The decisions are kept even when the analysis then fails (a sheet that cannot be read): the
  // administrator sees them and takes another.
  ImportRecord decided_record = *record;
  decided_record.options_json = RequestJson(*request, record->period);
  decided_record.updated_at = clock.now;
  Result<Draft> draft =
      Analyse(deployment, store, decided_record, std::move(request).value(), clock);
  if (!draft) {
    decided_record.state = ImportState::kDraft;
    if (Result<ImportRecord> saved = Save(store, decided_record); !saved) return saved.error();
    return draft.error();
  }
  if (Status saved = SaveAnalysed(store, *draft, clock); !saved) return saved.error();
  return draft;
}

Result<AppliedDraft> ApplyImport(const Deployment& deployment, directory::Store& store,
                                 const std::string& id, const JobControl& control) {
  const Clock clock = deployment.Now();
  Result<ImportRecord> record = FindDraft(store, id, "can be applied");
  if (!record) return record.error();
  Result<directory::Org> org = FindOrgById(store, record->org);
  if (!org) return org.error();
  Result<OrgLockGuard> lock = LockFor(store, *org, id, clock);
  if (!lock) return lock.error();
  control.Tell("analysing");
  const std::string before = record->summary_json;
  const bool analysed = record->state != ImportState::kDraft;
  Result<Draft> draft = Reanalyse(deployment, store, *record, clock);
  if (!draft) return draft.error();
  const bool moved = draft->analysis.snapshot.version != record->org_version ||
                     draft->analysis.snapshot.source_version != record->source_version;
  if (moved || !analysed) {
    // Never apply what nobody reviewed: save the new plan and let a person look at it first.
    return Stale(store, std::move(draft).value(), before, clock);
  }
  Result<AppliedDraft> applied =
      ApplyAnalysed(deployment, store, std::move(draft).value(), control, clock);
  if (!applied && applied.error().code == ErrorCode::kConflict) {
    // The directory moved between this analysis and the apply's check: stale as above.
    Result<Draft> again = Reanalyse(deployment, store, *record, clock);
    if (!again) return again.error();
    return Stale(store, std::move(again).value(), before, clock);
  }
  return applied;
}

Result<AppliedDraft> CreateAndApplyImport(const Deployment& deployment, directory::Store& store,
                                          ImportRequest request, const JobControl& control) {
  const Clock clock = deployment.Now();
  Result<directory::Org> org = FindOrgByCode(store, request.org_code);
  if (!org) return org.error();
  Result<OrgLockGuard> lock = LockFor(store, *org, "(analysing)", clock);
  if (!lock) return lock.error();
  constexpr int kAnalyses = 2;
  for (int analysis_count = 1; analysis_count <= kAnalyses; ++analysis_count) {
    control.Tell(analysis_count == 1 ? "analysing" : "analysing again");
    Result<Draft> draft = Create(deployment, store, request, /*org_locked=*/true);
    if (!draft) return draft.error();
    if (!IsDraft(draft->record.state) && draft->record.state != ImportState::kApplying) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("import '{}' is {} already", draft->record.id,
                                   directory::ImportStateName(draft->record.state)));
    }
    Result<AppliedDraft> applied =
        ApplyAnalysed(deployment, store, std::move(draft).value(), control, clock);
    if (applied) {
      applied->reanalysed = analysis_count > 1;
      return applied;
    }
    if (applied.error().code != ErrorCode::kConflict || analysis_count == kAnalyses) {
      return applied.error();
    }
  }
  return MakeError(ErrorCode::kConflict, "the directory keeps changing; try again");
}

Result<ImportRecord> CancelImport(const Deployment& deployment, directory::Store& store,
                                  const std::string& id) {
  Result<ImportRecord> record = FindDraft(store, id, "can be cancelled");
  if (!record) return record.error();
  record->state = ImportState::kCancelled;
  record->updated_at = deployment.Now().now;
  return Save(store, std::move(record).value());
}

Result<std::vector<ImportRecord>> ListImports(directory::Store& store, const std::string& org_code,
                                              std::optional<ImportState> state, std::size_t limit) {
  directory::ImportQuery query;
  query.state = state;
  query.limit = limit;
  if (!org_code.empty()) {
    Result<directory::Org> org = FindOrgByCode(store, org_code);
    if (!org) return org.error();
    query.org = org->id;
  }
  return store.ListImports(query);
}

Result<std::string> OrgCodeOf(directory::Store& store, directory::Id org) {
  if (org == 0) return std::string();
  Result<directory::Org> found = FindOrgById(store, org);
  if (!found) return found.error();
  return found->code;
}

}  // namespace rollcall::service
