#include "cli/init_command.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/database_options.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "report/messages.hpp"

namespace rollcall::cli {
namespace {

struct InitArguments {
  std::string db;
  OutputOptions output;
};

std::string_view ActionName(const service::InitOutcome& outcome) {
  if (outcome.from_version == 0) return "created";
  return outcome.from_version == outcome.to_version ? "up_to_date" : "migrated";
}

int RunInit(const InitArguments& args) {
  Result<service::InitOutcome> outcome = InitDatabase(args.db);
  if (!outcome) return PrintError(std::cerr, outcome.error());
  const std::string_view action = ActionName(*outcome);
  if (args.output.json) {
    PrintJson(std::cout, {{"database", outcome->url},
                          {"action", action},
                          {"from_version", outcome->from_version},
                          {"schema_version", outcome->to_version}});
    return kExitOk;
  }
  const std::string key = fmt::format("db_{}", action);
  std::cout << fmt::format(fmt::runtime(report::Label(key, args.output.language())),
                           fmt::arg("url", outcome->url), fmt::arg("from", outcome->from_version),
                           fmt::arg("version", outcome->to_version))
            << '\n';
  return kExitOk;
}

}  // namespace

void AddInitCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<InitArguments>();
  CLI::App* command = app.add_subcommand("init", "Create the database or migrate it");
  AddDatabaseOption(*command, args->db);
  AddOutputOptions(*command, args->output);
  command->callback([args, &exit_code] { exit_code = RunInit(*args); });
}

}  // namespace rollcall::cli
