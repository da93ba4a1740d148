// Role-file sync (issue 6, seed 004): role.csv and user_role.csv read, checked against the
// directory, planned (plan/roles.hpp) and, when asked and nothing blocks, applied in one
// transaction as an import of source `roles-csv` that `rollcall revert` can undo. Used by
// `rollcall roles sync` and by the drop-folder sync.
//
// Custom roles are deployment-wide: the sync's import record has no org (ImportRecord::org 0).
// A dry run writes nothing, not even a draft; an apply that finds nothing to change writes
// nothing either (no import record), so a nightly sync of unchanged files leaves no trace.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/language.hpp"
#include "base/result.hpp"
#include "directory/store.hpp"
#include "plan/roles.hpp"
#include "records/roles.hpp"
#include "report/report_table.hpp"
#include "service/import_request.hpp"

namespace rollcall::service {

struct RoleSyncOptions {
  bool apply = false;
  bool skip_invalid_lines = false;  // apply the valid lines when others have errors
  Clock clock;
  // Applying takes every org's lock (roles reach accounts of any org), unless the caller holds
  // what it needs already (a drop-folder sync holds its org's).
  bool lock_every_org = true;
};

// One role file as read: its path and the header cells the report repeats.
struct RoleSyncFile {
  std::filesystem::path path;
  std::vector<std::string> header;  // the first row's cells, or "column N" without a header
  std::vector<Diagnostic> read_diagnostics;  // of reading the bytes (encoding, ragged rows…)
};

struct RoleSyncOutcome {
  std::optional<RoleSyncFile> role_csv;
  std::optional<RoleSyncFile> user_role_csv;
  std::optional<records::RoleFile> role_file;
  std::optional<records::UserRoleFile> user_role_file;
  plan::RolePlan plan;
  std::map<directory::Id, std::string> logins;  // of the accounts whose assignment is removed
  bool applied = false;   // something was written (apply asked, not blocked, changes found)
  std::string import_id;  // of the applied sync, for `rollcall revert`; "" when nothing written
  std::size_t changes_written = 0;

  // "applied", "unchanged" (nothing to do), "analyzed" (dry run) or "blocked".
  std::string State(bool apply_asked) const;
};

// Fails with kInvalidArgument when neither file is given, or with the file's reading error
// (kNotFound, kIo, kTooLarge…) or the store's; problems in the files are diagnostics.
Result<RoleSyncOutcome> SyncRoleFiles(directory::Store& store,
                                      const std::optional<std::filesystem::path>& role_csv,
                                      const std::optional<std::filesystem::path>& user_role_csv,
                                      const RoleSyncOptions& options);

// The role files a connector folder holds: DIR/import/user/internal/user_role/{role,user_role}.csv
// (the guide's layout), else DIR/{role,user_role}.csv. Names compare without case. kNotFound
// when DIR holds neither; kRefused for a file that is a symbolic link.
struct RoleFilePaths {
  std::optional<std::filesystem::path> role_csv;
  std::optional<std::filesystem::path> user_role_csv;
};
Result<RoleFilePaths> FindRoleFiles(const std::filesystem::path& dir);

// The preview or result report: one table per file present — the original cells, then line,
// status (success, warning, error, critical), operation and messages — plus a row per role
// deleted or assignment removed, whose lines are gone.
std::vector<report::ReportTable> RoleSyncReport(const RoleSyncOutcome& outcome, Language language);

// `roles sync --json`: state, import id, counts per kind, and diagnostics by severity.
nlohmann::ordered_json RoleSyncSummaryJson(const RoleSyncOutcome& outcome, bool apply_asked);
std::string RoleSyncSummaryText(const RoleSyncOutcome& outcome, bool apply_asked,
                                Language language);

}  // namespace rollcall::service
