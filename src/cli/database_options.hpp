// The database every directory command works on: `--db URL`, else $ROLLCALL_DB, else
// `sqlite:rollcall.db` (DESIGN.md §5), and opening it.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "directory/store.hpp"
#include "service/deployment.hpp"

namespace rollcall::cli {

// Adds --db URL to `command`, stored in `flag`.
void AddDatabaseOption(CLI::App& command, std::string& flag);

// The URL to use: `flag` when given, else $ROLLCALL_DB when set, else sqlite:rollcall.db.
std::string DatabaseUrl(const std::string& flag);

// Opens an existing database and brings its schema up to date, for every command but `init`.
// A missing database is kNotFound with a hint to run `rollcall init`.
Result<std::unique_ptr<directory::Store>> OpenDatabase(const std::string& flag);

// The deployment a command runs in: the config file (--config, else $ROLLCALL_CONFIG) and the
// database (--db, else $ROLLCALL_DB). Built once per command.
Result<std::shared_ptr<service::Deployment>> LoadDeployment(const std::string& config_flag,
                                                            const std::string& db_flag);

// Creates the database when missing, else migrates it to the latest schema.
Result<service::InitOutcome> InitDatabase(const std::string& flag);

}  // namespace rollcall::cli
