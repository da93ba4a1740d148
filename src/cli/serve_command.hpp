// `rollcall serve [--listen 127.0.0.1:8080]`: for now, the scheduler of the daily drop-folder
// syncs (issue 6); the HTTP API that will listen on --listen comes with a later issue.
#pragma once

#include <CLI/CLI.hpp>

namespace rollcall::cli {

// Adds the subcommand to `app`; its callback stores the exit code in `exit_code`.
void AddServeCommand(CLI::App& app, int& exit_code);

}  // namespace rollcall::cli
