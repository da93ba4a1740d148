#include "records/values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "text/normalize.hpp"

namespace rollcall::records {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

bool ValidDate(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

// By hand: a million birth dates through fmt cost more than parsing them.
// REQUIRES: ValidDate(year, month, day).
std::string Iso(int year, int month, int day) {
  std::string iso = "0000-00-00";
  const auto put = [&](std::size_t end, int value, int digits) {
    for (int digit_idx = 0; digit_idx < digits; ++digit_idx, value /= 10) {
      iso[end - static_cast<std::size_t>(digit_idx)] = static_cast<char>('0' + value % 10);
    }
  };
  put(3, year, 4);
  put(6, month, 2);
  put(9, day, 2);
  return iso;
}

// Days since 1970-01-01 → civil date (Howard Hinnant's algorithm, public domain description).
std::string IsoFromDays(long days) {
  days += 719468;
  const long era = (days >= 0 ? days : days - 146096) / 146097;
  const long day_of_era = days - era * 146097;
  const long year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const long month_index = (5 * day_of_year + 2) / 153;
  const long day = day_of_year - (153 * month_index + 2) / 5 + 1;
  const long month = month_index < 10 ? month_index + 3 : month_index - 9;
  const long year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return Iso(static_cast<int>(year), static_cast<int>(month), static_cast<int>(day));
}

// Excel's 1900 system: serial 1 is 1900-01-01, and serial 60 is the 29 February 1900 that never
// was. Days from 1899-12-30 to 1970-01-01: 25569.
std::optional<std::string> FromExcelSerial(std::string_view text) {
  if (text.size() > 2 && text.substr(text.size() - 2) == ".0") text.remove_suffix(2);
  long serial = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), serial);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (serial < 1 || serial > 2958465 || serial == 60) return std::nullopt;
  if (serial < 60) ++serial;  // before the phantom day, serials are one day short
  return IsoFromDays(serial - 25569);
}

struct Parts {
  std::array<int, 3> numbers{};
  std::array<std::size_t, 3> widths{};
};

// Splits "12/03/2016" (or with . or -) into three numbers; the rest may be a time.
std::optional<Parts> SplitDate(std::string_view text) {
  Parts parts;
  std::size_t position = 0;
  char separator = 0;
  for (std::size_t part = 0; part < 3; ++part) {
    const std::size_t start = position;
    while (position < text.size() && IsDigit(text[position])) ++position;
    parts.widths[part] = position - start;
    if (parts.widths[part] == 0 || parts.widths[part] > 4) return std::nullopt;
    std::from_chars(text.data() + start, text.data() + position, parts.numbers[part]);
    if (part == 2) break;
    if (position >= text.size()) return std::nullopt;
    const char c = text[position];
    if (c != '/' && c != '.' && c != '-') return std::nullopt;
    if (separator != 0 && c != separator) return std::nullopt;
    separator = c;
    ++position;
  }
  const bool rest_is_time =
      position == text.size() || text[position] == ' ' || text[position] == 'T';
  if (!rest_is_time) return std::nullopt;
  return parts;
}

int ExpandYear(int year, std::size_t width, int reference_year) {
  if (width > 2) return year;
  return year <= reference_year % 100 ? 2000 + year : 1900 + year;
}

const std::pair<std::string_view, bool> kBooleans[] = {
    {"1", true},        {"0", false},         {"oui", true},    {"non", false},
    {"o", true},        {"n", false},         {"ja", true},     {"nein", false},
    {"j", true},        {"true", true},       {"false", false}, {"yes", true},
    {"no", false},      {"y", true},          {"vrai", true},   {"faux", false},
    {"wahr", true},     {"falsch", false},    {"actif", true},  {"inactif", false},
    {"active", true},   {"inactive", false},  {"aktiv", true},  {"inaktiv", false},
    {"si", true},       {"sim", true},        {"nao", false},   {"x", true},
    {"deleted", false}, {"suspended", false}, {"t", true},      {"f", false}};

}  // namespace

std::optional<ParsedDate> ParseDate(std::string_view text, int reference_year) {
  text = text::TrimView(text);
  if (text.empty()) return std::nullopt;
  if (std::all_of(text.begin(), text.end(), [](char c) { return IsDigit(c) || c == '.'; }) &&
      text.find('.') == text.rfind('.')) {
    if (std::optional<std::string> iso = FromExcelSerial(text)) return ParsedDate{*iso, false};
    return std::nullopt;
  }
  const std::optional<Parts> parts = SplitDate(text);
  if (!parts) return std::nullopt;
  const auto [first, second, third] = parts->numbers;
  if (parts->widths[0] == 4) {  // year first
    if (!ValidDate(first, second, third)) return std::nullopt;
    return ParsedDate{Iso(first, second, third), false};
  }
  if (parts->widths[2] != 2 && parts->widths[2] != 4) return std::nullopt;
  const int year = ExpandYear(third, parts->widths[2], reference_year);
  if (ValidDate(year, second, first)) return ParsedDate{Iso(year, second, first), false};
  if (ValidDate(year, first, second)) return ParsedDate{Iso(year, first, second), true};
  return std::nullopt;
}

std::optional<std::string> ParseBoolean(std::string_view text) {
  const std::string folded = text::FoldForMatching(text::TrimView(text));
  for (const auto& [word, value] : kBooleans) {
    if (folded == word) return std::string(value ? "1" : "0");
  }
  return std::nullopt;
}

std::optional<std::string> ParseEmail(std::string_view text) {
  text = text::TrimView(text);
  const std::size_t at = text.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64 || text.find('@', at + 1) != text.npos) {
    return std::nullopt;
  }
  const std::string_view local = text.substr(0, at);
  const std::string_view domain = text.substr(at + 1);
  const auto bad_char = [](char c) {
    return c == ' ' || c == ',' || c == ';' || c == '<' || c == '>' || c == '(' || c == ')' ||
           c == '[' || c == ']' || c == '\\' || c == '"' || c == ':' ||
           static_cast<unsigned char>(c) < 0x20;
  };
  if (std::any_of(text.begin(), text.end(), bad_char)) return std::nullopt;
  if (local.front() == '.' || local.back() == '.' || local.find("..") != local.npos) {
    return std::nullopt;
  }
  const std::size_t last_dot = domain.rfind('.');
  if (last_dot == std::string_view::npos || last_dot == 0 || domain.size() - last_dot < 3 ||
      domain.find("..") != domain.npos || domain.front() == '-' || domain.front() == '.') {
    return std::nullopt;
  }
  return std::string(local) + "@" + text::LowerCase(domain);
}

std::optional<std::string> ParsePhone(std::string_view text) {
  text = text::TrimView(text);
  std::string digits;
  bool international = false;
  for (std::size_t position = 0; position < text.size(); ++position) {
    const char c = text[position];
    if (IsDigit(c)) {
      digits.push_back(c);
    } else if (c == '+' && position == 0) {
      international = true;
    } else if (c != ' ' && c != '.' && c != '-' && c != '/' && c != '(' && c != ')') {
      return std::nullopt;
    }
  }
  if (!international && digits.rfind("00", 0) == 0 && digits.size() > 8) {
    digits.erase(0, 2);
    international = true;
  }
  if (digits.size() < 6 || digits.size() > 15) return std::nullopt;
  return international ? "+" + digits : digits;
}

std::optional<std::string> ParseEnum(const mapping::FieldSpec& field, std::string_view text) {
  const std::string folded = text::FoldForMatching(text::TrimView(text));
  for (const mapping::EnumValue& value : field.values) {
    if (std::find(value.aliases.begin(), value.aliases.end(), folded) != value.aliases.end()) {
      return value.value;
    }
  }
  return std::nullopt;
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('|', start);
    if (end == std::string_view::npos) end = text.size();
    std::string item = text::Nfc(text::TrimView(text.substr(start, end - start)));
    if (!item.empty() && std::find(items.begin(), items.end(), item) == items.end()) {
      items.push_back(std::move(item));
    }
    start = end + 1;
  }
  return items;
}

bool IsClearMarker(std::string_view text) {
  text = text::TrimView(text);
  return text.size() == 6 && text::LowerCase(text) == "#clear";
}

}  // namespace rollcall::records
