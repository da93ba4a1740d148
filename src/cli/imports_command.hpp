// `rollcall imports [list|show|decide|apply|cancel|report]` (issue 13).
#pragma once

#include <CLI/CLI.hpp>

namespace rollcall::cli {

void AddImportsCommand(CLI::App& app, int& exit_code);

}  // namespace rollcall::cli
