// `rollcall import`: analyse files against the directory and show the plan (DESIGN.md §5).
// Without --apply it writes nothing but the draft import (its files and request kept, for
// `rollcall imports`); with --apply it applies the plan when nothing blocks, and writes the
// result protocol (--report) and credential letters (--letters).
#include "cli/import_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include "cli/common_options.hpp"
#include "cli/database_options.hpp"
#include "cli/decision_options.hpp"
#include "cli/exit_codes.hpp"
#include "cli/import_render.hpp"
#include "cli/output.hpp"
#include "cli/terminal_job.hpp"
#include "report/report_table.hpp"
#include "service/apply_service.hpp"
#include "service/import_summary.hpp"
#include "service/imports.hpp"

namespace rollcall::cli {
namespace {

struct ImportArguments {
  std::string org;
  std::string source = "csv";
  std::string period;
  std::string mode = "add";
  std::vector<std::string> files;
  DecisionArguments decisions;
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
  service::ImportFile file;
  file.path = text;
  const std::size_t colon = text.rfind(':');
  if (colon != std::string::npos && colon > 0 && schema.ProfileNamed(text.substr(colon + 1))) {
    file.path = text.substr(0, colon);
    file.profile = text.substr(colon + 1);
  }
  return file;
}

Result<service::ImportRequest> MakeRequest(const ImportArguments& args,
                                           const mapping::Schema& schema) {
  service::ImportRequest request;
  request.org_code = args.org;
  request.source = args.source;
  request.period = args.period;
  request.mode = plan::ParseMode(args.mode).value_or(plan::Mode::kAdd);
  for (const std::string& file : args.files) request.files.push_back(ParseFile(schema, file));
  request.ignore_unmapped_groups = args.ignore_unmapped_groups;
  request.school_year_change = args.school_year_change;
  request.retention_days = args.retention_days;
  request.skip_invalid_rows = args.skip_invalid_rows;
  Result<std::vector<service::Decision>> decisions = ParseDecisions(args.decisions);
  if (!decisions) return decisions.error();
  if (Status decided = service::ApplyDecisions(request, *decisions); !decided) {
    return decided.error();
  }
  return request;
}

int RunDryRun(const ImportArguments& args, const service::Deployment& deployment,
              directory::Store& store, service::ImportRequest request) {
  Result<service::Draft> draft = service::CreateImport(deployment, store, std::move(request));
  if (!draft) return PrintError(std::cerr, draft.error());
  service::Analysis& analysis = draft->analysis;
  if (Status predicted = service::PredictLogins(store, analysis.plan, deployment.settings().login);
      !predicted) {
    return PrintError(std::cerr, predicted.error());
  }
  const std::string state = DraftState(*draft);
  if (!args.report.empty()) {
    Result<std::vector<std::filesystem::path>> written = report::WriteReports(
        args.report, service::ImportReport(analysis, nullptr, args.output.language()));
    if (!written) return PrintError(std::cerr, written.error());
  }
  if (args.output.json) {
    PrintJson(std::cout, service::ImportSummaryJson(analysis, state));
  } else {
    std::cout << service::ImportSummaryText(analysis, state, args.output.language());
    std::cout << fmt::format(
        "  kept as a draft: `rollcall imports show {0} --rows`, `rollcall imports decide {0} …`, "
        "`rollcall imports apply {0}`\n",
        analysis.import_id);
  }
  return analysis.plan.blocked ? kExitBlocked : kExitOk;
}

int RunApply(const ImportArguments& args, const service::Deployment& deployment,
             directory::Store& store, service::ImportRequest request) {
  const TerminalJob job;
  Result<service::AppliedDraft> outcome =
      service::CreateAndApplyImport(deployment, store, std::move(request), job.control());
  if (!outcome) return PrintError(std::cerr, outcome.error());
  return RenderApplied(deployment, *outcome, ApplyOutputs{args.report, args.letters}, args.output);
}

int RunImport(const ImportArguments& args) {
  Result<std::shared_ptr<service::Deployment>> deployment = LoadDeployment(args.config, args.db);
  if (!deployment) return PrintError(std::cerr, deployment.error());
  Result<service::ImportRequest> request = MakeRequest(args, (*deployment)->schema());
  if (!request) return PrintError(std::cerr, request.error());
  Result<std::unique_ptr<directory::Store>> store = (*deployment)->OpenStore();
  if (!store) return PrintError(std::cerr, store.error());
  return args.apply ? RunApply(args, **deployment, **store, std::move(request).value())
                    : RunDryRun(args, **deployment, **store, std::move(request).value());
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
  AddFileDecisionOptions(*command, args->decisions, /*drafts_only=*/false);
  AddRowDecisionOptions(*command, args->decisions, /*drafts_only=*/false);
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
