#include "plan/match_key.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "plan/directory_index.hpp"
#include "records/field_names.hpp"
#include "text/normalize.hpp"

namespace rollcall::plan {
namespace {

namespace field = records::field;

std::uint64_t Fnv1a(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

// The row's classes, folded and sorted: the same classes in another order are the same row.
std::string ClassesKey(const records::Record& record) {
  std::vector<std::string> classes;
  if (const records::FieldValue* value = record.Get(field::kClasses)) {
    for (std::string_view name : value->Items()) classes.push_back(text::FoldForMatching(name));
  }
  std::sort(classes.begin(), classes.end());
  std::string key;
  for (const std::string& name : classes) (key += name) += '\x1f';
  return key;
}

}  // namespace

std::string ComparableEmail(std::string_view email) {
  return text::LowerCase(text::TrimView(email));
}

std::string ComparablePhone(std::string_view phone) {
  std::string digits;
  for (const char c : phone) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return digits;
}

std::string RowMatchKey(std::string_view profile, const records::Record& record) {
  std::string key(profile);
  for (const std::string& part :
       {NameKey(record.Text(field::kLastName), record.Text(field::kFirstName)),
        std::string(record.Text(field::kBirthDate)), ComparableEmail(record.Text(field::kEmail)),
        ComparablePhone(record.Text(field::kPhone)), ComparablePhone(record.Text(field::kMobile)),
        ClassesKey(record)}) {
    (key += '\x1e') += part;
  }
  return fmt::format("{:016x}", Fnv1a(key));
}

}  // namespace rollcall::plan
