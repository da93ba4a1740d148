// How a deployment gives accounts: login pattern, initial credentials, how long an import keeps
// them, where people log in the first time, and the secret key. Read from the `[accounts]` table
// of the config file (files/config.hpp):
//
//   [accounts]
//   login_pattern = "{first}.{last}"     # {first} {last} {first_initial} {last_initial}
//   login_max_length = 20                # Active Directory
//   german_umlauts = true                # Müller → mueller
//   credential = "password"              # or "activation_code"
//   credential_retention_days = 7
//   first_login_url = "https://ent.example.org/"
//   secret_key_file = "/etc/rollcall/secret.key"
//
// The secret key hashes and seals credentials. Its file is, in order: the config's
// secret_key_file, $ROLLCALL_SECRET_KEY_FILE, or beside a SQLite database (`rollcall.db.key`),
// else `rollcall.key` in the working directory. It is created (mode 0600) when missing.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "apply/credentials.hpp"
#include "apply/login.hpp"
#include "base/result.hpp"

namespace rollcall::service {

struct AccountSettings {
  apply::LoginPolicy login;
  apply::CredentialPolicy credential;
  int credential_retention_days = 7;
  std::string first_login_url;
  std::filesystem::path secret_key_file;
};

// Defaults without a config file; kInvalidArgument names the file, the key and the problem.
Result<AccountSettings> LoadAccountSettings(const std::optional<std::filesystem::path>& config_path,
                                            const std::string& database_url);

// Reads the key, or creates the file with a fresh key (readable by its owner only).
Result<apply::SecretKey> LoadOrCreateSecretKey(const std::filesystem::path& path);

}  // namespace rollcall::service
