#include "cli/database_options.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "cli/common_options.hpp"

namespace rollcall::cli {

void AddDatabaseOption(CLI::App& command, std::string& flag) {
  command.add_option("--db", flag, "Database URL (default $ROLLCALL_DB, else sqlite:rollcall.db)");
}

std::string DatabaseUrl(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* from_environment = std::getenv("ROLLCALL_DB");
  if (from_environment != nullptr && *from_environment != '\0') return from_environment;
  return "sqlite:rollcall.db";
}

Result<std::unique_ptr<directory::Store>> OpenDatabase(const std::string& flag) {
  return service::OpenMigratedStore(DatabaseUrl(flag));
}

Result<std::shared_ptr<service::Deployment>> LoadDeployment(const std::string& config_flag,
                                                            const std::string& db_flag) {
  return service::Deployment::Load(ConfigPathFor(config_flag), DatabaseUrl(db_flag));
}

Result<service::InitOutcome> InitDatabase(const std::string& flag) {
  return service::InitDatabase(DatabaseUrl(flag));
}

}  // namespace rollcall::cli
