// `rollcall serve`: a thin loop around service::RunScheduler. It logs to stderr with spdlog and
// stops cleanly on SIGINT or SIGTERM: a signal only sets a flag, which the wait between passes
// checks every few tenths of a second, so a sync under way finishes (it is one transaction per
// file) before the process exits 0.
#include "cli/serve_command.hpp"

#include <fmt/format.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/common_options.hpp"
#include "cli/database_options.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "service/scheduler.hpp"
#include "service/sync_settings.hpp"

namespace rollcall::cli {
namespace {

struct ServeArguments {
  std::string listen = "127.0.0.1:8080";
  int interval_seconds = 60;
  std::string db;
  std::string config;
};

std::atomic<bool> stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

void RequestStop(int /*signal*/) { stop_requested.store(true); }

void InstallStopHandlers() {
  struct sigaction action {};
  action.sa_handler = RequestStop;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

// Sleeps up to `interval` in short steps; false once a stop was requested.
bool WaitUnlessStopped(std::chrono::seconds interval) {
  const auto until = std::chrono::steady_clock::now() + interval;
  while (!stop_requested.load() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return !stop_requested.load();
}

void UseStderrLogger() {
  auto logger = spdlog::stderr_logger_mt("rollcall");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S%z rollcall[%P] %l: %v");
  spdlog::set_default_logger(std::move(logger));
}

int RunServe(const ServeArguments& args) {
  Result<mapping::Schema> schema = LoadSchemaFor(args.config);
  if (!schema) return PrintError(std::cerr, schema.error());
  Result<service::AccountSettings> settings =
      service::LoadAccountSettings(ConfigPathFor(args.config), DatabaseUrl(args.db));
  if (!settings) return PrintError(std::cerr, settings.error());
  Result<apply::SecretKey> key = service::LoadOrCreateSecretKey(settings->secret_key_file);
  if (!key) return PrintError(std::cerr, key.error());
  Result<std::unique_ptr<directory::Store>> store = OpenDatabase(args.db);
  if (!store) return PrintError(std::cerr, store.error());
  Result<std::vector<service::OrgSyncSettings>> orgs = service::ListOrgSyncSettings(**store);
  if (!orgs) return PrintError(std::cerr, orgs.error());
  const auto enabled =
      std::count_if(orgs->begin(), orgs->end(),
                    [](const service::OrgSyncSettings& entry) { return entry.settings.enabled; });
  std::cout << fmt::format(
                   "rollcall serve: running the daily drop-folder syncs ({} of {} orgs enabled; "
                   "checked every {} s, daily times in the server's local time).\n"
                   "The HTTP API is not there yet: --listen {} is accepted but nothing listens "
                   "on it.\nStop with Ctrl-C or SIGTERM.\n",
                   enabled, orgs->size(), args.interval_seconds, args.listen)
            << std::flush;
  UseStderrLogger();
  InstallStopHandlers();
  service::SchedulerEnvironment environment;
  environment.wait = WaitUnlessStopped;
  environment.interval = std::chrono::seconds(args.interval_seconds);
  spdlog::info("scheduler started");
  service::RunScheduler(**store, *schema, *settings, *key, environment);
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ServeArguments>();
  CLI::App* command =
      app.add_subcommand("serve", "Run the daily drop-folder syncs (the HTTP API comes later)");
  command->add_option("--listen", args->listen, "Address of the HTTP API (not served yet)")
      ->capture_default_str();
  command
      ->add_option("--interval", args->interval_seconds, "Seconds between two checks for due syncs")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  AddDatabaseOption(*command, args->db);
  AddConfigOption(*command, args->config);
  command->callback([args, &exit_code] { exit_code = RunServe(*args); });
}

}  // namespace rollcall::cli
