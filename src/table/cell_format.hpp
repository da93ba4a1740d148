// How spreadsheet values become the text of a Table cell, identically for XLSX, ODS and XLS, so
// that the later stages see one convention whatever tool wrote the file:
//  * numbers: the shortest text that reads back as the same double; integers without ".0"
//    ("12345", "0.1", "-2.5"); never an exponent for integers below 1e21 (ids stay digits);
//  * dates: ISO "yyyy-mm-dd", followed by " hh:mm:ss" only when the time is not midnight;
//    a time-only format gives "hh:mm:ss";
//  * booleans: "TRUE" / "FALSE" (the records stage accepts true/false alongside 1/0);
//  * errors: their text as the spreadsheet shows it ("#N/A").
//
// Pure functions, no state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rollcall::table {

inline constexpr std::string_view kTrueText = "TRUE";
inline constexpr std::string_view kFalseText = "FALSE";

// What a number format shows a number as.
enum class NumberFormatKind {
  kNumber,
  kDate,  // a calendar date, possibly with a time of day
  kTime,  // a time of day or a duration, without a date
};

std::string FormatNumber(double value);

// The text of `text` read as a number, or nullopt when it is not a finite decimal number.
std::optional<std::string> FormatNumberText(std::string_view text);

// An Excel serial day number (1900 or 1904 date system) as ISO text. Returns nullopt outside
// 0 … 9999-12-31, where Excel itself shows no date.
std::optional<std::string> FormatSerialDate(double serial, bool date1904, NumberFormatKind kind);

// An ISO 8601 date or date-time ("2024-01-15", "2024-01-15T08:30:00.5Z"), as XLSX t="d" cells and
// ODS office:date-value hold them, in the convention above. nullopt when it does not parse.
std::optional<std::string> NormaliseIsoDateTime(std::string_view iso);

// Classifies a number format code ("dd/mm/yyyy", "#,##0.00", "[h]:mm", "mmm-yy"): d, y and a
// month m outside quotes and brackets make a date; h, s, a minute m or AM/PM make a time.
NumberFormatKind ClassifyNumberFormat(std::string_view format_code);

// The kind of the number formats Excel builds in by id (14–17 and 22 dates, 18–21 and 45–47
// times); kNumber for every other id.
NumberFormatKind BuiltinNumberFormatKind(std::uint32_t format_id);

}  // namespace rollcall::table
