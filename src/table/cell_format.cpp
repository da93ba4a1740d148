#include "table/cell_format.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <vector>

namespace rollcall::table {
namespace {

constexpr std::int64_t kSecondsPerDay = 86'400;
// 9999-12-31 in the 1900 system; Excel shows no date past it.
constexpr double kLastSerial = 2'958'465.0;

std::string TimeOfDay(std::int64_t seconds) {
  return fmt::format("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

std::string CivilDate(std::chrono::sys_days day) {
  const std::chrono::year_month_day date(day);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

// Day `days` of the date system. The 1900 system counts the non-existent 1900-02-29 as day 60
// (a Lotus 1-2-3 bug Excel kept), so days before it are one off from the later epoch.
std::chrono::sys_days SerialDay(std::int64_t days, bool date1904) {
  using std::chrono::December;
  using std::chrono::January;
  using std::chrono::year;
  if (date1904) return std::chrono::sys_days(year(1904) / January / 1) + std::chrono::days(days);
  const auto epoch = days < 61 ? year(1899) / December / 31 : year(1899) / December / 30;
  return std::chrono::sys_days(epoch) + std::chrono::days(days);
}

// Reads exactly `count` digits at `position`.
std::optional<int> FixedDigits(std::string_view text, std::size_t position, std::size_t count) {
  if (position + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t idx = position; idx < position + count; ++idx) {
    if (text[idx] < '0' || text[idx] > '9') return std::nullopt;
    value = value * 10 + (text[idx] - '0');
  }
  return value;
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithIgnoringCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t idx = 0; idx < prefix.size(); ++idx) {
    if (Lower(text[idx]) != prefix[idx]) return false;
  }
  return true;
}

// The runs of date/time letters of a format code, with quoted text, [bracketed] parts and
// escaped characters removed; 'a' stands for an AM/PM marker.
std::vector<char> FormatLetterRuns(std::string_view code) {
  std::vector<char> runs;
  for (std::size_t idx = 0; idx < code.size(); ++idx) {
    const char c = code[idx];
    if (c == '"' || c == '[') {
      const std::size_t close = code.find(c == '"' ? '"' : ']', idx + 1);
      if (close == std::string_view::npos) break;
      idx = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++idx;  // the next character is literal, or a padding width
    } else if (StartsWithIgnoringCase(code.substr(idx), "am/pm")) {
      runs.push_back('a');
      idx += 4;
    } else if (StartsWithIgnoringCase(code.substr(idx), "a/p")) {
      runs.push_back('a');
      idx += 2;
    } else if (const char letter = Lower(c);
               std::string_view("dmyhs").find(letter) != std::string_view::npos) {
      if (runs.empty() || runs.back() != letter) runs.push_back(letter);
    }
  }
  return runs;
}

}  // namespace

std::string FormatNumber(double value) {
  if (value == 0) return "0";  // also turns -0 into 0
  std::array<char, 128> buffer{};
  const double magnitude = std::fabs(value);
  // Fixed notation for every integer a roster holds and for ordinary fractions; an exponent only
  // for the tiny and the astronomically large, where fixed would be unreadable.
  const bool fixed = magnitude < 1e21 && (magnitude >= 1e-5 || std::trunc(value) == value);
  const auto result = fixed ? std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                            std::chars_format::fixed)
                            : std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), result.ptr);
}

std::optional<std::string> FormatNumberText(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '+')) text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  double value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size() ||
      !std::isfinite(value)) {
    return std::nullopt;
  }
  return FormatNumber(value);
}

std::optional<std::string> FormatSerialDate(double serial, bool date1904, NumberFormatKind kind) {
  if (!std::isfinite(serial) || serial < 0 || serial >= kLastSerial + 1) return std::nullopt;
  // Rounding to the second first lets 0.99999999 carry into the next day.
  const auto total_seconds = static_cast<std::int64_t>(std::llround(serial * kSecondsPerDay));
  const std::int64_t days = total_seconds / kSecondsPerDay;
  const std::int64_t seconds = total_seconds % kSecondsPerDay;
  if (kind == NumberFormatKind::kTime && days == 0) return TimeOfDay(seconds);
  std::string text = CivilDate(SerialDay(days, date1904));
  if (seconds != 0) text += " " + TimeOfDay(seconds);
  return text;
}

std::optional<std::string> NormaliseIsoDateTime(std::string_view iso) {
  const auto year = FixedDigits(iso, 0, 4), month = FixedDigits(iso, 5, 2),
             day = FixedDigits(iso, 8, 2);
  if (!year || !month || !day || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  const std::chrono::year_month_day date(std::chrono::year(*year),
                                         std::chrono::month(static_cast<unsigned>(*month)),
                                         std::chrono::day(static_cast<unsigned>(*day)));
  if (!date.ok()) return std::nullopt;
  std::string text(iso.substr(0, 10));
  if (iso.size() == 10) return text;
  const auto hour = FixedDigits(iso, 11, 2), minute = FixedDigits(iso, 14, 2),
             second = FixedDigits(iso, 17, 2);
  if ((iso[10] != 'T' && iso[10] != ' ') || !hour || !minute || !second || iso[13] != ':' ||
      iso[16] != ':' || *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  // Fractions of a second and a zone suffix are dropped: a roster needs neither.
  const int seconds = *hour * 3600 + *minute * 60 + *second;
  if (seconds != 0) text += " " + std::string(iso.substr(11, 8));
  return text;
}

NumberFormatKind ClassifyNumberFormat(std::string_view format_code) {
  const std::vector<char> runs = FormatLetterRuns(format_code);
  bool has_date = false, has_time = false;
  for (std::size_t idx = 0; idx < runs.size(); ++idx) {
    const char letter = runs[idx];
    if (letter == 'm') {
      // "m" is minutes right after hours or right before seconds ("h:mm", "mm:ss").
      const bool minutes =
          (idx > 0 && runs[idx - 1] == 'h') || (idx + 1 < runs.size() && runs[idx + 1] == 's');
      (minutes ? has_time : has_date) = true;
    } else if (letter == 'd' || letter == 'y') {
      has_date = true;
    } else {
      has_time = true;
    }
  }
  if (has_date) return NumberFormatKind::kDate;
  return has_time ? NumberFormatKind::kTime : NumberFormatKind::kNumber;
}

NumberFormatKind BuiltinNumberFormatKind(std::uint32_t format_id) {
  if ((format_id >= 14 && format_id <= 17) || format_id == 22) return NumberFormatKind::kDate;
  if ((format_id >= 18 && format_id <= 21) || (format_id >= 45 && format_id <= 47)) {
    return NumberFormatKind::kTime;
  }
  return NumberFormatKind::kNumber;
}

}  // namespace rollcall::table
