// Opens the Store a database URL names, so that nothing above `store/` knows which database is
// in use. URLs: `sqlite:PATH` (or a bare PATH ending in `.db`); `postgresql://…` once the
// PostgreSQL store exists.
//
// Thread-safe (each call opens its own connection).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "directory/store.hpp"

namespace rollcall::store {

enum class OpenMode {
  kCreate,    // create the database when missing (`rollcall init`)
  kExisting,  // a missing database is kNotFound
};

// Opens without migrating. Errors: an unknown scheme is kInvalidArgument, PostgreSQL is
// kUnsupportedFormat for now, a database that cannot be opened kIo (kNotFound when missing
// with kExisting). Messages name the database by RedactedUrl().
Result<std::unique_ptr<directory::Store>> OpenStore(std::string_view url,
                                                    OpenMode mode = OpenMode::kCreate);

// `url` safe to print: a password in `scheme://user:password@host` becomes `***`.
std::string RedactedUrl(std::string_view url);

}  // namespace rollcall::store
