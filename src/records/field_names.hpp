// The ids of the schema's fields (data/schema.toml) that code reads by name. One spelling, checked
// by the compiler: a typo in a string literal would silently read an empty value.
#pragma once

#include <string_view>

namespace rollcall::records::field {

inline constexpr std::string_view kExternalId = "external_id";
inline constexpr std::string_view kLogin = "login";
inline constexpr std::string_view kPassword = "password";
inline constexpr std::string_view kLastName = "last_name";
inline constexpr std::string_view kFirstName = "first_name";
inline constexpr std::string_view kBirthDate = "birth_date";
inline constexpr std::string_view kEmail = "email";
inline constexpr std::string_view kPhone = "phone";
inline constexpr std::string_view kMobile = "mobile";
inline constexpr std::string_view kIsActive = "is_active";
inline constexpr std::string_view kClasses = "classes";
inline constexpr std::string_view kCourses = "courses";
inline constexpr std::string_view kGroups = "groups";
// Every field of a guardian's child column groups starts so (child_external_id, child_class…).
inline constexpr std::string_view kChildPrefix = "child_";

}  // namespace rollcall::records::field
