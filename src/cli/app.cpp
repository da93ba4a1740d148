#include "cli/app.hpp"

#include <CLI/CLI.hpp>

#include "cli/actions_command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/history_commands.hpp"
#include "cli/import_command.hpp"
#include "cli/imports_command.hpp"
#include "cli/init_command.hpp"
#include "cli/inspect_command.hpp"
#include "cli/org_command.hpp"
#include "cli/roles_command.hpp"
#include "cli/serve_command.hpp"
#include "cli/sync_command.hpp"
#include "cli/template_command.hpp"
#include "cli/users_command.hpp"

namespace rollcall::cli {

int RunCli(int argc, char** argv) {
  CLI::App app{"Rollcall: bulk user provisioning for schools"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "rollcall 0.1.0");
  int exit_code = kExitOk;
  AddActionsCommand(app, exit_code);
  AddCredentialsCommand(app, exit_code);
  AddImportCommand(app, exit_code);
  AddImportsCommand(app, exit_code);
  AddInitCommand(app, exit_code);
  AddInspectCommand(app, exit_code);
  AddOrgCommand(app, exit_code);
  AddPurgeCommand(app, exit_code);
  AddRevertCommand(app, exit_code);
  AddServeCommand(app, exit_code);
  AddSyncCommand(app, exit_code);
  AddSyncSettingsCommand(app, exit_code);
  AddRolesCommand(app, exit_code);
  AddTemplateCommand(app, exit_code);
  AddUsersCommand(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int cli11_code = app.exit(error);
    return cli11_code == 0 ? kExitOk : kExitUsage;
  }
  return exit_code;
}

}  // namespace rollcall::cli
