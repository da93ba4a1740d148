// `rollcall imports`: the imports kept in the store, and the work on a draft (issue 13) —
// list, show (row by row), decide, apply, cancel, report. Every subcommand calls the import
// service and renders what it returns.
#include "cli/imports_command.hpp"

#include <fmt/format.h>

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
#include "service/import_rows.hpp"
#include "service/import_summary.hpp"
#include "service/imports.hpp"

namespace rollcall::cli {
namespace {

struct ImportsArguments {
  std::string import_id;
  std::string org;
  std::string state;
  bool rows = false;
  DecisionArguments decisions;
  std::string kind = "preview";
  std::string out;
  std::string report;
  std::string letters;
  std::string db;
  std::string config;
  OutputOptions output;
};

// The deployment and a store, or the exit code of why not.
struct Session {
  std::shared_ptr<service::Deployment> deployment;
  std::unique_ptr<directory::Store> store;
};
Result<Session> Open(const ImportsArguments& args) {
  Result<std::shared_ptr<service::Deployment>> deployment = LoadDeployment(args.config, args.db);
  if (!deployment) return deployment.error();
  Result<std::unique_ptr<directory::Store>> store = (*deployment)->OpenStore();
  if (!store) return store.error();
  return Session{std::move(deployment).value(), std::move(store).value()};
}

nlohmann::ordered_json RecordJson(const directory::ImportRecord& record, const std::string& org) {
  nlohmann::ordered_json json{{"import_id", record.id},
                              {"kind", record.kind},
                              {"org", org},
                              {"source", record.source},
                              {"period", record.period},
                              {"state", directory::ImportStateName(record.state)},
                              {"created_at", record.created_at},
                              {"updated_at", record.updated_at}};
  const nlohmann::json summary = nlohmann::json::parse(record.summary_json, nullptr, false);
  json["counts"] = summary.is_object() && summary.contains("counts") ? summary["counts"]
                                                                     : nlohmann::json::object();
  return json;
}

int RunList(const ImportsArguments& args) {
  Result<Session> session = Open(args);
  if (!session) return PrintError(std::cerr, session.error());
  std::optional<directory::ImportState> state;
  if (!args.state.empty()) {
    state = directory::ParseImportState(args.state);
    if (!state) {
      return PrintError(std::cerr, Error{ErrorCode::kInvalidArgument,
                                         fmt::format("unknown state '{}'", args.state)});
    }
  }
  Result<std::vector<directory::ImportRecord>> imports =
      service::ListImports(*session->store, args.org, state);
  if (!imports) return PrintError(std::cerr, imports.error());
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const directory::ImportRecord& record : *imports) {
    Result<std::string> org = service::OrgCodeOf(*session->store, record.org);
    if (!org) return PrintError(std::cerr, org.error());
    list.push_back(RecordJson(record, *org));
  }
  if (args.output.json) {
    PrintJson(std::cout, list);
    return kExitOk;
  }
  if (list.empty()) std::cout << "No imports.\n";
  for (const nlohmann::ordered_json& entry : list) {
    std::string counts;
    for (const auto& [operation, count] : entry["counts"].items()) {
      if (count.get<std::size_t>() != 0) counts += fmt::format(" {} {}", operation, count.dump());
    }
    std::cout << fmt::format("{}  {:<9} {:<10} {:<10} {}  {}{}\n",
                             entry["import_id"].get<std::string>(),
                             entry["kind"].get<std::string>(), entry["state"].get<std::string>(),
                             entry["org"].get<std::string>(), entry["period"].get<std::string>(),
                             entry["created_at"].get<std::string>(), counts);
  }
  return kExitOk;
}

int PrintDraft(const service::Deployment& deployment, directory::Store& store,
               service::Draft& draft, const ImportsArguments& args) {
  service::Analysis& analysis = draft.analysis;
  if (Status predicted = service::PredictLogins(store, analysis.plan, deployment.settings().login);
      !predicted) {
    return PrintError(std::cerr, predicted.error());
  }
  const std::string state(directory::ImportStateName(draft.record.state));
  const Language language = args.output.language();
  if (args.output.json) {
    nlohmann::ordered_json json = service::ImportSummaryJson(analysis, DraftState(draft));
    json["state"] = state;
    json["blocked"] = analysis.plan.blocked;
    if (args.rows) json["rows"] = service::ImportRowsJson(analysis, language);
    PrintJson(std::cout, json);
  } else {
    std::cout << service::ImportSummaryText(analysis, state, language);
    if (args.rows) std::cout << service::ImportRowsText(analysis, language);
  }
  return analysis.plan.blocked ? kExitBlocked : kExitOk;
}

int RunShow(const ImportsArguments& args) {
  Result<Session> session = Open(args);
  if (!session) return PrintError(std::cerr, session.error());
  Result<std::optional<directory::ImportRecord>> record =
      session->store->FindImport(args.import_id);
  if (!record) return PrintError(std::cerr, record.error());
  if (!*record) {
    return PrintError(std::cerr,
                      Error{ErrorCode::kNotFound, fmt::format("no import '{}'", args.import_id)});
  }
  if (!service::IsDraft((*record)->state) || (*record)->kind != directory::kUserFiles) {
    // What was applied (or given up) stands as it was summarised: analysing its files again
    // against today's directory would show another plan.
    Result<std::string> org = service::OrgCodeOf(*session->store, (*record)->org);
    if (!org) return PrintError(std::cerr, org.error());
    nlohmann::ordered_json json = RecordJson(**record, *org);
    if (args.output.json) {
      PrintJson(std::cout, json);
    } else {
      std::cout << fmt::format("Import {} ({}) for {}, period {}: {}\n", (*record)->id,
                               (*record)->kind, *org, (*record)->period,
                               directory::ImportStateName((*record)->state));
      for (const auto& [operation, count] : json["counts"].items()) {
        std::cout << fmt::format("  {:<10} {:>8}\n", operation, count.dump());
      }
    }
    return kExitOk;
  }
  Result<service::Draft> draft =
      service::OpenImport(*session->deployment, *session->store, args.import_id);
  if (!draft) return PrintError(std::cerr, draft.error());
  return PrintDraft(*session->deployment, *session->store, *draft, args);
}

int RunDecide(const ImportsArguments& args) {
  Result<std::vector<service::Decision>> decisions = ParseDecisions(args.decisions);
  if (!decisions) return PrintError(std::cerr, decisions.error());
  Result<Session> session = Open(args);
  if (!session) return PrintError(std::cerr, session.error());
  Result<service::Draft> draft =
      service::DecideImport(*session->deployment, *session->store, args.import_id, *decisions);
  if (!draft) return PrintError(std::cerr, draft.error());
  return PrintDraft(*session->deployment, *session->store, *draft, args);
}

int RunApply(const ImportsArguments& args) {
  Result<Session> session = Open(args);
  if (!session) return PrintError(std::cerr, session.error());
  const TerminalJob job;
  Result<service::AppliedDraft> outcome =
      service::ApplyImport(*session->deployment, *session->store, args.import_id, job.control());
  if (!outcome) return PrintError(std::cerr, outcome.error());
  return RenderApplied(*session->deployment, *outcome, ApplyOutputs{args.report, args.letters},
                       args.output);
}

int RunCancel(const ImportsArguments& args) {
  Result<Session> session = Open(args);
  if (!session) return PrintError(std::cerr, session.error());
  Result<directory::ImportRecord> cancelled =
      service::CancelImport(*session->deployment, *session->store, args.import_id);
  if (!cancelled) return PrintError(std::cerr, cancelled.error());
  if (args.output.json) {
    PrintJson(std::cout, {{"import_id", cancelled->id}, {"state", "cancelled"}});
  } else {
    std::cout << fmt::format("Import {} cancelled.\n", cancelled->id);
  }
  return kExitOk;
}

int RunReport(const ImportsArguments& args) {
  if (args.kind != "preview") {
    return PrintError(
        std::cerr,
        Error{ErrorCode::kInvalidArgument,
              "the result protocol is written when the import is applied (--report); its "
              "credentials can be written again with `rollcall credentials ID --report FILE`"});
  }
  Result<Session> session = Open(args);
  if (!session) return PrintError(std::cerr, session.error());
  Result<service::Draft> draft =
      service::OpenImport(*session->deployment, *session->store, args.import_id);
  if (!draft) return PrintError(std::cerr, draft.error());
  if (Status predicted = service::PredictLogins(*session->store, draft->analysis.plan,
                                                session->deployment->settings().login);
      !predicted) {
    return PrintError(std::cerr, predicted.error());
  }
  Result<std::vector<std::filesystem::path>> written = report::WriteReports(
      args.out, service::ImportReport(draft->analysis, nullptr, args.output.language()));
  if (!written) return PrintError(std::cerr, written.error());
  for (const std::filesystem::path& path : *written) std::cout << path.string() << '\n';
  return kExitOk;
}

CLI::App* AddSubcommand(CLI::App& parent, const std::string& name, const std::string& help,
                        const std::shared_ptr<ImportsArguments>& args, bool takes_id) {
  CLI::App* command = parent.add_subcommand(name, help);
  if (takes_id) command->add_option("ID", args->import_id, "The import's id")->required();
  AddDatabaseOption(*command, args->db);
  AddConfigOption(*command, args->config);
  AddOutputOptions(*command, args->output);
  return command;
}

}  // namespace

void AddImportsCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ImportsArguments>();
  CLI::App* imports = app.add_subcommand(
      "imports", "List imports; show, decide on, apply, cancel or report a stored import");
  imports->add_option("--org", args->org, "Only the imports of this org");
  imports->add_option("--state", args->state,
                      "Only imports in this state (draft, analyzed, applying, applied, failed, "
                      "cancelled, reverted)");
  AddDatabaseOption(*imports, args->db);
  AddConfigOption(*imports, args->config);
  AddOutputOptions(*imports, args->output);
  imports->callback([args, &exit_code, imports] {
    if (imports->get_subcommands().empty()) exit_code = RunList(*args);
  });

  CLI::App* show = AddSubcommand(*imports, "show", "Show a stored import's plan", args, true);
  show->add_flag("--rows", args->rows, "Every row with its operation, changes and messages");
  show->callback([args, &exit_code] { exit_code = RunShow(*args); });

  CLI::App* decide = AddSubcommand(
      *imports, "decide", "Record decisions on a draft, analyse it again and show it", args, true);
  AddFileDecisionOptions(*decide, args->decisions, /*drafts_only=*/true);
  AddRowDecisionOptions(*decide, args->decisions, /*drafts_only=*/true);
  decide->add_flag("--rows", args->rows, "Show every row after deciding");
  decide->callback([args, &exit_code] { exit_code = RunDecide(*args); });

  CLI::App* apply =
      AddSubcommand(*imports, "apply",
                    "Apply a reviewed draft (exit 4 when the directory moved since)", args, true);
  apply->add_option("--report", args->report, "Write the result protocol (CSV or XLSX)");
  apply->add_option("--letters", args->letters, "Write the credential letters (HTML)");
  apply->callback([args, &exit_code] { exit_code = RunApply(*args); });

  CLI::App* cancel = AddSubcommand(*imports, "cancel", "Give up a draft", args, true);
  cancel->callback([args, &exit_code] { exit_code = RunCancel(*args); });

  CLI::App* report =
      AddSubcommand(*imports, "report", "Write a draft's preview report", args, true);
  report->add_option("--kind", args->kind, "preview (result: see `imports apply --report`)")
      ->check(CLI::IsMember({"preview", "result"}));
  report->add_option("--out", args->out, "The report file (CSV or XLSX by extension)")->required();
  report->callback([args, &exit_code] { exit_code = RunReport(*args); });
}

}  // namespace rollcall::cli
