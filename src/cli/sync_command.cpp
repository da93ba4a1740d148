// `rollcall sync` and `rollcall sync-settings`. Exit codes: 0 done (nothing needs attention),
// 1 a file was blocked, failed, refused or left unprocessed — or another sync of the org is
// running (the lock refused this one), 2 usage (a bad time, DIR and --now together…), 3 the
// folder or the database is unusable.
#include "cli/sync_command.hpp"

#include <iostream>
#include <memory>

#include "cli/common_options.hpp"
#include "cli/database_options.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "cli/text_table.hpp"
#include "service/sync_settings.hpp"

namespace rollcall::cli {
namespace {

namespace fs = std::filesystem;

struct SyncArguments {
  std::string folder;
  std::string org;
  bool now = false;
  bool apply = false;
  std::string source = "csv";
  std::string db;
  std::string config;
  OutputOptions output;
};

struct SyncSettingsArguments {
  std::string org;
  std::string folder;
  std::string time;
  bool enable = false;
  bool disable = false;
  std::string db;
  OutputOptions output;
};

// Stored and scanned as an absolute path: the scheduler does not run where this command ran.
fs::path AbsoluteFolder(const std::string& folder) {
  std::error_code error;
  const fs::path absolute = fs::absolute(folder, error);
  return (error ? fs::path(folder) : absolute).lexically_normal();
}

Result<service::FolderSyncResult> SyncOnce(const SyncArguments& args, directory::Store& store,
                                           const mapping::Schema& schema,
                                           service::FolderSyncRequest request,
                                           const service::AccountSettings& settings,
                                           const apply::SecretKey* key) {
  const service::Clock clock = service::Clock::System();
  if (args.now) {
    return service::SyncStoredFolder(store, schema, std::move(request), clock, settings, key);
  }
  request.folder = AbsoluteFolder(args.folder);
  return service::SyncFolder(store, schema, request, clock, settings, key);
}

int RunSync(const SyncArguments& args) {
  if (args.folder.empty() == !args.now) {
    return PrintError(std::cerr, MakeError(ErrorCode::kInvalidArgument,
                                           "give either a folder DIR or --now (the org's stored "
                                           "folder), not both"));
  }
  Result<mapping::Schema> schema = LoadSchemaFor(args.config);
  if (!schema) return PrintError(std::cerr, schema.error());
  Result<service::AccountSettings> settings =
      service::LoadAccountSettings(ConfigPathFor(args.config), DatabaseUrl(args.db));
  if (!settings) return PrintError(std::cerr, settings.error());
  std::optional<apply::SecretKey> key;
  if (args.apply) {
    Result<apply::SecretKey> loaded = service::LoadOrCreateSecretKey(settings->secret_key_file);
    if (!loaded) return PrintError(std::cerr, loaded.error());
    key.emplace(*loaded);
  }
  Result<std::unique_ptr<directory::Store>> store = OpenDatabase(args.db);
  if (!store) return PrintError(std::cerr, store.error());
  service::FolderSyncRequest request;
  request.org_code = args.org;
  request.source = args.source;
  request.apply = args.apply;
  request.language = args.output.language();
  Result<service::FolderSyncResult> result =
      SyncOnce(args, **store, *schema, request, *settings, key ? &*key : nullptr);
  if (!result) return PrintError(std::cerr, result.error());
  if (args.output.json) {
    PrintJson(std::cout, service::FolderSyncJson(*result));
  } else {
    std::cout << service::FolderSyncText(*result);
  }
  return result->NeedsAttention() ? kExitBlocked : kExitOk;
}

nlohmann::ordered_json SettingsJson(const directory::Org& org,
                                    const directory::SyncSettings& settings) {
  return {{"org", org.code},
          {"folder", settings.folder},
          {"enabled", settings.enabled},
          {"daily_time", settings.daily_time},
          {"last_run_at", settings.last_run_at},
          {"last_outcome", settings.last_outcome}};
}

void PrintSettings(const std::vector<service::OrgSyncSettings>& list, const OutputOptions& output) {
  if (output.json) {
    nlohmann::ordered_json json = nlohmann::ordered_json::array();
    for (const service::OrgSyncSettings& entry : list) {
      json.push_back(SettingsJson(entry.org, entry.settings));
    }
    PrintJson(std::cout, nlohmann::ordered_json{{"sync_settings", json}});
    return;
  }
  if (list.empty()) {
    std::cout << "No org has sync settings; set them with `rollcall sync-settings --org CODE "
                 "--folder DIR --time HH:MM --enable`.\n";
    return;
  }
  TextTable table({"org", "folder", "enabled", "daily time", "last run", "last outcome"});
  for (const service::OrgSyncSettings& entry : list) {
    const directory::SyncSettings& settings = entry.settings;
    table.AddRow(
        {entry.org.code, settings.folder, settings.enabled ? "yes" : "no", settings.daily_time,
         settings.last_run_at.empty() ? "never" : settings.last_run_at, settings.last_outcome});
  }
  table.Print(std::cout);
  std::cout << "Daily times are the server's local time.\n";
}

int RunSyncSettings(const SyncSettingsArguments& args) {
  const bool changing = !args.folder.empty() || !args.time.empty() || args.enable || args.disable;
  if (changing && args.org.empty()) {
    return PrintError(std::cerr, MakeError(ErrorCode::kInvalidArgument,
                                           "--folder, --time, --enable and --disable need --org"));
  }
  Result<std::unique_ptr<directory::Store>> store = OpenDatabase(args.db);
  if (!store) return PrintError(std::cerr, store.error());
  if (!args.org.empty()) {
    service::SyncSettingsChange change;
    change.org_code = args.org;
    if (!args.folder.empty()) change.folder = AbsoluteFolder(args.folder);
    if (!args.time.empty()) change.daily_time = args.time;
    if (args.enable || args.disable) change.enabled = args.enable;
    Result<directory::SyncSettings> changed = service::ChangeSyncSettings(**store, change);
    if (!changed) return PrintError(std::cerr, changed.error());
  }
  Result<std::vector<service::OrgSyncSettings>> list = service::ListOrgSyncSettings(**store);
  if (!list) return PrintError(std::cerr, list.error());
  if (!args.org.empty()) {  // show the one org set
    std::erase_if(
        *list, [&](const service::OrgSyncSettings& entry) { return entry.org.code != args.org; });
  }
  PrintSettings(*list, args.output);
  return kExitOk;
}

}  // namespace

void AddSyncCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<SyncArguments>();
  CLI::App* command = app.add_subcommand(
      "sync", "Process a connector drop folder once: import its user files, archive them");
  command->add_option("DIR", args->folder,
                      "The folder (DIR/import/user/internal/*.csv); or --now for the stored one");
  command->add_option("--org", args->org, "Org code (e.g. the school's UAI)")->required();
  command->add_flag("--now", args->now, "Sync the org's stored folder (see sync-settings)");
  command->add_flag("--apply", args->apply,
                    "Apply each file's plan and archive the files; without it nothing is "
                    "written or moved");
  command->add_option("--source", args->source, "Source that owns the data")->capture_default_str();
  AddDatabaseOption(*command, args->db);
  AddConfigOption(*command, args->config);
  AddOutputOptions(*command, args->output);
  command->callback([args, &exit_code] { exit_code = RunSync(*args); });
}

void AddSyncSettingsCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<SyncSettingsArguments>();
  CLI::App* command = app.add_subcommand(
      "sync-settings", "Set an org's drop folder and daily sync time, or list every org's");
  command->add_option("--org", args->org, "Org code; without it, list every org's settings");
  command->add_option("--folder", args->folder, "The org's connector folder");
  command->add_option("--time", args->time, "Daily sync time HH:MM (server local time)");
  CLI::Option* enable =
      command->add_flag("--enable", args->enable, "Run the sync daily (`rollcall serve`)");
  command->add_flag("--disable", args->disable, "Stop the daily sync")->excludes(enable);
  AddDatabaseOption(*command, args->db);
  AddOutputOptions(*command, args->output);
  command->callback([args, &exit_code] { exit_code = RunSyncSettings(*args); });
}

}  // namespace rollcall::cli
