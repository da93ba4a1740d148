// What a running Rollcall is configured with, built once per process and handed to every service
// call (DESIGN.md §3): the schema, the account settings, the secret key, the database and the
// clock. The command line builds one per command, the server one at start; nothing below
// `cli`/`http` reads the environment or the wall clock.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "apply/credentials.hpp"
#include "base/result.hpp"
#include "directory/store.hpp"
#include "mapping/schema.hpp"
#include "service/account_settings.hpp"
#include "service/clock.hpp"

namespace rollcall::service {

// Limits on what an upload may be.
inline constexpr std::uint64_t kDefaultMaxUploadBytes = 200ull << 20;

// Opens the database `url` names and brings its schema up to date. kNotFound, with a hint to run
// `rollcall init`, when it does not exist.
Result<std::unique_ptr<directory::Store>> OpenMigratedStore(const std::string& url);

// What `rollcall init` did.
struct InitOutcome {
  std::string url;       // redacted, safe to print
  int from_version = 0;  // 0: the database was created
  int to_version = 0;
};

// Creates the database `url` names when missing, else migrates it to the latest schema.
Result<InitOutcome> InitDatabase(const std::string& url);

class Deployment {
 public:
  // `config_path`: the deployment file (schema additions, [accounts]); `database_url`: as
  // store::OpenStore takes it. kInvalidArgument for a bad config file.
  static Result<std::shared_ptr<Deployment>> Load(
      const std::optional<std::filesystem::path>& config_path, std::string database_url);
  // For tests: every part given.
  Deployment(mapping::Schema schema, AccountSettings settings, std::string database_url,
             std::function<Clock()> clock);

  const mapping::Schema& schema() const { return schema_; }
  const AccountSettings& settings() const { return settings_; }
  const std::string& database_url() const { return database_url_; }
  Clock Now() const { return clock_(); }
  std::uint64_t max_upload_bytes() const { return max_upload_bytes_; }
  void set_max_upload_bytes(std::uint64_t bytes) { max_upload_bytes_ = bytes; }

  // The secret key, read (or created) on first use: a dry run never needs it. Thread-safe.
  Result<const apply::SecretKey*> Key() const;
  // A new connection to the database, migrated; one per thread (a Store is not thread-safe).
  // kNotFound when the database does not exist.
  Result<std::unique_ptr<directory::Store>> OpenStore() const;

 private:
  mapping::Schema schema_;
  AccountSettings settings_;
  std::string database_url_;
  std::function<Clock()> clock_;
  std::uint64_t max_upload_bytes_ = kDefaultMaxUploadBytes;
  mutable std::mutex key_mutex_;
  mutable std::optional<apply::SecretKey> key_;
};

}  // namespace rollcall::service
