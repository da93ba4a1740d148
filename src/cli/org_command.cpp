#include "cli/org_command.hpp"

#include <fmt/format.h>

#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include "cli/database_options.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "cli/text_table.hpp"
#include "report/messages.hpp"

namespace rollcall::cli {
namespace {

struct OrgAddArguments {
  std::string code;
  std::string name;
  std::string parent;
  std::string db;
  OutputOptions output;
};

struct OrgListArguments {
  std::string db;
  OutputOptions output;
};

nlohmann::ordered_json OrgJson(const directory::Org& org, const std::string& parent_code) {
  nlohmann::ordered_json json = {{"id", org.id}, {"code", org.code}, {"name", org.name}};
  json["parent"] =
      parent_code.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(parent_code);
  return json;
}

int RunOrgAdd(const OrgAddArguments& args) {
  Result<std::unique_ptr<directory::Store>> store = OpenDatabase(args.db);
  if (!store) return PrintError(std::cerr, store.error());
  const std::optional<std::string> parent =
      args.parent.empty() ? std::nullopt : std::optional(args.parent);
  Result<directory::Org> org = (*store)->AddOrg(args.code, args.name, parent);
  if (!org) return PrintError(std::cerr, org.error());
  if (args.output.json) {
    PrintJson(std::cout, OrgJson(*org, args.parent));
  } else {
    std::cout << fmt::format(fmt::runtime(report::Label("org_added", args.output.language())),
                             fmt::arg("code", org->code), fmt::arg("name", org->name))
              << '\n';
  }
  return kExitOk;
}

int RunOrgList(const OrgListArguments& args) {
  Result<std::unique_ptr<directory::Store>> store = OpenDatabase(args.db);
  if (!store) return PrintError(std::cerr, store.error());
  Result<std::vector<directory::Org>> orgs = (*store)->ListOrgs();
  if (!orgs) return PrintError(std::cerr, orgs.error());
  std::map<directory::Id, std::string> codes;
  for (const directory::Org& org : *orgs) codes[org.id] = org.code;
  const auto parent_code = [&](const directory::Org& org) {
    return org.parent ? codes[*org.parent] : std::string();
  };
  if (args.output.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const directory::Org& org : *orgs) list.push_back(OrgJson(org, parent_code(org)));
    PrintJson(std::cout, {{"orgs", list}});
    return kExitOk;
  }
  const Language language = args.output.language();
  if (orgs->empty()) {
    std::cout << report::Label("no_orgs", language) << '\n';
    return kExitOk;
  }
  TextTable table({std::string(report::Label("code", language)),
                   std::string(report::Label("name", language)),
                   std::string(report::Label("parent", language))});
  for (const directory::Org& org : *orgs) table.AddRow({org.code, org.name, parent_code(org)});
  table.Print(std::cout);
  return kExitOk;
}

void AddOrgAdd(CLI::App& org, int& exit_code) {
  auto args = std::make_shared<OrgAddArguments>();
  CLI::App* command = org.add_subcommand("add", "Add an org (a school, or a district above)");
  command->add_option("CODE", args->code, "Unique code, e.g. the UAI 0751234A")->required();
  command->add_option("NAME", args->name, "Name shown to people")->required();
  command->add_option("--parent", args->parent, "Code of the org above this one");
  AddDatabaseOption(*command, args->db);
  AddOutputOptions(*command, args->output);
  command->callback([args, &exit_code] { exit_code = RunOrgAdd(*args); });
}

void AddOrgList(CLI::App& org, int& exit_code) {
  auto args = std::make_shared<OrgListArguments>();
  CLI::App* command = org.add_subcommand("list", "List the orgs by code");
  AddDatabaseOption(*command, args->db);
  AddOutputOptions(*command, args->output);
  command->callback([args, &exit_code] { exit_code = RunOrgList(*args); });
}

}  // namespace

void AddOrgCommand(CLI::App& app, int& exit_code) {
  CLI::App* org = app.add_subcommand("org", "Manage orgs: add, list");
  org->require_subcommand(1);
  AddOrgAdd(*org, exit_code);
  AddOrgList(*org, exit_code);
}

}  // namespace rollcall::cli
