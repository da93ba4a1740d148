// `rollcall init [--db URL]`: creates the database, or migrates it to the latest schema, and
// says which it did.
#pragma once

#include <CLI/CLI.hpp>

namespace rollcall::cli {

// Adds the subcommand to `app`; its callback stores the exit code in `exit_code`.
void AddInitCommand(CLI::App& app, int& exit_code);

}  // namespace rollcall::cli
