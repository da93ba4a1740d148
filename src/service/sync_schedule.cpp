#include "service/sync_schedule.hpp"

#include <fmt/format.h>

namespace rollcall::service {
namespace {

// The number of `digits` digits at `text[position]`, or empty.
std::optional<int> DigitsAt(std::string_view text, std::size_t position, std::size_t digits) {
  if (position + digits > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t digit_idx = position; digit_idx < position + digits; ++digit_idx) {
    const char c = text[digit_idx];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// When today's (local) daily time falls, in UTC: the local day of `now`, at `minutes`, shifted
// back by the offset.
std::chrono::sys_seconds ScheduledToday(std::chrono::sys_seconds now_utc, int minutes,
                                        int utc_offset_minutes) {
  const std::chrono::minutes offset{utc_offset_minutes};
  const auto local_day = std::chrono::floor<std::chrono::days>(now_utc + offset);
  return std::chrono::sys_seconds{local_day + std::chrono::minutes{minutes} - offset};
}

}  // namespace

std::optional<int> ParseDailyTime(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  const std::optional<int> hours = DigitsAt(text, 0, 2);
  const std::optional<int> minutes = DigitsAt(text, 3, 2);
  if (!hours || !minutes || *hours > 23 || *minutes > 59) return std::nullopt;
  return *hours * 60 + *minutes;
}

std::optional<std::chrono::sys_seconds> ParseTimestamp(std::string_view text) {
  // yyyy-mm-ddThh:mm:ssZ
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z') {
    return std::nullopt;
  }
  const std::optional<int> year = DigitsAt(text, 0, 4), month = DigitsAt(text, 5, 2),
                           day = DigitsAt(text, 8, 2), hour = DigitsAt(text, 11, 2),
                           minute = DigitsAt(text, 14, 2), second = DigitsAt(text, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{*year},
                                         std::chrono::month{static_cast<unsigned>(*month)},
                                         std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok() || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
  return std::chrono::sys_days{date} + std::chrono::hours{*hour} + std::chrono::minutes{*minute} +
         std::chrono::seconds{*second};
}

std::string FormatTimestamp(std::chrono::sys_seconds time) {
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss clock{time - day};
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     clock.hours().count(), clock.minutes().count(), clock.seconds().count());
}

std::vector<directory::Id> DueSyncs(const std::vector<directory::SyncSettings>& settings,
                                    std::string_view now_utc, int utc_offset_minutes) {
  std::vector<directory::Id> due;
  const std::optional<std::chrono::sys_seconds> now = ParseTimestamp(now_utc);
  if (!now) return due;
  for (const directory::SyncSettings& org : settings) {
    const std::optional<int> minutes = ParseDailyTime(org.daily_time);
    if (!org.enabled || !minutes) continue;
    const std::chrono::sys_seconds scheduled = ScheduledToday(*now, *minutes, utc_offset_minutes);
    if (*now < scheduled) continue;
    // A run at or after today's time (scheduled or "sync now") is today's run. An unreadable
    // last run counts as none: better one run too many than a folder never synced again.
    const std::optional<std::chrono::sys_seconds> last = ParseTimestamp(org.last_run_at);
    const bool ran_since = last && *last >= scheduled;
    if (!ran_since) due.push_back(org.org);
  }
  return due;
}

}  // namespace rollcall::service
