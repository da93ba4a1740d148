// Each org's drop-folder sync settings (issue 6): where its connector folder is, whether the
// daily sync runs and at what time, and "sync now" — a run of the stored folder that records
// its time and outcome as the scheduler's runs do. The CLI calls these today, the HTTP API later.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "directory/store.hpp"
#include "service/folder_sync.hpp"

namespace rollcall::service {

// The daily time of settings created without one: at night, when nobody imports by hand.
inline constexpr char kDefaultDailyTime[] = "02:00";

// What to change; empty members stay as they are.
struct SyncSettingsChange {
  std::string org_code;
  std::optional<std::filesystem::path> folder;  // REQUIRES: absolute
  std::optional<std::string> daily_time;        // "HH:MM"
  std::optional<bool> enabled;
};

// Creates or updates the org's settings and returns them. New settings need a folder and start
// disabled unless `enabled` says otherwise (a folder that applies imports on its own is opted
// into). Errors: kNotFound (org), kInvalidArgument (time not HH:MM, no folder for new settings,
// a relative folder).
Result<directory::SyncSettings> ChangeSyncSettings(directory::Store& store,
                                                   const SyncSettingsChange& change);

struct OrgSyncSettings {
  directory::Org org;
  directory::SyncSettings settings;
};

// Every org's settings, by org code.
Result<std::vector<OrgSyncSettings>> ListOrgSyncSettings(directory::Store& store);

// Syncs the org's stored folder ("sync now"; the scheduler runs the same). `request.folder` is
// replaced by the stored one. With `request.apply` the run is recorded: its start and outcome,
// or "failed: reason" when the folder cannot be synced. A run refused because another sync holds
// the org's lock (kConflict) is not recorded. kNotFound when the org has no sync settings.
Result<FolderSyncResult> SyncStoredFolder(directory::Store& store, const mapping::Schema& schema,
                                          FolderSyncRequest request, const Clock& clock,
                                          const AccountSettings& settings,
                                          const apply::SecretKey* key);

}  // namespace rollcall::service
