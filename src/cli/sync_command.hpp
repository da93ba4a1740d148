// The drop-folder sync (issue 6): `rollcall sync DIR --org CODE` processes a connector folder once,
// `rollcall sync --org CODE --now` the org's stored folder ("sync now"), and `rollcall
// sync-settings` sets or lists each org's folder and daily time. `rollcall serve` (serve_command)
// runs the daily syncs.
#pragma once

#include <CLI/CLI.hpp>

namespace rollcall::cli {

// Add the subcommands to `app`; their callbacks store the exit code in `exit_code`.
void AddSyncCommand(CLI::App& app, int& exit_code);
void AddSyncSettingsCommand(CLI::App& app, int& exit_code);

}  // namespace rollcall::cli
