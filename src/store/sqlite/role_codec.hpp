// How a custom role's lists are stored in TEXT columns (and in the audit log): access as a JSON
// object of entity → levels in the role's entity order (`{"course":"WRITE|REPORT"}`), catalogs as
// a JSON array of names. JSON because names may hold any character, and PostgreSQL can keep the
// same text.
//
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "directory/model.hpp"

namespace rollcall::store::sqlite {

std::string EncodeRoleAccess(const std::vector<directory::RoleAccess>& access);
// Anything but a flat object of strings is kCorrupt.
Result<std::vector<directory::RoleAccess>> DecodeRoleAccess(std::string_view json);

std::string EncodeNames(const std::vector<std::string>& names);
// Anything but an array of strings is kCorrupt.
Result<std::vector<std::string>> DecodeNames(std::string_view json);

}  // namespace rollcall::store::sqlite
