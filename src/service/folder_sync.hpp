// Processing a connector drop folder once (issue 6, seed 004): what `rollcall sync` and the
// scheduler run. Steps, in the order SyncFolder takes them:
//   1. find the org and take its lock (one sync per org at a time, also across processes);
//   2. scan the folder (drop_folder.hpp): links and escapes are refused and reported;
//   3. import every user file on its own, students' files first and guardians' last (so that
//      guardians find children created by the same drop), each file's profile named by its name
//      (GuessProfile: `eleves.csv`, `teachers-2026.csv`…);
//   4. with `apply`, move every processed file to DIR/archive/STAMP/ with its report beside it;
//      a dry run reads and plans but moves and writes nothing, so it never consumes a file;
//   5. the role files (`role.csv`, `user_role.csv`), together, as `rollcall roles sync` does.
// A file whose name names no profile, or that cannot be read, is left in place and reported.
// A blocked file (its plan has blocking diagnostics) is archived with its report too: the report
// says why, and nothing of it was applied; a corrected file is dropped again.
//
// Idempotent: a processed folder has no files left, so a second run does nothing; the same file
// dropped again imports as all `unchanged`.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "apply/credentials.hpp"
#include "base/language.hpp"
#include "base/result.hpp"
#include "directory/store.hpp"
#include "mapping/schema.hpp"
#include "service/account_settings.hpp"
#include "service/drop_folder.hpp"
#include "service/import_request.hpp"

namespace rollcall::service {

struct FolderSyncRequest {
  std::string org_code;
  std::filesystem::path folder;
  std::string source = "csv";  // the source that owns what the folder's files bring
  bool apply = false;
  Language language = Language::kEn;    // of the reports
  std::string lock_holder;              // "" = DefaultLockHolder()
  std::chrono::seconds lock_ttl{3600};  // extended before each file
  // The wall clock the lock's expiry follows (a timestamp); empty = the system's. Separate from
  // the import's Clock, which a run fixes once so that its plans are deterministic.
  std::function<std::string()> wall_clock;
};

enum class FileOutcome {
  kApplied,       // imported; archived with its result report
  kAnalyzed,      // dry run: planned, nothing written, left in place
  kBlocked,       // its plan has blocking diagnostics; nothing applied; archived (with --apply)
  kNotProcessed,  // left in place on purpose (no profile in its name)
  kFailed,        // could not be read, applied or archived; see `note`
};
std::string_view FileOutcomeName(FileOutcome outcome);

struct SyncedFile {
  std::string path;     // relative to the folder, e.g. import/user/internal/eleves.csv
  std::string profile;  // "" when unknown
  FileOutcome outcome = FileOutcome::kNotProcessed;
  std::string note;                // why not processed or failed
  nlohmann::ordered_json summary;  // ImportSummaryJson of its import; null when not analysed
  std::string archived;            // relative path in the archive; "" when left in place
  std::string report;              // relative path of its report; "" when none was written
};

struct FolderSyncResult {
  std::string org_code;
  std::filesystem::path folder;
  bool apply = false;
  std::string stamp;  // the archive folder of this run; "" when nothing was archived
  std::vector<SyncedFile> files;
  std::vector<std::string> refused;  // links and escapes, "PATH: reason"

  // A blocked, failed or refused entry, or a user file left unprocessed.
  bool NeedsAttention() const;
  // One line for the stored settings and the log: "ok: 2 applied", "attention: 1 blocked, …",
  // "nothing to do".
  std::string Outcome() const;
};

// REQUIRES: `key` when `request.apply`. Errors: kNotFound (org, folder), kRefused (the folder or
// its layout is a link), kConflict (another sync of the org holds the lock), kIo (database).
// Problems with single files are not errors: they are in the result.
Result<FolderSyncResult> SyncFolder(directory::Store& store, const mapping::Schema& schema,
                                    const FolderSyncRequest& request, const Clock& clock,
                                    const AccountSettings& settings, const apply::SecretKey* key);

// `rollcall sync --json` and the text report.
nlohmann::ordered_json FolderSyncJson(const FolderSyncResult& result);
std::string FolderSyncText(const FolderSyncResult& result);

}  // namespace rollcall::service
