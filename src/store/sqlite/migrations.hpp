// The SQLite schema as numbered migrations. Migration N brings a database from version N-1 to N;
// `schema_migrations` records every version applied. Migrations only ever get appended: a
// released migration is never edited, so every database reaches the same schema.
//
// Not thread-safe (works on one Database).
#pragma once

#include "base/result.hpp"
#include "store/sqlite/sqlite_db.hpp"

namespace rollcall::store::sqlite {

// The version the newest migration brings a database to.
int LatestSchemaVersion();

// The version of `db`: 0 for an empty database (no `schema_migrations` table).
Result<int> SchemaVersion(Database& db);

// Applies every missing migration up to version `up_to` in one transaction (all or none); tests
// pass an older version to build the databases earlier releases made. A database newer than this
// program is kUnsupportedFormat: an older Rollcall must not write to it.
Status ApplyMigrations(Database& db, int up_to = LatestSchemaVersion());

}  // namespace rollcall::store::sqlite
