// The `rollcall` command line: builds the CLI11 application and runs one command.
#pragma once

namespace rollcall::cli {

// Returns the process exit code (cli/exit_codes.hpp).
int RunCli(int argc, char** argv);

}  // namespace rollcall::cli
