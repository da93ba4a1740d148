#include "cli/users_command.hpp"

#include <fmt/format.h>

#include <iostream>
#include <map>
#include <memory>

#include "cli/common_options.hpp"
#include "cli/database_options.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "cli/text_table.hpp"
#include "report/messages.hpp"

namespace rollcall::cli {
namespace {

using OrgCodes = std::map<directory::Id, std::string>;

struct UsersArguments {
  std::string org;
  std::string profile;
  std::string query;
  std::size_t limit = 1000;
  std::string db;
  std::string config;
  OutputOptions output;
};

// The query the arguments ask for: --org by code (unknown: kNotFound), --profile by any name the
// schema knows ("eleves", "Lehrer"…).
Result<directory::UserQuery> MakeQuery(const UsersArguments& args, directory::Store& store) {
  directory::UserQuery query;
  query.text = args.query;
  query.limit = args.limit + 1;  // one more tells whether the list was cut
  if (!args.org.empty()) {
    Result<std::optional<directory::Org>> org = store.FindOrg(args.org);
    if (!org) return org.error();
    if (!*org) return MakeError(ErrorCode::kNotFound, fmt::format("unknown org '{}'", args.org));
    query.org = (*org)->id;
  }
  if (!args.profile.empty()) {
    Result<mapping::Schema> schema = LoadSchemaFor(args.config);
    if (!schema) return schema.error();
    Result<const mapping::ProfileSpec*> profile = FindProfile(*schema, args.profile);
    if (!profile) return profile.error();
    query.profile = (*profile)->id;
  }
  return query;
}

// "student@0751234A (onde, INE-0042)", with "ended DATE" once a sync ended it.
std::string AffiliationText(const directory::Affiliation& affiliation, const OrgCodes& codes,
                            Language language) {
  std::string details = affiliation.source;
  if (!affiliation.external_id.empty()) details += ", " + affiliation.external_id;
  if (!affiliation.active) {
    details += fmt::format(", {} {}", report::Label("ended", language),
                           affiliation.ended_at.substr(0, 10));
  }
  return fmt::format("{}@{} ({})", affiliation.profile, codes.at(affiliation.org), details);
}

// "pending_deletion (2026-12-01)": when it will be purged, for the accounts that will be.
std::string StateText(const directory::Account& account) {
  const std::string state(directory::AccountStateName(account.state));
  return account.purge_date.empty() ? state : fmt::format("{} ({})", state, account.purge_date);
}

nlohmann::ordered_json UserJson(const directory::UserRow& user, const OrgCodes& codes) {
  const directory::Account& account = user.account;
  nlohmann::ordered_json attributes = nlohmann::ordered_json::object();
  for (const auto& [field, value] : account.attributes) attributes[field] = value;
  nlohmann::ordered_json affiliations = nlohmann::ordered_json::array();
  for (const directory::Affiliation& affiliation : user.affiliations) {
    affiliations.push_back({{"org", codes.at(affiliation.org)},
                            {"profile", affiliation.profile},
                            {"source", affiliation.source},
                            {"external_id", affiliation.external_id},
                            {"active", affiliation.active},
                            {"ended_at", affiliation.ended_at}});
  }
  return {{"id", account.id},
          {"login", account.login},
          {"last_name", account.last_name},
          {"first_name", account.first_name},
          {"birth_date", account.birth_date},
          {"state", directory::AccountStateName(account.state)},
          {"purge_date", account.purge_date},
          {"attributes", attributes},
          {"affiliations", affiliations}};
}

void PrintUsersTable(const std::vector<directory::UserRow>& users, const OrgCodes& codes,
                     Language language) {
  const auto label = [&](std::string_view key) {
    return std::string(report::Label(key, language));
  };
  if (users.empty()) {
    std::cout << label("no_users") << '\n';
    return;
  }
  TextTable table({label("login"), label("last_name"), label("first_name"), label("state"),
                   label("affiliations")});
  for (const directory::UserRow& user : users) {
    std::string affiliations;
    for (const directory::Affiliation& affiliation : user.affiliations) {
      if (!affiliations.empty()) affiliations += "; ";
      affiliations += AffiliationText(affiliation, codes, language);
    }
    table.AddRow({user.account.login, user.account.last_name, user.account.first_name,
                  StateText(user.account), affiliations});
  }
  table.Print(std::cout);
}

int RunUsers(const UsersArguments& args) {
  Result<std::unique_ptr<directory::Store>> store = OpenDatabase(args.db);
  if (!store) return PrintError(std::cerr, store.error());
  Result<directory::UserQuery> query = MakeQuery(args, **store);
  if (!query) return PrintError(std::cerr, query.error());
  Result<std::vector<directory::UserRow>> users = (*store)->ListUsers(*query);
  if (!users) return PrintError(std::cerr, users.error());
  Result<std::vector<directory::Org>> orgs = (*store)->ListOrgs();
  if (!orgs) return PrintError(std::cerr, orgs.error());
  OrgCodes codes;
  for (const directory::Org& org : *orgs) codes[org.id] = org.code;
  const bool truncated = users->size() > args.limit;
  if (truncated) users->resize(args.limit);
  if (args.output.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const directory::UserRow& user : *users) list.push_back(UserJson(user, codes));
    PrintJson(std::cout, {{"users", list}, {"count", users->size()}, {"truncated", truncated}});
    return kExitOk;
  }
  PrintUsersTable(*users, codes, args.output.language());
  if (truncated) {
    std::cerr << fmt::format(fmt::runtime(report::Label("users_truncated", args.output.language())),
                             fmt::arg("limit", args.limit))
              << '\n';
  }
  return kExitOk;
}

}  // namespace

void AddUsersCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<UsersArguments>();
  CLI::App* command = app.add_subcommand("users", "List accounts with their affiliations");
  command->add_option("--org", args->org, "Only accounts affiliated with this org (code)");
  command->add_option("--profile", args->profile, "Only this profile: student, teacher…");
  command->add_option("--query", args->query, "Text in the login, names, e-mail or an external id");
  command->add_option("--limit", args->limit, "At most this many accounts")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  AddDatabaseOption(*command, args->db);
  AddConfigOption(*command, args->config);
  AddOutputOptions(*command, args->output);
  command->callback([args, &exit_code] { exit_code = RunUsers(*args); });
}

}  // namespace rollcall::cli
