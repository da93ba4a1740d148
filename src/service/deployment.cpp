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

Result<std::unique_ptr<directory::Store>> Deployment::OpenStore() const {
  Result<std::unique_ptr<directory::Store>> store =
      store::OpenStore(database_url_, store::OpenMode::kExisting);
  if (!store) {
    if (store.error().code != ErrorCode::kNotFound) return store.error();
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("{}; create it with `rollcall init --db {}`",
                                 store.error().message, store::RedactedUrl(database_url_)));
  }
  // Migrating on the way: upgrading Rollcall needs no extra step; a database of a newer Rollcall
  // is refused here, before anything is written to it.
  if (Status migrated = (*store)->Migrate(); !migrated) return migrated.error();
  return store;
}

}  // namespace rollcall::service
