// Parsing one cell into a typed value. Pure functions; nullopt means "not a valid value of this
// type" and the caller decides the diagnostic.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mapping/schema.hpp"

namespace rollcall::records {

struct ParsedDate {
  std::string iso;           // "yyyy-mm-dd"
  bool month_first = false;  // read as mm/dd/yyyy because the day-first reading was impossible
};

// dd/mm/yyyy, dd.mm.yyyy, dd-mm-yyyy, d/m/yy (century: yy ≤ reference_year % 100 → 20yy, else
// 19yy), yyyy-mm-dd, yyyy/mm/dd, an optional time after a space or `T`, and Excel serial numbers
// (1900 date system). Calendar-checked (no 31/02).
std::optional<ParsedDate> ParseDate(std::string_view text, int reference_year);

// 1/0, oui/non, ja/nein, true/false, yes/no, vrai/faux, wahr/falsch, o/n, j/n, y/n,
// actif/inactif, active/inactive, aktiv/inaktiv → "1" / "0".
std::optional<std::string> ParseBoolean(std::string_view text);

// A plausible address: one @, a local part, a domain with a dot; the domain is lower-cased.
std::optional<std::string> ParseEmail(std::string_view text);

// 6 to 15 digits with spaces, dots, dashes, slashes or parentheses between them and an optional
// leading + (or 00): returns the digits with the leading +, e.g. "+33612345678".
std::optional<std::string> ParsePhone(std::string_view text);

// The canonical value whose alias the text is ("MME" → "female"), or nullopt.
std::optional<std::string> ParseEnum(const mapping::FieldSpec& field, std::string_view text);

// Splits on `|`, trims and NFC-normalises each part, drops empty parts and repeats.
std::vector<std::string> SplitList(std::string_view text);

// True when the cell asks to clear its field: "#CLEAR", in any case.
bool IsClearMarker(std::string_view text);

}  // namespace rollcall::records
