// `rollcall org add CODE NAME [--parent CODE]` and `rollcall org list`: the orgs (schools,
// districts) everything else belongs to.
#pragma once

#include <CLI/CLI.hpp>

namespace rollcall::cli {

// Adds the subcommand to `app`; its callbacks store the exit code in `exit_code`.
void AddOrgCommand(CLI::App& app, int& exit_code);

}  // namespace rollcall::cli
