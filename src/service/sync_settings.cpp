#include "service/sync_settings.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "service/sync_schedule.hpp"

namespace rollcall::service {
namespace {

Result<directory::Org> FindOrgOrFail(directory::Store& store, const std::string& code) {
  Result<std::optional<directory::Org>> org = store.FindOrg(code);
  if (!org) return org.error();
  if (!*org) return MakeError(ErrorCode::kNotFound, fmt::format("no org '{}'", code));
  return **org;
}

}  // namespace

Result<directory::SyncSettings> ChangeSyncSettings(directory::Store& store,
                                                   const SyncSettingsChange& change) {
  if (change.daily_time && !ParseDailyTime(*change.daily_time)) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("daily time '{}': expected HH:MM from 00:00 to 23:59", *change.daily_time));
  }
  if (change.folder && !change.folder->is_absolute()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("folder '{}' is not an absolute path", change.folder->string()));
  }
  Result<directory::Org> org = FindOrgOrFail(store, change.org_code);
  if (!org) return org.error();
  Result<std::optional<directory::SyncSettings>> existing = store.FindSyncSettings(org->id);
  if (!existing) return existing.error();
  if (!*existing && !change.folder) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("org '{}' has no sync settings yet: give its folder", change.org_code));
  }
  directory::SyncSettings settings =
      existing->value_or(directory::SyncSettings{org->id, "", false, kDefaultDailyTime, "", ""});
  if (change.folder) settings.folder = change.folder->lexically_normal().string();
  if (change.daily_time) settings.daily_time = *change.daily_time;
  if (change.enabled) settings.enabled = *change.enabled;
  if (Status saved = store.SaveSyncSettings(settings); !saved) return saved.error();
  return settings;
}

Result<std::vector<OrgSyncSettings>> ListOrgSyncSettings(directory::Store& store) {
  Result<std::vector<directory::Org>> orgs = store.ListOrgs();
  if (!orgs) return orgs.error();
  Result<std::vector<directory::SyncSettings>> settings = store.ListSyncSettings();
  if (!settings) return settings.error();
  std::vector<OrgSyncSettings> list;
  for (const directory::Org& org : *orgs) {  // by code
    const auto found =
        std::find_if(settings->begin(), settings->end(),
                     [&](const directory::SyncSettings& entry) { return entry.org == org.id; });
    if (found != settings->end()) list.push_back({org, *found});
  }
  return list;
}

Result<FolderSyncResult> SyncStoredFolder(directory::Store& store, const mapping::Schema& schema,
                                          FolderSyncRequest request, const Clock& clock,
                                          const AccountSettings& settings,
                                          const apply::SecretKey* key) {
  Result<directory::Org> org = FindOrgOrFail(store, request.org_code);
  if (!org) return org.error();
  Result<std::optional<directory::SyncSettings>> stored = store.FindSyncSettings(org->id);
  if (!stored) return stored.error();
  if (!*stored) {
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("org '{}' has no sync folder; set one with `rollcall "
                                 "sync-settings --org {} --folder DIR`",
                                 request.org_code, request.org_code));
  }
  request.folder = (*stored)->folder;
  Result<FolderSyncResult> result = SyncFolder(store, schema, request, clock, settings, key);
  const bool refused_by_lock = !result && result.error().code == ErrorCode::kConflict;
  if (!request.apply || refused_by_lock) return result;
  const std::string outcome =
      result ? result->Outcome() : fmt::format("failed: {}", result.error().message);
  if (Status recorded = store.RecordSyncRun(org->id, clock.now, outcome); !recorded) {
    return recorded.error();
  }
  return result;
}

}  // namespace rollcall::service
