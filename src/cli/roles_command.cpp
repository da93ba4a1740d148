// `rollcall roles …`: thin over service/role_sync.hpp and service/custom_roles.hpp. Exit codes
// follow DESIGN.md §5: 1 when the sync's plan has blocking diagnostics, 3 when a file or the
// database cannot be used.
#include "cli/roles_command.hpp"

#include <fmt/format.h>

#include <iostream>
#include <map>
#include <memory>

#include "cli/database_options.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "cli/text_table.hpp"
#include "service/custom_roles.hpp"
#include "service/role_sync.hpp"

namespace rollcall::cli {
namespace {

struct RolesArguments {
  std::string dir;
  bool apply = false;
  bool skip_invalid_rows = false;
  std::string report;
  std::string name;
  std::vector<std::string> access;
  std::string catalogs = "FULL";
  std::string user_groups = "FULL";
  std::string description;
  std::string login;
  std::string db;
  OutputOptions output;
};

int RunSync(const RolesArguments& args) {
  Result<service::RoleFilePaths> paths = service::FindRoleFiles(args.dir);
  if (!paths) return PrintError(std::cerr, paths.error());
  Result<std::unique_ptr<directory::Store>> store = OpenDatabase(args.db);
  if (!store) return PrintError(std::cerr, store.error());
  service::RoleSyncOptions options{args.apply, args.skip_invalid_rows, service::Clock::System()};
  Result<service::RoleSyncOutcome> outcome =
      service::SyncRoleFiles(**store, paths->role_csv, paths->user_role_csv, options);
  if (!outcome) return PrintError(std::cerr, outcome.error());
  const Language language = args.output.language();
  if (!args.report.empty()) {
    Result<std::vector<std::filesystem::path>> written =
        report::WriteReports(args.report, service::RoleSyncReport(*outcome, language));
    if (!written) return PrintError(std::cerr, written.error());
  }
  if (args.output.json) {
    PrintJson(std::cout, service::RoleSyncSummaryJson(*outcome, args.apply));
  } else {
    std::cout << service::RoleSyncSummaryText(*outcome, args.apply, language);
  }
  return outcome->plan.blocked ? kExitBlocked : kExitOk;
}

std::string Scope(const directory::CustomRole& role) {
  std::string catalogs =
      role.all_catalogs ? "all catalogs" : fmt::format("{}", fmt::join(role.catalogs, " | "));
  std::string groups = role.user_group_scope == "all"     ? "all groups"
                       : role.user_group_scope == "group" ? role.user_group_name
                       : role.user_group_scope == "attribute"
                           ? role.user_group_name + "=" + role.user_group_value
                           : role.user_group_scope + "=" + role.user_group_value;
  return catalogs + "; " + groups;
}

std::string Access(const directory::CustomRole& role) {
  std::vector<std::string> parts;
  for (const directory::RoleAccess& entry : role.access) {
    parts.push_back(entry.entity + "=" + entry.levels);
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

int RunList(const RolesArguments& args) {
  Result<std::unique_ptr<directory::Store>> store = OpenDatabase(args.db);
  if (!store) return PrintError(std::cerr, store.error());
  Result<std::vector<directory::CustomRole>> roles = (*store)->ListCustomRoles();
  if (!roles) return PrintError(std::cerr, roles.error());
  Result<std::vector<directory::RoleAssignment>> assignments = (*store)->ListRoleAssignments();
  if (!assignments) return PrintError(std::cerr, assignments.error());
  std::map<directory::Id, std::size_t> holders;
  for (const directory::RoleAssignment& assignment : *assignments) ++holders[assignment.role];
  if (args.output.json) {
    nlohmann::ordered_json json = nlohmann::ordered_json::array();
    for (const directory::CustomRole& role : *roles) {
      nlohmann::ordered_json access = nlohmann::ordered_json::object();
      for (const directory::RoleAccess& entry : role.access) access[entry.entity] = entry.levels;
      json.push_back({{"name", role.name},
                      {"source", role.source},
                      {"description", role.description},
                      {"access", std::move(access)},
                      {"all_catalogs", role.all_catalogs},
                      {"catalogs", role.catalogs},
                      {"user_group_scope", role.user_group_scope},
                      {"user_group_name", role.user_group_name},
                      {"user_group_value", role.user_group_value},
                      {"holders", holders[role.id]}});
    }
    PrintJson(std::cout, json);
    return kExitOk;
  }
  TextTable table({"Name", "Source", "Access", "Scope", "Holders"});
  for (const directory::CustomRole& role : *roles) {
    table.AddRow(
        {role.name, role.source, Access(role), Scope(role), std::to_string(holders[role.id])});
  }
  table.Print(std::cout);
  return kExitOk;
}

int RunAdd(const RolesArguments& args) {
  service::ManualRoleRequest request{
      args.name, {}, args.catalogs, args.user_groups, args.description};
  for (const std::string& access : args.access) {
    const std::size_t equals = access.rfind('=');
    if (equals == std::string::npos || equals == 0) {
      return PrintError(std::cerr,
                        MakeError(ErrorCode::kInvalidArgument,
                                  fmt::format("--access '{}': expected ENTITY=LEVELS", access)));
    }
    request.access.emplace_back(access.substr(0, equals), access.substr(equals + 1));
  }
  Result<std::unique_ptr<directory::Store>> store = OpenDatabase(args.db);
  if (!store) return PrintError(std::cerr, store.error());
  Result<directory::CustomRole> role =
      service::AddManualRole(**store, request, service::Clock::System(), args.output.language());
  if (!role) return PrintError(std::cerr, role.error());
  if (args.output.json) {
    PrintJson(std::cout, {{"name", role->name}, {"source", role->source}, {"id", role->id}});
  } else {
    std::cout << fmt::format("Added role {} (by hand: role files never change it)\n", role->name);
  }
  return kExitOk;
}

int RunAssign(const RolesArguments& args) {
  Result<std::unique_ptr<directory::Store>> store = OpenDatabase(args.db);
  if (!store) return PrintError(std::cerr, store.error());
  Result<directory::RoleAssignment> assigned =
      service::AssignRoleByHand(**store, args.login, args.name);
  if (!assigned) return PrintError(std::cerr, assigned.error());
  if (args.output.json) {
    PrintJson(std::cout, {{"login", args.login}, {"role", args.name}, {"source", "manual"}});
  } else {
    std::cout << fmt::format("{} now holds the role {} (by hand)\n", args.login, args.name);
  }
  return kExitOk;
}

CLI::App* AddSubcommand(CLI::App& roles, const std::string& name, const std::string& help,
                        RolesArguments& args) {
  CLI::App* command = roles.add_subcommand(name, help);
  AddDatabaseOption(*command, args.db);
  AddOutputOptions(*command, args.output);
  return command;
}

}  // namespace

void AddRolesCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<RolesArguments>();
  CLI::App* roles = app.add_subcommand("roles", "Custom roles: sync role files, list, add, assign");
  roles->require_subcommand(1);

  CLI::App* sync = AddSubcommand(*roles, "sync",
                                 "Sync role.csv and user_role.csv from a connector folder", *args);
  sync->add_option("DIR", args->dir,
                   "Connector folder (import/user/internal/user_role/) or a folder holding the "
                   "role files")
      ->required();
  sync->add_flag("--apply", args->apply, "Apply the changes when nothing blocks them");
  sync->add_flag("--skip-invalid-rows", args->skip_invalid_rows,
                 "Apply the valid lines and report the others");
  sync->add_option("--report", args->report, "Write the per-line report as CSV or XLSX");
  sync->callback([args, &exit_code] { exit_code = RunSync(*args); });

  CLI::App* list = AddSubcommand(*roles, "list", "List the custom roles", *args);
  list->callback([args, &exit_code] { exit_code = RunList(*args); });

  CLI::App* add = AddSubcommand(*roles, "add", "Add a custom role by hand", *args);
  add->add_option("NAME", args->name, "The role's name (unique)")->required();
  add->add_option("--access", args->access, "ENTITY=LEVELS, e.g. course=WRITE|REPORT")->required();
  add->add_option("--catalogs", args->catalogs, "Catalog names joined by |, or FULL")
      ->capture_default_str();
  add->add_option("--user-groups", args->user_groups, "A group name, attribute=value, …, or FULL")
      ->capture_default_str();
  add->add_option("--description", args->description, "What the role is for");
  add->callback([args, &exit_code] { exit_code = RunAdd(*args); });

  CLI::App* assign = AddSubcommand(*roles, "assign", "Give a user a custom role by hand", *args);
  assign->add_option("LOGIN", args->login, "The user's login")->required();
  assign->add_option("ROLE", args->name, "The role's name")->required();
  assign->callback([args, &exit_code] { exit_code = RunAssign(*args); });
}

}  // namespace rollcall::cli
