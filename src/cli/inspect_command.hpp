// `rollcall inspect FILE [--sheet N] [--json]`: how Rollcall reads a file — format, encoding,
// delimiter, header, columns, row count, the first rows, and every diagnostic with its line.
#pragma once

#include <CLI/CLI.hpp>

namespace rollcall::cli {

// Adds the subcommand to `app`; its callback stores the exit code in `exit_code`.
void AddInspectCommand(CLI::App& app, int& exit_code);

}  // namespace rollcall::cli
