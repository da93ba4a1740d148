#include "service/account_settings.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "files/load.hpp"

namespace rollcall::service {
namespace {

constexpr std::uint64_t kMaxConfigBytes = 4 << 20;

std::filesystem::path DefaultKeyFile(const std::string& database_url) {
  if (const char* from_environment = std::getenv("ROLLCALL_SECRET_KEY_FILE");
      from_environment && *from_environment) {
    return from_environment;
  }
  constexpr std::string_view kSqlite = "sqlite:";
  if (database_url.rfind(kSqlite, 0) == 0) {
    return std::string(database_url.substr(kSqlite.size())) + ".key";
  }
  return "rollcall.key";
}

Error Invalid(const std::filesystem::path& path, std::string_view key, std::string_view problem) {
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("{}: [accounts] {}: {}", path.string(), key, problem));
}

Status ReadAccounts(const std::filesystem::path& path, const toml::table& accounts,
                    AccountSettings& settings) {
  if (auto pattern = accounts["login_pattern"].value<std::string>()) {
    settings.login.pattern = *pattern;
  }
  if (auto length = accounts["login_max_length"].value<std::int64_t>()) {
    if (*length < 8 || *length > 256) return Invalid(path, "login_max_length", "8 to 256");
    settings.login.max_length = static_cast<std::size_t>(*length);
  }
  if (auto umlauts = accounts["german_umlauts"].value<bool>()) {
    settings.login.german_umlauts = *umlauts;
  }
  if (auto kind = accounts["credential"].value<std::string>()) {
    std::optional<apply::CredentialKind> parsed = apply::ParseCredentialKind(*kind);
    if (!parsed) return Invalid(path, "credential", "\"password\" or \"activation_code\"");
    settings.credential.kind = *parsed;
  }
  if (auto length = accounts["password_length"].value<std::int64_t>()) {
    if (*length < 8 || *length > 128) return Invalid(path, "password_length", "8 to 128");
    settings.credential.password_length = static_cast<int>(*length);
  }
  if (auto days = accounts["credential_retention_days"].value<std::int64_t>()) {
    if (*days < 0 || *days > 365) return Invalid(path, "credential_retention_days", "0 to 365");
    settings.credential_retention_days = static_cast<int>(*days);
  }
  if (auto url = accounts["first_login_url"].value<std::string>()) settings.first_login_url = *url;
  if (auto key_file = accounts["secret_key_file"].value<std::string>()) {
    settings.secret_key_file = path.parent_path() / *key_file;
  }
  return {};
}

}  // namespace

Result<AccountSettings> LoadAccountSettings(const std::optional<std::filesystem::path>& config_path,
                                            const std::string& database_url) {
  AccountSettings settings;
  settings.secret_key_file = DefaultKeyFile(database_url);
  if (!config_path) return settings;
  Result<std::string> config = files::ReadFileBytes(*config_path, kMaxConfigBytes);
  if (!config) return config.error();
  try {
    const toml::table root = toml::parse(config.value());
    if (const toml::table* accounts = root["accounts"].as_table()) {
      if (Status read = ReadAccounts(*config_path, *accounts, settings); !read) {
        return read.error();
      }
    }
  } catch (const toml::parse_error& error) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("{}: line {}: {}", config_path->string(),
                                 error.source().begin.line, error.description()));
  }
  return settings;
}

Result<apply::SecretKey> LoadOrCreateSecretKey(const std::filesystem::path& path) {
  std::error_code missing;
  if (std::filesystem::exists(path, missing)) {
    Result<std::string> text = files::ReadFileBytes(path, 4096);
    if (!text) return text.error();
    Result<apply::SecretKey> key = apply::SecretKey::FromHex(*text);
    if (!key) {
      return MakeError(ErrorCode::kCorrupt,
                       fmt::format("{}: not a Rollcall secret key", path.string()));
    }
    return key;
  }
  Result<apply::SecretKey> key = apply::SecretKey::Generate();
  if (!key) return key.error();
  // O_EXCL: two processes creating the key at once must not end up with different keys.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return LoadOrCreateSecretKey(path);
    return MakeError(ErrorCode::kIo, fmt::format("{}: cannot create the secret key: {}",
                                                 path.string(), std::strerror(errno)));
  }
  const std::string text = key->ToHex() + "\n";
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool closed = ::close(fd) == 0;
  if (!written || !closed) {
    std::filesystem::remove(path, missing);
    return MakeError(ErrorCode::kIo, fmt::format("{}: cannot write the secret key", path.string()));
  }
  return key;
}

}  // namespace rollcall::service
