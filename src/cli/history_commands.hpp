// What happens after an import: `rollcall revert IMPORT_ID` undoes it, `rollcall purge
// [--now DATE]` deletes the accounts whose pending-deletion date has passed, and `rollcall
// credentials IMPORT_ID` fetches its initial credentials again while it keeps them.
#pragma once

#include <CLI/CLI.hpp>

namespace rollcall::cli {

// Add the subcommands to `app`; their callbacks store the exit code in `exit_code`.
void AddRevertCommand(CLI::App& app, int& exit_code);
void AddPurgeCommand(CLI::App& app, int& exit_code);
void AddCredentialsCommand(CLI::App& app, int& exit_code);

}  // namespace rollcall::cli
