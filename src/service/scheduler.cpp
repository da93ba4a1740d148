#include "service/scheduler.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>

#include "service/sync_schedule.hpp"
#include "service/sync_settings.hpp"

namespace rollcall::service {

int LocalUtcOffsetMinutes() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return static_cast<int>(local.tm_gmtoff / 60);
}

Result<std::vector<ScheduledRun>> RunDueSyncs(directory::Store& store,
                                              const mapping::Schema& schema, const Clock& clock,
                                              int utc_offset_minutes,
                                              const AccountSettings& settings,
                                              const apply::SecretKey& key) {
  Result<std::vector<OrgSyncSettings>> all = ListOrgSyncSettings(store);
  if (!all) return all.error();
  std::vector<directory::SyncSettings> by_org;
  for (const OrgSyncSettings& entry : *all) by_org.push_back(entry.settings);
  const std::vector<directory::Id> due = DueSyncs(by_org, clock.now, utc_offset_minutes);
  std::vector<ScheduledRun> runs;
  for (const OrgSyncSettings& entry : *all) {
    if (std::find(due.begin(), due.end(), entry.org.id) == due.end()) continue;
    FolderSyncRequest request;
    request.org_code = entry.org.code;
    request.apply = true;
    spdlog::info("sync of org {} from {}: starting", entry.org.code, entry.settings.folder);
    Result<FolderSyncResult> result =
        SyncStoredFolder(store, schema, request, clock, settings, &key);
    ScheduledRun run{entry.org.code, true, ""};
    if (result) {
      run.outcome = result->Outcome();
      if (result->NeedsAttention()) {
        spdlog::warn("sync of org {}: {}", run.org_code, run.outcome);
      } else {
        spdlog::info("sync of org {}: {}", run.org_code, run.outcome);
      }
    } else if (result.error().code == ErrorCode::kConflict) {
      run.ran = false;
      run.outcome = result.error().message;
      spdlog::info("sync of org {} skipped: {}", run.org_code, run.outcome);
    } else {
      run.outcome = "failed: " + result.error().message;
      spdlog::error("sync of org {}: {}", run.org_code, run.outcome);
    }
    runs.push_back(std::move(run));
  }
  return runs;
}

void RunScheduler(directory::Store& store, const mapping::Schema& schema,
                  const AccountSettings& settings, const apply::SecretKey& key,
                  const SchedulerEnvironment& environment) {
  do {
    Result<std::vector<ScheduledRun>> runs = RunDueSyncs(
        store, schema, environment.clock(), environment.utc_offset_minutes(), settings, key);
    if (!runs) spdlog::error("scheduler pass failed: {}", runs.error().message);
  } while (environment.wait(environment.interval));
  spdlog::info("scheduler stopped");
}

}  // namespace rollcall::service
