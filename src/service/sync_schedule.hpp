// When the scheduler runs an org's drop-folder sync (issue 6, seed 004: "a daily automatic sync
// at the exact time set"). Pure functions over the stored settings and an injected time, so the
// rules are tested without waiting for a clock.
//
// The daily time is the server's local time ("02:00" at a school in Paris means 02:00 in Paris):
// the caller passes the UTC offset of its time zone. An org is due when today's time has passed
// and it has not run since then; a server that was down at that time catches up once when it
// starts, not once per missed day.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "directory/model.hpp"

namespace rollcall::service {

// Minutes after midnight of "HH:MM" (00:00 to 23:59, two digits each), or empty.
std::optional<int> ParseDailyTime(std::string_view text);

// A timestamp `yyyy-mm-ddThh:mm:ssZ` as seconds since the epoch, or empty when malformed.
std::optional<std::chrono::sys_seconds> ParseTimestamp(std::string_view text);
std::string FormatTimestamp(std::chrono::sys_seconds time);

// The orgs whose sync is due at `now_utc` (a timestamp), given the local zone's offset from UTC
// in minutes (+60 for Paris in winter): enabled, today's local daily time reached, and no run
// recorded at or after it. Settings with a malformed time are never due. By org id, as given.
std::vector<directory::Id> DueSyncs(const std::vector<directory::SyncSettings>& settings,
                                    std::string_view now_utc, int utc_offset_minutes);

}  // namespace rollcall::service
