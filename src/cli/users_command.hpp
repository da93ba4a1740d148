// `rollcall users [--org CODE] [--profile P] [--query TEXT]`: the accounts of the directory with
// their state and affiliations, as a table or JSON.
#pragma once

#include <CLI/CLI.hpp>

namespace rollcall::cli {

// Adds the subcommand to `app`; its callback stores the exit code in `exit_code`.
void AddUsersCommand(CLI::App& app, int& exit_code);

}  // namespace rollcall::cli
