// What a folder sync tells people: the one-line outcome kept in the sync settings, the JSON of
// `rollcall sync --json`, and the text report.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "service/folder_sync.hpp"

namespace rollcall::service {
namespace {

bool IsUserFile(const SyncedFile& file) {
  return file.path.find("/user_role/") == std::string::npos;
}

bool FileNeedsAttention(const SyncedFile& file) {
  switch (file.outcome) {
    case FileOutcome::kApplied:
    case FileOutcome::kAnalyzed:
      return false;
    case FileOutcome::kBlocked:
    case FileOutcome::kFailed:
      return true;
    case FileOutcome::kNotProcessed:
      return IsUserFile(file);  // role files wait for `rollcall roles sync` on purpose
  }
  return true;
}

// "create 2, update 1, unchanged 40" from an import summary; only the non-zero counts.
std::string CountsText(const nlohmann::ordered_json& summary) {
  if (!summary.is_object() || !summary.contains("counts")) return "";
  std::string text;
  for (const auto& [operation, count] : summary["counts"].items()) {
    if (count.get<std::size_t>() == 0) continue;
    text += fmt::format("{}{} {}", text.empty() ? "" : ", ", operation, count.get<std::size_t>());
  }
  return text.empty() ? "no rows" : text;
}

}  // namespace

bool FolderSyncResult::NeedsAttention() const {
  if (!refused.empty()) return true;
  return std::any_of(files.begin(), files.end(), FileNeedsAttention);
}

std::string FolderSyncResult::Outcome() const {
  std::map<std::string_view, std::size_t> counts;
  for (const SyncedFile& file : files) ++counts[FileOutcomeName(file.outcome)];
  std::string text;
  for (const auto& [name, count] : counts) {
    text += fmt::format("{}{} {}", text.empty() ? "" : ", ", count, name);
  }
  if (!refused.empty()) {
    text += fmt::format("{}{} refused", text.empty() ? "" : ", ", refused.size());
  }
  if (text.empty()) return "ok: nothing to do";
  return fmt::format("{}: {}", NeedsAttention() ? "attention" : "ok", text);
}

nlohmann::ordered_json FolderSyncJson(const FolderSyncResult& result) {
  nlohmann::ordered_json json;
  json["org"] = result.org_code;
  json["folder"] = result.folder.string();
  json["apply"] = result.apply;
  json["outcome"] = result.Outcome();
  json["archive"] = result.stamp.empty() ? "" : "archive/" + result.stamp;
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const SyncedFile& file : result.files) {
    nlohmann::ordered_json entry;
    entry["path"] = file.path;
    entry["profile"] = file.profile;
    entry["outcome"] = FileOutcomeName(file.outcome);
    entry["note"] = file.note;
    entry["archived"] = file.archived;
    entry["report"] = file.report;
    entry["import"] = file.summary;
    files.push_back(std::move(entry));
  }
  json["files"] = std::move(files);
  json["refused"] = result.refused;
  return json;
}

std::string FolderSyncText(const FolderSyncResult& result) {
  std::string text = fmt::format("{} of {} for org {}: {}\n", result.apply ? "Sync" : "Dry run",
                                 result.folder.string(), result.org_code, result.Outcome());
  for (const SyncedFile& file : result.files) {
    text += fmt::format("  {}{}: {}", file.path,
                        file.profile.empty() ? "" : fmt::format(" ({})", file.profile),
                        FileOutcomeName(file.outcome));
    const std::string counts = CountsText(file.summary);
    if (!counts.empty()) text += " — " + counts;
    if (!file.note.empty()) text += " — " + file.note;
    text += '\n';
    if (!file.report.empty()) text += fmt::format("    report: {}\n", file.report);
    if (file.summary.is_object() && file.outcome == FileOutcome::kApplied) {
      text += fmt::format("    import {}\n", file.summary.value("import_id", ""));
    }
  }
  for (const std::string& refused : result.refused) text += fmt::format("  refused {}\n", refused);
  if (!result.apply && !result.files.empty()) {
    text += "Nothing was written or moved; run again with --apply to import and archive.\n";
  }
  return text;
}

}  // namespace rollcall::service
