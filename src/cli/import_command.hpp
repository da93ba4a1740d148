// `rollcall import --org CODE FILE[:PROFILE]... [options]` (DESIGN.md §5).
#pragma once

#include <CLI/CLI.hpp>

namespace rollcall::cli {

void AddImportCommand(CLI::App& app, int& exit_code);

}  // namespace rollcall::cli
