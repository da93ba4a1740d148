#include "cli/history_commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include "cli/common_options.hpp"
#include "cli/database_options.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "service/apply_service.hpp"
#include "service/history.hpp"

namespace rollcall::cli {
namespace {

struct HistoryArguments {
  std::string import_id;
  std::string now;  // purge: yyyy-mm-dd
  std::string report;
  std::string letters;
  std::string db;
  std::string config;
  OutputOptions output;
};

int RunRevert(const HistoryArguments& args) {
  Result<std::unique_ptr<directory::Store>> store = OpenDatabase(args.db);
  if (!store) return PrintError(std::cerr, store.error());
  Result<apply::RevertOutcome> outcome =
      service::RevertImport(**store, args.import_id, service::Clock::System());
  if (!outcome) return PrintError(std::cerr, outcome.error());
  if (args.output.json) {
    nlohmann::ordered_json json{{"import_id", args.import_id},
                                {"reverted", outcome->conflicts.empty()},
                                {"changes_undone", outcome->changes_undone},
                                {"conflicts", nlohmann::ordered_json::array()}};
    for (const apply::RevertConflict& conflict : outcome->conflicts) {
      json["conflicts"].push_back({{"entity", conflict.entity}, {"reason", conflict.reason}});
    }
    PrintJson(std::cout, json);
  } else if (outcome->conflicts.empty()) {
    std::cout << fmt::format("Import {} reverted: {} changes undone.\n", args.import_id,
                             outcome->changes_undone);
  } else {
    std::cout << fmt::format(
        "Import {} not reverted: {} records were changed after it. Nothing was undone.\n",
        args.import_id, outcome->conflicts.size());
    for (const apply::RevertConflict& conflict : outcome->conflicts) {
      std::cout << fmt::format("  {}: {}\n", conflict.entity, conflict.reason);
    }
  }
  return outcome->conflicts.empty() ? kExitOk : kExitBlocked;
}

bool IsIsoDate(const std::string& text) {
  return text.size() == 10 && text[4] == '-' && text[7] == '-' &&
         std::all_of(text.begin(), text.end(),
                     [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
}

int RunPurge(const HistoryArguments& args) {
  const service::Clock system = service::Clock::System();
  if (!args.now.empty() && !IsIsoDate(args.now)) {
    return PrintError(
        std::cerr, MakeError(ErrorCode::kInvalidArgument, "--now: expected a date as yyyy-mm-dd"));
  }
  const std::string today = args.now.empty() ? system.today : args.now;
  Result<std::unique_ptr<directory::Store>> store = OpenDatabase(args.db);
  if (!store) return PrintError(std::cerr, store.error());
  Result<apply::PurgeOutcome> outcome = service::Purge(**store, today, system);
  if (!outcome) return PrintError(std::cerr, outcome.error());
  if (args.output.json) {
    nlohmann::ordered_json json{{"today", today},
                                {"purged", outcome->purged.size()},
                                {"logins", nlohmann::ordered_json::array()},
                                {"credentials_wiped", outcome->credentials_wiped}};
    for (const directory::Account& account : outcome->purged) {
      json["logins"].push_back(account.login);
    }
    PrintJson(std::cout, json);
  } else {
    std::cout << fmt::format("{} accounts purged (pending deletion before {}).\n",
                             outcome->purged.size(), today);
    for (const directory::Account& account : outcome->purged) {
      std::cout << fmt::format("  {} ({} {}, purge date {})\n", account.login, account.last_name,
                               account.first_name, account.purge_date);
    }
  }
  return kExitOk;
}

int RunCredentials(const HistoryArguments& args) {
  Result<std::unique_ptr<directory::Store>> store = OpenDatabase(args.db);
  if (!store) return PrintError(std::cerr, store.error());
  Result<service::AccountSettings> settings =
      service::LoadAccountSettings(ConfigPathFor(args.config), DatabaseUrl(args.db));
  if (!settings) return PrintError(std::cerr, settings.error());
  Result<apply::SecretKey> key = service::LoadOrCreateSecretKey(settings->secret_key_file);
  if (!key) return PrintError(std::cerr, key.error());
  Result<std::vector<report::Letter>> letters =
      service::RecoverCredentials(**store, args.import_id, *key);
  if (!letters) return PrintError(std::cerr, letters.error());
  if (args.report.empty() && args.letters.empty()) {
    return PrintError(std::cerr, MakeError(ErrorCode::kInvalidArgument,
                                           "say where to write them: --report FILE and/or "
                                           "--letters FILE.html (credentials are never printed)"));
  }
  if (!args.report.empty()) {
    if (Status written = report::WriteReport(args.report, service::LettersTable(*letters));
        !written) {
      return PrintError(std::cerr, written.error());
    }
  }
  if (!args.letters.empty()) {
    Result<std::optional<directory::ImportRecord>> import = (*store)->FindImport(args.import_id);
    if (!import) return PrintError(std::cerr, import.error());
    std::string org_name;
    Result<std::vector<directory::Org>> orgs = (*store)->ListOrgs();
    if (!orgs) return PrintError(std::cerr, orgs.error());
    for (const directory::Org& org : *orgs) {
      if (org.id == (*import)->org) org_name = org.name;
    }
    Status written = report::WriteCredentialLetters(
        args.letters, *letters,
        report::LetterOptions{args.output.language(), org_name, settings->first_login_url});
    if (!written) return PrintError(std::cerr, written.error());
  }
  std::cout << fmt::format("{} initial credentials written.\n", letters->size());
  return kExitOk;
}

void AddCommon(CLI::App& command, HistoryArguments& args) {
  AddDatabaseOption(command, args.db);
  AddConfigOption(command, args.config);
  AddOutputOptions(command, args.output);
}

}  // namespace

void AddRevertCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<HistoryArguments>();
  CLI::App* command =
      app.add_subcommand("revert", "Undo an applied import, unless its records changed since");
  command->add_option("IMPORT_ID", args->import_id, "The import to undo")->required();
  AddCommon(*command, *args);
  command->callback([args, &exit_code] { exit_code = RunRevert(*args); });
}

void AddPurgeCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<HistoryArguments>();
  CLI::App* command =
      app.add_subcommand("purge", "Delete the accounts whose pending-deletion date has passed");
  command->add_option("--now", args->now, "The day to purge as of (yyyy-mm-dd; default today)");
  AddCommon(*command, *args);
  command->callback([args, &exit_code] { exit_code = RunPurge(*args); });
}

void AddCredentialsCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<HistoryArguments>();
  CLI::App* command = app.add_subcommand(
      "credentials", "Write the initial credentials an import keeps (protocol or letters)");
  command->add_option("IMPORT_ID", args->import_id, "The applied import")->required();
  command->add_option("--report", args->report, "Write them as CSV or XLSX");
  command->add_option("--letters", args->letters, "Write the credential letters (HTML)");
  AddCommon(*command, *args);
  command->callback([args, &exit_code] { exit_code = RunCredentials(*args); });
}

}  // namespace rollcall::cli
