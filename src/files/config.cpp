#include "files/config.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cstdlib>

#include "files/load.hpp"

namespace rollcall::files {
namespace {

constexpr std::uint64_t kMaxConfigBytes = 4 << 20;

Error InFile(const std::filesystem::path& path, const Error& error) {
  return MakeError(error.code, fmt::format("{}: {}", path.string(), error.message));
}

}  // namespace

std::optional<std::filesystem::path> ConfigPath(
    const std::optional<std::filesystem::path>& explicit_path) {
  if (explicit_path) return explicit_path;
  if (const char* from_environment = std::getenv("ROLLCALL_CONFIG");
      from_environment && *from_environment) {
    return std::filesystem::path(from_environment);
  }
  return std::nullopt;
}

Result<mapping::Schema> LoadSchema(const std::optional<std::filesystem::path>& config_path) {
  if (!config_path) return mapping::DefaultSchema();
  Result<std::string> config = ReadFileBytes(*config_path, kMaxConfigBytes);
  if (!config) return config.error();
  std::string schema_text(mapping::DefaultSchemaText());
  try {
    const toml::table root = toml::parse(config.value());
    if (std::optional<std::string> schema_path = root["schema"].value<std::string>()) {
      const std::filesystem::path resolved = config_path->parent_path() / *schema_path;
      Result<std::string> replacement = ReadFileBytes(resolved, kMaxConfigBytes);
      if (!replacement) return replacement.error();
      schema_text = std::move(replacement).value();
    }
  } catch (const toml::parse_error& error) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("{}: line {}: {}", config_path->string(),
                                 error.source().begin.line, error.description()));
  }
  Result<mapping::Schema> schema = mapping::ParseSchema(schema_text);
  if (!schema) return InFile(*config_path, schema.error());
  if (Status applied = mapping::ApplyDeployment(*schema, config.value()); !applied) {
    return InFile(*config_path, applied.error());
  }
  return schema;
}

}  // namespace rollcall::files
