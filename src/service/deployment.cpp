#include "service/deployment.hpp"

#include <fmt/format.h>

#include "files/config.hpp"
#include "store/open_store.hpp"

namespace rollcall::service {

Result<std::shared_ptr<Deployment>> Deployment::Load(
    const std::optional<std::filesystem::path>& config_path, std::string database_url) {
  Result<mapping::Schema> schema = files::LoadSchema(config_path);
  if (!schema) return schema.error();
  Result<AccountSettings> settings = LoadAccountSettings(config_path, database_url);
  if (!settings) return settings.error();
  return std::make_shared<Deployment>(std::move(schema).value(), std::move(settings).value(),
                                      std::move(database_url), Clock::System);
}

Deployment::Deployment(mapping::Schema schema, AccountSettings settings, std::string database_url,
                       std::function<Clock()> clock)
    : schema_(std::move(schema)),
      settings_(std::move(settings)),
      database_url_(std::move(database_url)),
      clock_(std::move(clock)) {}

Result<const apply::SecretKey*> Deployment::Key() const {
  const std::lock_guard<std::mutex> lock(key_mutex_);
  if (!key_) {
    Result<apply::SecretKey> key = LoadOrCreateSecretKey(settings_.secret_key_file);
    if (!key) return key.error();
    key_.emplace(std::move(key).value());
  }
  return &*key_;
}

Result<std::unique_ptr<directory::Store>> OpenMigratedStore(const std::string& url) {
  Result<std::unique_ptr<directory::Store>> store =
      store::OpenStore(url, store::OpenMode::kExisting);
  if (!store) {
    if (store.error().code != ErrorCode::kNotFound) return store.error();
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("{}; create it with `rollcall init --db {}`",
                                 store.error().message, store::RedactedUrl(url)));
  }
  // Migrating on the way: upgrading Rollcall needs no extra step; a database of a newer Rollcall
  // is refused here, before anything is written to it.
  if (Status migrated = (*store)->Migrate(); !migrated) return migrated.error();
  return store;
}

Result<InitOutcome> InitDatabase(const std::string& url) {
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

Result<std::unique_ptr<directory::Store>> Deployment::OpenStore() const {
  return OpenMigratedStore(database_url_);
}

}  // namespace rollcall::service
