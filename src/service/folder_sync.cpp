#include "service/folder_sync.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "report/report_table.hpp"
#include "service/apply_service.hpp"
#include "service/import_service.hpp"
#include "service/import_summary.hpp"
#include "service/org_lock.hpp"
#include "service/role_sync.hpp"

namespace rollcall::service {
namespace {

namespace fs = std::filesystem;

struct SyncContext {
  directory::Store& store;
  const mapping::Schema& schema;
  const FolderSyncRequest& request;
  const Clock& clock;
  const AccountSettings& settings;
  const apply::SecretKey* key;
  std::string stamp;  // chosen before the first file is archived
};

std::string Relative(const fs::path& folder, const fs::path& path) {
  return path.lexically_relative(folder).generic_string();
}

// The archive folder of this run: the time without ':' (valid on every file system), made unique
// when two runs fall in the same second.
std::string ArchiveStamp(const fs::path& folder, const std::string& now) {
  std::string stamp = now;
  std::replace(stamp.begin(), stamp.end(), ':', '-');
  std::string unique = stamp;
  std::error_code error;
  for (int attempt = 2; fs::exists(folder / "archive" / unique, error); ++attempt) {
    unique = fmt::format("{}-{}", stamp, attempt);
  }
  return unique;
}

// The connector folder is shared with the system that exports the files: initial credentials
// and passwords from the files stay out of it (`rollcall credentials IMPORT_ID` gives them while
// the import keeps them).
report::ReportTable WithoutCredentials(report::ReportTable table) {
  report::MaskSecretColumns(table);
  const auto column = std::find(table.header.begin(), table.header.end(), "initial_credential");
  if (column == table.header.end()) return table;
  const auto column_idx = static_cast<std::size_t>(column - table.header.begin());
  table.header.erase(column);
  for (std::vector<std::string>& row : table.rows) {
    if (column_idx < row.size()) row.erase(row.begin() + static_cast<std::ptrdiff_t>(column_idx));
  }
  return table;
}

// Students' files first, guardians' last (DESIGN.md §4.6, as the planner orders rows within one
// import: a guardian file finds the children a student file of the same drop creates); each
// group by name, as scanned. A file naming no profile is not imported: its place does not matter.
std::vector<fs::path> InImportOrder(const mapping::Schema& schema, std::vector<fs::path> files) {
  const auto rank = [&](const fs::path& path) {
    const mapping::ProfileSpec* profile = GuessProfile(schema, path);
    if (profile != nullptr && profile->id == "student") return 0;
    if (profile != nullptr && profile->id == "guardian") return 2;
    return 1;
  };
  std::stable_sort(files.begin(), files.end(),
                   [&](const fs::path& a, const fs::path& b) { return rank(a) < rank(b); });
  return files;
}

void Archive(SyncContext& context, const fs::path& path, const report::ReportTable& report,
             SyncedFile& file) {
  const fs::path& folder = context.request.folder;
  if (context.stamp.empty()) context.stamp = ArchiveStamp(folder, context.clock.now);
  Result<fs::path> archived =
      ArchiveProcessed(folder, path, context.stamp, report::ToCsv(WithoutCredentials(report)));
  if (!archived) {
    file.outcome = FileOutcome::kFailed;
    file.note = fmt::format("processed but not archived: {}", archived.error().message);
    return;
  }
  file.archived = Relative(folder, *archived);
  file.report =
      Relative(folder, archived->parent_path() / (archived->stem().string() + ".report.csv"));
}

void DryRun(SyncContext& context, const ImportRequest& request, SyncedFile& file) {
  Result<Analysis> analysis = AnalyzeImport(context.store, context.schema, request, context.clock);
  if (!analysis) {
    file.outcome = FileOutcome::kFailed;
    file.note = analysis.error().message;
    return;
  }
  const bool blocked = analysis->plan.blocked;
  file.outcome = blocked ? FileOutcome::kBlocked : FileOutcome::kAnalyzed;
  file.summary = ImportSummaryJson(*analysis, blocked ? "blocked" : "analyzed");
}

void Apply(SyncContext& context, const fs::path& path, const ImportRequest& request,
           SyncedFile& file) {
  Result<AppliedImport> applied = AnalyzeAndApply(context.store, context.schema, request,
                                                  context.clock, context.settings, *context.key);
  if (!applied) {
    file.outcome = FileOutcome::kFailed;
    file.note = applied.error().message;
    return;
  }
  file.outcome = applied->applied ? FileOutcome::kApplied : FileOutcome::kBlocked;
  file.summary = ImportSummaryJson(applied->analysis, applied->applied ? "applied" : "blocked");
  const std::vector<report::ReportTable> reports = ResultReport(*applied, context.request.language);
  Archive(context, path, reports.empty() ? report::ReportTable{} : reports.front(), file);
}

SyncedFile ProcessUserFile(SyncContext& context, const fs::path& path) {
  SyncedFile file;
  file.path = Relative(context.request.folder, path);
  const mapping::ProfileSpec* profile = GuessProfile(context.schema, path);
  if (profile == nullptr) {
    file.note =
        "its name names no profile (e.g. eleves.csv, teachers.csv, parents-2026.csv); left in "
        "place";
    return file;
  }
  file.profile = profile->id;
  ImportRequest request;
  request.org_code = context.request.org_code;
  request.source = context.request.source;
  ImportFile import_file;
  import_file.path = path;
  import_file.profile = profile->id;
  request.files = {import_file};
  if (context.request.apply) {
    Apply(context, path, request, file);
  } else {
    DryRun(context, request, file);
  }
  return file;
}

// Step 5: role.csv and user_role.csv together, as `rollcall roles sync` does; each archived with
// its own report when applied.
std::vector<SyncedFile> SyncRoleFilesStep(SyncContext& context,
                                          const DropFolderContents& contents) {
  std::vector<SyncedFile> files;
  if (!contents.role_file && !contents.user_role_file) return files;
  Result<RoleSyncOutcome> outcome = SyncRoleFiles(
      context.store, contents.role_file, contents.user_role_file,
      RoleSyncOptions{context.request.apply, false, context.clock, /*lock_every_org=*/false});
  std::vector<report::ReportTable> reports;
  if (outcome) reports = RoleSyncReport(*outcome, context.request.language);
  const std::pair<const std::optional<fs::path>*, const char*> kinds[] = {
      {&contents.role_file, "role"}, {&contents.user_role_file, "user_role"}};
  for (const auto& [path, sheet] : kinds) {
    if (!*path) continue;
    SyncedFile file;
    file.path = Relative(context.request.folder, **path);
    file.profile = "custom roles";
    if (!outcome) {
      file.outcome = FileOutcome::kFailed;
      file.note = outcome.error().message;
      files.push_back(std::move(file));
      continue;
    }
    const bool blocked = outcome->State(context.request.apply) == "blocked";
    file.outcome = blocked                 ? FileOutcome::kBlocked
                   : context.request.apply ? FileOutcome::kApplied
                                           : FileOutcome::kAnalyzed;
    file.summary = RoleSyncSummaryJson(*outcome, context.request.apply);
    if (context.request.apply) {
      const auto report = std::find_if(reports.begin(), reports.end(), [&](const auto& table) {
        return table.sheet_name == sheet;
      });
      Archive(context, **path, report != reports.end() ? *report : report::ReportTable{}, file);
    }
    files.push_back(std::move(file));
  }
  return files;
}

}  // namespace

std::string_view FileOutcomeName(FileOutcome outcome) {
  switch (outcome) {
    case FileOutcome::kApplied:
      return "applied";
    case FileOutcome::kAnalyzed:
      return "analyzed";
    case FileOutcome::kBlocked:
      return "blocked";
    case FileOutcome::kNotProcessed:
      return "not_processed";
    case FileOutcome::kFailed:
      return "failed";
  }
  return "failed";
}

Result<FolderSyncResult> SyncFolder(directory::Store& store, const mapping::Schema& schema,
                                    const FolderSyncRequest& request, const Clock& clock,
                                    const AccountSettings& settings, const apply::SecretKey* key) {
  ROLLCALL_CHECK(!request.apply || key != nullptr);
  // 1. The org and its lock.
  Result<std::optional<directory::Org>> org = store.FindOrg(request.org_code);
  if (!org) return org.error();
  if (!*org) return MakeError(ErrorCode::kNotFound, fmt::format("no org '{}'", request.org_code));
  const std::string holder =
      request.lock_holder.empty() ? DefaultLockHolder() : request.lock_holder;
  const auto wall_now = [&request] {
    return request.wall_clock ? request.wall_clock() : Clock::System().now;
  };
  Result<OrgLockGuard> lock =
      OrgLockGuard::Take(store, **org, holder, wall_now(), request.lock_ttl);
  if (!lock) return lock.error();
  // 2. The folder.
  Result<DropFolderContents> contents = ScanDropFolder(request.folder);
  if (!contents) return contents.error();
  FolderSyncResult result;
  result.org_code = request.org_code;
  result.folder = request.folder;
  result.apply = request.apply;
  result.refused = contents->refused;
  // 3, 4. The user files, one import each.
  SyncContext context{store, schema, request, clock, settings, key, ""};
  for (const fs::path& path : InImportOrder(schema, contents->user_files)) {
    if (Status extended = lock->Extend(wall_now()); !extended) return extended.error();
    result.files.push_back(ProcessUserFile(context, path));
  }
  // 5. The role files.
  for (SyncedFile& file : SyncRoleFilesStep(context, *contents)) {
    result.files.push_back(std::move(file));
  }
  result.stamp = context.stamp;
  if (Status released = lock->Release(); !released) return released.error();
  return result;
}

}  // namespace rollcall::service
