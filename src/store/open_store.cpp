#include "store/open_store.hpp"

#include <fmt/format.h>

#include "store/sqlite/sqlite_store.hpp"

namespace rollcall::store {
namespace {

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The file a SQLite URL names, or "" when `url` is not one.
std::string SqlitePath(std::string_view url) {
  if (StartsWith(url, "sqlite://")) return std::string(url.substr(9));  // sqlite:///abs/path
  if (StartsWith(url, "sqlite:")) return std::string(url.substr(7));
  if (EndsWith(url, ".db") && url.find("://") == std::string_view::npos) return std::string(url);
  return {};
}

}  // namespace

std::string RedactedUrl(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  const std::size_t authority = scheme_end + 3;
  const std::size_t at = url.find('@', authority);
  const std::size_t slash = url.find('/', authority);
  if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at)) {
    return std::string(url);
  }
  const std::size_t colon = url.find(':', authority);
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  return fmt::format("{}***{}", url.substr(0, colon + 1), url.substr(at));
}

Result<std::unique_ptr<directory::Store>> OpenStore(std::string_view url, OpenMode mode) {
  if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) {
    return MakeError(ErrorCode::kUnsupportedFormat, "PostgreSQL support is not built yet");
  }
  const std::string path = SqlitePath(url);
  if (path.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("unknown database URL '{}' (expected sqlite:PATH or "
                                 "postgresql://…)",
                                 RedactedUrl(url)));
  }
  Result<std::unique_ptr<sqlite::SqliteStore>> store =
      sqlite::SqliteStore::Open(path, mode == OpenMode::kCreate);
  if (!store) return store.error();
  return std::unique_ptr<directory::Store>(std::move(store).value());
}

}  // namespace rollcall::store
