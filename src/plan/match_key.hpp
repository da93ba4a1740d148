// The key a row without an external id leaves on the affiliation it writes (issue 14): what the
// row says about the person — names, birth date, e-mail, phone, classes — folded and hashed, so
// that the same row of a later import finds the same account among namesakes, even when no value
// of the account itself tells them apart any more (an e-mail edited by hand).
#pragma once

#include <string>
#include <string_view>

#include "records/record.hpp"

namespace rollcall::plan {

// 16 hex digits of a 64-bit FNV-1a hash: stable across builds and machines, unlike std::hash.
std::string RowMatchKey(std::string_view profile, const records::Record& record);

// An e-mail or phone number as rows are compared by: e-mails lower-cased, phone numbers' digits.
std::string ComparableEmail(std::string_view email);
std::string ComparablePhone(std::string_view phone);

}  // namespace rollcall::plan
