// Options and steps several commands share: the deployment config, the schema it gives, and
// the profile a user names.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "base/result.hpp"
#include "mapping/mapping.hpp"
#include "mapping/schema.hpp"

namespace rollcall::cli {

// Adds --config PATH to `command`, stored in `config`.
void AddConfigOption(CLI::App& command, std::string& config);

// The config file a --config value designates (else $ROLLCALL_CONFIG, else none).
std::optional<std::filesystem::path> ConfigPathFor(const std::string& config);

Result<mapping::Schema> LoadSchemaFor(const std::string& config);

// The profile `name` designates ("student", "eleves", "Lehrer"…), or kInvalidArgument.
Result<const mapping::ProfileSpec*> FindProfile(const mapping::Schema& schema,
                                                const std::string& name);

// Parses "COLUMN=FIELD" (split at the last `=`).
Result<mapping::ColumnOverride> ParseColumnOverride(const std::string& text);

}  // namespace rollcall::cli
