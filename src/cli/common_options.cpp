#include "cli/common_options.hpp"

#include <fmt/format.h>

#include "files/config.hpp"

namespace rollcall::cli {

void AddConfigOption(CLI::App& command, std::string& config) {
  command.add_option("--config", config,
                     "Deployment file (TOML); default $ROLLCALL_CONFIG, else the built-in schema");
}

std::optional<std::filesystem::path> ConfigPathFor(const std::string& config) {
  return files::ConfigPath(config.empty() ? std::nullopt
                                          : std::optional<std::filesystem::path>(config));
}

Result<mapping::Schema> LoadSchemaFor(const std::string& config) {
  return files::LoadSchema(ConfigPathFor(config));
}

Result<const mapping::ProfileSpec*> FindProfile(const mapping::Schema& schema,
                                                const std::string& name) {
  if (const mapping::ProfileSpec* profile = schema.ProfileNamed(name)) return profile;
  std::string known;
  for (const mapping::ProfileSpec& profile : schema.profiles()) {
    known += (known.empty() ? "" : ", ") + profile.id;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("unknown profile '{}' (known: {})", name, known));
}

Result<mapping::ColumnOverride> ParseColumnOverride(const std::string& text) {
  const std::size_t equals = text.rfind('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("--map '{}': expected COLUMN=FIELD", text));
  }
  return mapping::ColumnOverride{text.substr(0, equals), text.substr(equals + 1)};
}

}  // namespace rollcall::cli
