#include "store/sqlite/role_codec.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace rollcall::store::sqlite {
namespace {

using nlohmann::ordered_json;

Error Corrupt(std::string_view what, std::string_view detail) {
  return MakeError(ErrorCode::kCorrupt, fmt::format("database: {}: {}", what, detail));
}

// Replaces invalid UTF-8 rather than throwing: values come from decoded files and are valid, and
// should a bug upstream break that, the role must still be stored.
std::string Dump(const ordered_json& json) {
  return json.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace

std::string EncodeRoleAccess(const std::vector<directory::RoleAccess>& access) {
  ordered_json json = ordered_json::object();
  for (const directory::RoleAccess& entry : access) json[entry.entity] = entry.levels;
  return Dump(json);
}

Result<std::vector<directory::RoleAccess>> DecodeRoleAccess(std::string_view text) {
  try {
    const ordered_json json = ordered_json::parse(text);
    if (!json.is_object()) return Corrupt("role access", "not an object");
    std::vector<directory::RoleAccess> access;
    for (const auto& [entity, levels] : json.items()) {
      access.push_back({entity, levels.get<std::string>()});
    }
    return access;
  } catch (const ordered_json::exception& error) {
    return Corrupt("role access", error.what());
  }
}

std::string EncodeNames(const std::vector<std::string>& names) { return Dump(ordered_json(names)); }

Result<std::vector<std::string>> DecodeNames(std::string_view text) {
  try {
    const ordered_json json = ordered_json::parse(text);
    if (!json.is_array()) return Corrupt("name list", "not an array");
    return json.get<std::vector<std::string>>();
  } catch (const ordered_json::exception& error) {
    return Corrupt("name list", error.what());
  }
}

}  // namespace rollcall::store::sqlite
