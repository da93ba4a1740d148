// The daily drop-folder syncs (issue 6): every interval, each enabled org whose daily time has
// passed today and that has not run since is synced with apply, and its run recorded
// (sync_schedule.hpp says when an org is due). `rollcall serve` runs the loop; the rules are in
// DueSyncs and RunDueSyncs, so the loop itself only waits.
//
// Logs with spdlog's default logger (the caller points it at stderr): which org ran and how it
// went, never file contents or credentials.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "service/folder_sync.hpp"

namespace rollcall::service {

// The UTC offset of the process's local time zone (TZ), in minutes, at the present moment.
int LocalUtcOffsetMinutes();

struct ScheduledRun {
  std::string org_code;
  bool ran = false;     // false: skipped (another sync held the org's lock; tried next pass)
  std::string outcome;  // as recorded in the settings
};

// One pass at `clock`: runs the due orgs' syncs with apply, in org id order. A failing org does
// not stop the others (its failure is recorded); only the database failing is an error.
Result<std::vector<ScheduledRun>> RunDueSyncs(directory::Store& store,
                                              const mapping::Schema& schema, const Clock& clock,
                                              int utc_offset_minutes,
                                              const AccountSettings& settings,
                                              const apply::SecretKey& key);

// What the loop needs from the world; tests inject all of it.
struct SchedulerEnvironment {
  std::function<Clock()> clock = Clock::System;
  std::function<int()> utc_offset_minutes = LocalUtcOffsetMinutes;
  // Waits up to `interval`; false when the scheduler is asked to stop (SIGINT, SIGTERM).
  std::function<bool(std::chrono::seconds interval)> wait;
  std::chrono::seconds interval{60};
};

// Runs a pass at once, then one per interval until `wait` says stop. A database error is
// logged and the next pass tries again (the database may come back).
void RunScheduler(directory::Store& store, const mapping::Schema& schema,
                  const AccountSettings& settings, const apply::SecretKey& key,
                  const SchedulerEnvironment& environment);

}  // namespace rollcall::service
