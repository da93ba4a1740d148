// The deployment's configuration file (TOML), read from disk.
//
//   schema = "/etc/rollcall/schema.toml"   # optional: replaces the compiled-in schema
//   [templates.student]                     # optional: template columns per profile
//   show = ["external_id", "last_name", "first_name", "birth_date", "classes"]
//   require = ["classes"]
//
// The file is found from --config, else the ROLLCALL_CONFIG environment variable; without either
// the compiled-in schema is used as it is.
#pragma once

#include <filesystem>
#include <optional>

#include "base/result.hpp"
#include "mapping/schema.hpp"

namespace rollcall::files {

// The config file to use: `explicit_path` if given, else $ROLLCALL_CONFIG, else none.
std::optional<std::filesystem::path> ConfigPath(
    const std::optional<std::filesystem::path>& explicit_path);

// The schema with the deployment applied. Errors name the file and the problem.
Result<mapping::Schema> LoadSchema(const std::optional<std::filesystem::path>& config_path);

}  // namespace rollcall::files
