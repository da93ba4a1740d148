// `rollcall import`: analyse files against the directory and show the plan (DESIGN.md §5).
// Without --apply it writes nothing but the draft import; with --apply it applies the plan when
// nothing blocks, and writes the result protocol (--report) and credential letters (--letters).
#include "cli/import_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include "cli/common_options.hpp"
#include "cli/database_options.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "report/letters.hpp"
#include "service/apply_service.hpp"
#include "service/import_service.hpp"
#include "service/import_summary.hpp"
#include "service/org_lock.hpp"

namespace rollcall::cli {
namespace {

struct ImportArguments {
  std::string org;
  std::string source = "csv";
  std::string period;
  std::string mode = "add";
  std::vector<std::string> files;
  std::vector<std::string> maps;
  std::vector<std::string> groups;
  bool ignore_unmapped_groups = false;
  bool school_year_change = false;
  int retention_days = 90;
  bool skip_invalid_rows = false;
  std::string report;
  std::string letters;
  bool apply = false;
  std::string db;
  std::string config;
  OutputOptions output;
};

// FILE[:PROFILE]: the suffix is a profile only when the schema knows it.
service::ImportFile ParseFile(const mapping::Schema& schema, const std::string& text) {
  const std::size_t colon = text.rfind(':');
  if (colon != std::string::npos && colon > 0 && schema.ProfileNamed(text.substr(colon + 1))) {
    return service::ImportFile{text.substr(0, colon), text.substr(colon + 1), {}, 0};
  }
  return service::ImportFile{text, "", {}, 0};
}

// --map FILE:COLUMN=FIELD, FILE being the file's name, path, or 1-based number.
Status AddOverride(const std::string& text, std::vector<service::ImportFile>& files) {
  const std::size_t colon = text.find(':');
  if (colon == std::string::npos) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("--map '{}': expected FILE:COLUMN=FIELD", text));
  }
  const std::string file = text.substr(0, colon);
  Result<mapping::ColumnOverride> choice = ParseColumnOverride(text.substr(colon + 1));
  if (!choice) return choice.error();
  for (std::size_t file_idx = 0; file_idx < files.size(); ++file_idx) {
    const bool named = files[file_idx].path.string() == file ||
                       files[file_idx].path.filename().string() == file ||
                       std::to_string(file_idx + 1) == file;
    if (named) {
      files[file_idx].overrides.push_back(*choice);
      return {};
    }
  }
  return MakeError(ErrorCode::kInvalidArgument, fmt::format("--map: no file '{}'", file));
}

Result<std::pair<std::string, plan::GroupDecision>> ParseGroup(const std::string& text) {
  const std::size_t equals = text.rfind('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("--group '{}': expected NAME=create|ignore|GROUP", text));
  }
  const std::string value = text.substr(equals + 1);
  plan::GroupDecision decision;
  if (value == "ignore") {
    decision.kind = plan::GroupDecision::Kind::kIgnore;
  } else if (value != "create") {
    decision.kind = plan::GroupDecision::Kind::kExisting;
    decision.existing = value;
  }
  return std::pair{text.substr(0, equals), decision};
}

Result<service::ImportRequest> MakeRequest(const ImportArguments& args,
                                           const mapping::Schema& schema) {
  service::ImportRequest request;
  request.org_code = args.org;
  request.source = args.source;
  request.period = args.period;
  request.mode = plan::ParseMode(args.mode).value_or(plan::Mode::kAdd);
  for (const std::string& file : args.files) request.files.push_back(ParseFile(schema, file));
  for (const std::string& map : args.maps) {
    if (Status added = AddOverride(map, request.files); !added) return added.error();
  }
  for (const std::string& group : args.groups) {
    Result<std::pair<std::string, plan::GroupDecision>> decision = ParseGroup(group);
    if (!decision) return decision.error();
    request.groups[decision->first] = decision->second;
  }
  request.ignore_unmapped_groups = args.ignore_unmapped_groups;
  request.school_year_change = args.school_year_change;
  request.retention_days = args.retention_days;
  request.skip_invalid_rows = args.skip_invalid_rows;
  return request;
}

int RunDryRun(const ImportArguments& args, directory::Store& store, const mapping::Schema& schema,
              const service::ImportRequest& request, const service::Clock& clock) {
  Result<service::AccountSettings> settings =
      service::LoadAccountSettings(ConfigPathFor(args.config), DatabaseUrl(args.db));
  if (!settings) return PrintError(std::cerr, settings.error());
  Result<service::Analysis> analysis = service::AnalyzeImport(store, schema, request, clock);
  if (!analysis) return PrintError(std::cerr, analysis.error());
  if (Status predicted = service::PredictLogins(store, analysis->plan, settings->login);
      !predicted) {
    return PrintError(std::cerr, predicted.error());
  }
  const std::string state = analysis->plan.blocked ? "blocked" : "analyzed";
  const nlohmann::ordered_json summary = service::ImportSummaryJson(*analysis, state);
  Result<directory::ImportRecord> saved = service::SaveDraft(
      store, *analysis, request, directory::ImportState::kAnalyzed, summary.dump(), clock);
  if (!saved) return PrintError(std::cerr, saved.error());
  if (!args.report.empty()) {
    Result<std::vector<std::filesystem::path>> written = report::WriteReports(
        args.report, service::ImportReport(*analysis, nullptr, args.output.language()));
    if (!written) return PrintError(std::cerr, written.error());
  }
  if (args.output.json) {
    PrintJson(std::cout, summary);
  } else {
    std::cout << service::ImportSummaryText(*analysis, state, args.output.language());
  }
  return analysis->plan.blocked ? kExitBlocked : kExitOk;
}

int RunApply(const ImportArguments& args, directory::Store& store, const mapping::Schema& schema,
             const service::ImportRequest& request, const service::Clock& clock) {
  Result<service::AccountSettings> settings =
      service::LoadAccountSettings(ConfigPathFor(args.config), DatabaseUrl(args.db));
  if (!settings) return PrintError(std::cerr, settings.error());
  Result<apply::SecretKey> key = service::LoadOrCreateSecretKey(settings->secret_key_file);
  if (!key) return PrintError(std::cerr, key.error());
  // One import at a time per org, whichever process runs it (a sync, another apply).
  Result<service::OrgLockGuard> lock = service::LockOrgForApply(store, request.org_code, clock.now);
  if (!lock) return PrintError(std::cerr, lock.error());
  // A progress line for people at a terminal; scripts and logs get only the result.
  const service::StageListener progress = [](const std::string& stage) {
    if (::isatty(STDERR_FILENO) != 0) std::cerr << "rollcall: " << stage << "…\n";
  };
  Result<service::AppliedImport> outcome =
      service::AnalyzeAndApply(store, schema, request, clock, *settings, *key, progress);
  if (!outcome) return PrintError(std::cerr, outcome.error());
  const service::Analysis& analysis = outcome->analysis;
  const std::string state = outcome->applied ? "applied" : "blocked";
  const Language language = args.output.language();
  if (!args.report.empty()) {
    Result<std::vector<std::filesystem::path>> written =
        report::WriteReports(args.report, service::ResultReport(*outcome, language));
    if (!written) return PrintError(std::cerr, written.error());
  }
  if (!args.letters.empty() && outcome->applied) {
    Status written = report::WriteCredentialLetters(
        args.letters, service::CredentialLetters(*outcome),
        report::LetterOptions{language, analysis.org.name, settings->first_login_url});
    if (!written) return PrintError(std::cerr, written.error());
  }
  if (args.output.json) {
    nlohmann::ordered_json summary = service::ImportSummaryJson(analysis, state);
    if (outcome->applied) summary["written"] = outcome->applied->entities_written;
    summary["reanalysed"] = outcome->reanalysed;
    PrintJson(std::cout, summary);
  } else {
    if (outcome->reanalysed) {
      std::cout << "The directory changed since the first analysis; the files were analysed "
                   "again.\n";
    }
    std::cout << service::ImportSummaryText(analysis, state, language);
    if (outcome->applied) {
      std::cout << fmt::format("  applied: {} changes written\n",
                               outcome->applied->entities_written);
      const bool created = outcome->analysis.plan.counts.by_operation.at("create") > 0;
      if (created && args.report.empty() && args.letters.empty()) {
        std::cout << fmt::format(
            "  initial credentials: `rollcall credentials {} --report FILE` (kept {} days)\n",
            analysis.import_id, settings->credential_retention_days);
      }
    }
  }
  return outcome->applied ? kExitOk : kExitBlocked;
}

int RunImport(const ImportArguments& args) {
  Result<mapping::Schema> schema = LoadSchemaFor(args.config);
  if (!schema) return PrintError(std::cerr, schema.error());
  Result<service::ImportRequest> request = MakeRequest(args, *schema);
  if (!request) return PrintError(std::cerr, request.error());
  Result<std::unique_ptr<directory::Store>> store = OpenDatabase(args.db);
  if (!store) return PrintError(std::cerr, store.error());
  const service::Clock clock = service::Clock::System();
  return args.apply ? RunApply(args, **store, *schema, *request, clock)
                    : RunDryRun(args, **store, *schema, *request, clock);
}

}  // namespace

void AddImportCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ImportArguments>();
  CLI::App* command = app.add_subcommand(
      "import", "Analyse roster files against the directory and show what would change");
  command->add_option("--org", args->org, "Org code (e.g. the school's UAI)")->required();
  command->add_option("FILES", args->files, "FILE[:PROFILE] ...")->required();
  command->add_option("--source", args->source, "Source that owns the data")->capture_default_str();
  command->add_option("--period", args->period, "School year, e.g. 2026-2027 (default: current)");
  command->add_option("--mode", args->mode, "add, sync, create-only or update-only")
      ->check(CLI::IsMember({"add", "sync", "create-only", "update-only"}))
      ->capture_default_str();
  command->add_option("--map", args->maps, "FILE:COLUMN=FIELD or FILE:COLUMN=ignore");
  command->add_option("--group", args->groups, "NAME=create, NAME=ignore or NAME=EXISTING_GROUP");
  command->add_flag("--ignore-unmapped-groups", args->ignore_unmapped_groups,
                    "Ignore groups that do not exist instead of creating them");
  command->add_flag("--school-year-change", args->school_year_change,
                    "Archive the groups of other periods");
  command
      ->add_option("--retention-days", args->retention_days,
                   "Days a pending-deletion account is kept")
      ->check(CLI::Range(0, 3650))
      ->capture_default_str();
  command->add_flag("--skip-invalid-rows", args->skip_invalid_rows,
                    "Plan the valid rows and report the others");
  command->add_option("--report", args->report,
                      "Write the preview (or with --apply the result protocol) as CSV or XLSX");
  command->add_flag("--apply", args->apply, "Apply the plan when nothing blocks it");
  command->add_option("--letters", args->letters,
                      "With --apply: write the credential letters (HTML) of created accounts");
  AddDatabaseOption(*command, args->db);
  AddConfigOption(*command, args->config);
  AddOutputOptions(*command, args->output);
  command->callback([args, &exit_code] { exit_code = RunImport(*args); });
}

}  // namespace rollcall::cli
