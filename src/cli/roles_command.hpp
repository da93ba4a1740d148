// `rollcall roles`: custom roles (issue 6, seed 004).
//   roles sync DIR [--apply] [--skip-invalid-rows] [--report PATH]   role.csv / user_role.csv
//   roles list                                                       every role, its owner, holders
//   roles add NAME --access ENTITY=LEVELS... [--catalogs …] [--user-groups …] [--description …]
//   roles assign LOGIN ROLE                                          a hand-made assignment
// Every subcommand takes --db, --json and --lang.
#pragma once

#include <CLI/CLI.hpp>

namespace rollcall::cli {

// Adds `roles` and its subcommands to `app`; their callbacks store the exit code in `exit_code`.
void AddRolesCommand(CLI::App& app, int& exit_code);

}  // namespace rollcall::cli
