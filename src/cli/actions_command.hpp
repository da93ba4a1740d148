// `rollcall actions FILE --org CODE [--apply] [--report PATH]` (DESIGN.md §5, issue 6).
#pragma once

#include <CLI/CLI.hpp>

namespace rollcall::cli {

void AddActionsCommand(CLI::App& app, int& exit_code);

}  // namespace rollcall::cli
