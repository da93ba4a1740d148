#include "cli/import_render.hpp"

#include <fmt/format.h>

#include <iostream>

#include "cli/exit_codes.hpp"
#include "report/letters.hpp"
#include "service/apply_service.hpp"
#include "service/import_summary.hpp"

namespace rollcall::cli {
namespace {

// "create 3 → 5" for each count that moved between two summaries.
std::string MovedCounts(const std::string& before_json, const nlohmann::ordered_json& after) {
  const nlohmann::json before = nlohmann::json::parse(before_json, nullptr, false);
  std::string text;
  if (!after.contains("counts")) return text;
  for (const auto& [operation, count] : after["counts"].items()) {
    const std::size_t was =
        before.is_object() && before.contains("counts") ? before["counts"].value(operation, 0) : 0;
    const std::size_t now = count.get<std::size_t>();
    if (was != now) text += fmt::format("  {:<10} {:>8} → {}\n", operation, was, now);
  }
  return text;
}

int RenderStale(const service::AppliedDraft& outcome, const OutputOptions& output) {
  const service::Analysis& analysis = outcome.draft.analysis;
  const std::string state = DraftState(outcome.draft);
  nlohmann::ordered_json summary = service::ImportSummaryJson(analysis, state);
  if (output.json) {
    nlohmann::ordered_json json = summary;
    json["stale"] = true;
    const nlohmann::json before =
        nlohmann::json::parse(outcome.before_summary_json, nullptr, false);
    json["before"] = before.is_object() && before.contains("counts") ? before["counts"]
                                                                     : nlohmann::json::object();
    PrintJson(std::cout, json);
  } else {
    std::cout << fmt::format(
        "The directory changed since this plan was made, or nobody has reviewed it yet: nothing "
        "was written. Import {} was analysed again; review it, then apply it again.\n",
        analysis.import_id);
    const std::string moved = MovedCounts(outcome.before_summary_json, summary);
    if (!moved.empty()) std::cout << "What changed in the plan:\n" << moved;
    std::cout << service::ImportSummaryText(analysis, state, output.language());
  }
  return kExitStale;
}

}  // namespace

std::string DraftState(const service::Draft& draft) {
  if (draft.record.state == directory::ImportState::kApplied) return "applied";
  return draft.analysis.plan.blocked ? "blocked" : "analyzed";
}

int RenderApplied(const service::Deployment& deployment, const service::AppliedDraft& outcome,
                  const ApplyOutputs& outputs, const OutputOptions& output) {
  if (outcome.stale) return RenderStale(outcome, output);
  const service::Analysis& analysis = outcome.draft.analysis;
  const std::string state = outcome.applied ? "applied" : "blocked";
  const Language language = output.language();
  // After the commit a failure to write a file loses nothing: say so, and how to get it again.
  const auto after_commit = [&](const Error& error) {
    const int code = PrintError(std::cerr, error);
    if (!outcome.applied) return code;
    std::cerr << fmt::format(
        "rollcall: import {} WAS applied. Get the credentials again with `rollcall credentials "
        "{} --report FILE` (kept {} days).\n",
        analysis.import_id, analysis.import_id, deployment.settings().credential_retention_days);
    return code;
  };
  if (!outputs.report.empty()) {
    Result<std::vector<std::filesystem::path>> written = report::WriteReports(
        outputs.report,
        service::ImportReport(analysis, outcome.applied ? &*outcome.applied : nullptr, language));
    if (!written) return after_commit(written.error());
  }
  if (!outputs.letters.empty() && outcome.applied) {
    Status written = report::WriteCredentialLetters(
        outputs.letters, service::LettersOf(analysis.plan, *outcome.applied),
        report::LetterOptions{language, analysis.org.name, deployment.settings().first_login_url});
    if (!written) return after_commit(written.error());
  }
  if (output.json) {
    nlohmann::ordered_json summary = service::ImportSummaryJson(analysis, state);
    if (outcome.applied) summary["written"] = outcome.applied->entities_written;
    summary["reanalysed"] = outcome.reanalysed;
    PrintJson(std::cout, summary);
  } else {
    if (outcome.reanalysed) {
      std::cout << "The directory changed since the first analysis; the files were analysed "
                   "again.\n";
    }
    std::cout << service::ImportSummaryText(analysis, state, language);
    if (outcome.applied) {
      std::cout << fmt::format("  applied: {} changes written\n",
                               outcome.applied->entities_written);
      const bool created = analysis.plan.counts.by_operation.at("create") > 0;
      if (created && outputs.report.empty() && outputs.letters.empty()) {
        std::cout << fmt::format(
            "  initial credentials: `rollcall credentials {} --report FILE` (kept {} days)\n",
            analysis.import_id, deployment.settings().credential_retention_days);
      }
    }
  }
  return outcome.applied ? kExitOk : kExitBlocked;
}

}  // namespace rollcall::cli
