#include "cli/database_options.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "cli/common_options.hpp"
#include "store/open_store.hpp"

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
  const std::string url = DatabaseUrl(flag);
  Result<std::unique_ptr<directory::Store>> store =
      store::OpenStore(url, store::OpenMode::kExisting);
  if (!store) {
    if (store.error().code != ErrorCode::kNotFound) return store.error();
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("{}; create it with `rollcall init --db {}`",
                                 store.error().message, store::RedactedUrl(url)));
  }
  // Commands migrate on the way so that upgrading Rollcall needs no extra step; a database of a
  // newer Rollcall is refused here, before anything is written to it.
  if (Status migrated = (*store)->Migrate(); !migrated) return migrated.error();
  return store;
}

Result<std::shared_ptr<service::Deployment>> LoadDeployment(const std::string& config_flag,
                                                            const std::string& db_flag) {
  return service::Deployment::Load(ConfigPathFor(config_flag), DatabaseUrl(db_flag));
}

Result<InitOutcome> InitDatabase(const std::string& flag) {
  const std::string url = DatabaseUrl(flag);
  Result<std::unique_ptr<directory::Store>> store = store::OpenStore(url, store::OpenMode::kCreate);
  if (!store) return store.error();
  InitOutcome outcome;
  outcome.url = store::RedactedUrl(url);
  Result<int> before = (*store)->SchemaVersion();
  if (!before) return before.error();
  outcome.from_version = *before;
  if (Status migrated = (*store)->Migrate(); !migrated) return migrated.error();
  Result<int> after = (*store)->SchemaVersion();
  if (!after) return after.error();
  outcome.to_version = *after;
  return outcome;
}

}  // namespace rollcall::cli
