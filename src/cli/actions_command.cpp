// `rollcall actions`: run a Brightspace-style action file (CREATE, UPDATE, DELETE, ENROLL,
// UNENROLL, IMPORT per line) against an org. Without --apply it shows, line by line, what the
// file would do; with --apply it applies the lines when nothing blocks, and writes the result
// protocol (--report) and credential letters (--letters) of the accounts it created.
#include "cli/actions_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include "cli/common_options.hpp"
#include "cli/database_options.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "report/letters.hpp"
#include "service/actions_service.hpp"
#include "service/org_lock.hpp"

namespace rollcall::cli {
namespace {

struct ActionsArguments {
  std::string file;
  std::size_t sheet = 1;
  service::ActionsRequest request;
  std::string report;
  std::string letters;
  bool apply = false;
  std::string db;
  std::string config;
  OutputOptions output;
};

// Shows the result: the report file, then the summary on stdout.
int Finish(const ActionsArguments& args, const service::ActionsAnalysis& analysis,
           const apply::ApplyResult* applied, bool reanalysed) {
  const Language language = args.output.language();
  const std::string state = applied != nullptr           ? "applied"
                            : analysis.plan.plan.blocked ? "blocked"
                                                         : "analyzed";
  if (!args.report.empty()) {
    Status written =
        report::WriteReport(args.report, service::ActionsReport(analysis, applied, language));
    if (!written) return PrintError(std::cerr, written.error());
  }
  if (args.output.json) {
    nlohmann::ordered_json summary = service::ActionsSummaryJson(analysis, state);
    if (applied != nullptr) summary["written"] = applied->entities_written;
    if (args.apply) summary["reanalysed"] = reanalysed;
    PrintJson(std::cout, summary);
  } else {
    if (reanalysed) {
      std::cout << "The directory changed since the first analysis; the file was analysed "
                   "again.\n";
    }
    std::cout << service::ActionsSummaryText(analysis, state, language);
    if (applied != nullptr) {
      std::cout << fmt::format("  applied: {} changes written\n", applied->entities_written);
    }
  }
  return analysis.plan.plan.blocked ? kExitBlocked : kExitOk;
}

int RunDryRun(const ActionsArguments& args, directory::Store& store, const mapping::Schema& schema,
              const service::Clock& clock) {
  Result<service::AccountSettings> settings =
      service::LoadAccountSettings(ConfigPathFor(args.config), DatabaseUrl(args.db));
  if (!settings) return PrintError(std::cerr, settings.error());
  Result<service::ActionsAnalysis> analysis =
      service::AnalyzeActions(store, schema, args.request, clock);
  if (!analysis) return PrintError(std::cerr, analysis.error());
  if (Status predicted = service::PredictLogins(store, analysis->plan.plan, settings->login);
      !predicted) {
    return PrintError(std::cerr, predicted.error());
  }
  if (Status saved = service::SaveActionsDraft(store, *analysis, args.request, clock); !saved) {
    return PrintError(std::cerr, saved.error());
  }
  return Finish(args, *analysis, nullptr, false);
}

int RunApply(const ActionsArguments& args, directory::Store& store, const mapping::Schema& schema,
             const service::Clock& clock) {
  Result<service::AccountSettings> settings =
      service::LoadAccountSettings(ConfigPathFor(args.config), DatabaseUrl(args.db));
  if (!settings) return PrintError(std::cerr, settings.error());
  Result<apply::SecretKey> key = service::LoadOrCreateSecretKey(settings->secret_key_file);
  if (!key) return PrintError(std::cerr, key.error());
  const service::StageListener progress = [](const std::string& stage) {
    if (::isatty(STDERR_FILENO) != 0) std::cerr << "rollcall: " << stage << "…\n";
  };
  Result<service::AppliedActions> outcome = service::AnalyzeAndApplyActions(
      store, schema, args.request, clock, *settings, *key, progress);
  if (!outcome) return PrintError(std::cerr, outcome.error());
  const apply::ApplyResult* applied = outcome->applied ? &*outcome->applied : nullptr;
  if (!args.letters.empty() && applied != nullptr) {
    Status written = report::WriteCredentialLetters(
        args.letters, service::LettersOf(outcome->analysis.plan.plan, *applied),
        report::LetterOptions{args.output.language(), outcome->analysis.org.name,
                              settings->first_login_url});
    if (!written) return PrintError(std::cerr, written.error());
  }
  return Finish(args, outcome->analysis, applied, outcome->reanalysed);
}

int RunActions(ActionsArguments& args) {
  args.request.file = args.file;
  args.request.sheet_index = args.sheet - 1;
  Result<mapping::Schema> schema = LoadSchemaFor(args.config);
  if (!schema) return PrintError(std::cerr, schema.error());
  Result<std::unique_ptr<directory::Store>> store = OpenDatabase(args.db);
  if (!store) return PrintError(std::cerr, store.error());
  const service::Clock clock = service::Clock::System();
  return args.apply ? RunApply(args, **store, *schema, clock)
                    : RunDryRun(args, **store, *schema, clock);
}

}  // namespace

void AddActionsCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ActionsArguments>();
  CLI::App* command = app.add_subcommand(
      "actions", "Run an action file (CREATE, UPDATE, DELETE, ENROLL, UNENROLL, IMPORT per line)");
  command->add_option("FILE", args->file, "The action file (.csv, .txt, .xlsx, .ods, .xls)")
      ->required();
  command->add_option("--org", args->request.org_code, "Org code")->required();
  command->add_option("--sheet", args->sheet, "Spreadsheets: the sheet, from 1")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  command->add_option("--source", args->request.source, "Source that owns what the actions create")
      ->capture_default_str();
  command->add_option("--period", args->request.period,
                      "School year of the org units (groups) named (default: current)");
  command
      ->add_option("--retention-days", args->request.retention_days,
                   "DELETE: days a pending-deletion account is kept")
      ->check(CLI::Range(0, 3650))
      ->capture_default_str();
  command->add_flag("--skip-invalid-rows", args->request.skip_invalid_rows,
                    "Apply the valid lines and report the others");
  command->add_option("--report", args->report,
                      "Write the per-line preview (or with --apply the result) as CSV or XLSX");
  command->add_flag("--apply", args->apply, "Apply the lines when nothing blocks them");
  command->add_option("--letters", args->letters,
                      "With --apply: write the credential letters (HTML) of created accounts");
  AddDatabaseOption(*command, args->db);
  AddConfigOption(*command, args->config);
  AddOutputOptions(*command, args->output);
  command->callback([args, &exit_code] { exit_code = RunActions(*args); });
}

}  // namespace rollcall::cli
