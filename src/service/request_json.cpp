#include "service/request_json.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace rollcall::service {
namespace {

std::string GroupDecisionText(const plan::GroupDecision& decision) {
  switch (decision.kind) {
    case plan::GroupDecision::Kind::kCreate:
      return "create";
    case plan::GroupDecision::Kind::kIgnore:
      return "ignore";
    case plan::GroupDecision::Kind::kExisting:
      break;
  }
  return "=" + decision.existing;
}

plan::GroupDecision ParseGroupDecisionText(const std::string& text) {
  plan::GroupDecision decision;
  if (text == "ignore") {
    decision.kind = plan::GroupDecision::Kind::kIgnore;
  } else if (text != "create") {
    decision.kind = plan::GroupDecision::Kind::kExisting;
    decision.existing = text.starts_with('=') ? text.substr(1) : text;
  }
  return decision;
}

nlohmann::ordered_json FileJson(const ImportFile& file) {
  nlohmann::ordered_json json{{"name", file.DisplayName()},
                              {"hash", file.content_hash},
                              {"size", file.size},
                              {"profile", file.profile},
                              {"sheet", file.sheet_index}};
  if (file.header) json["header"] = *file.header;
  for (const mapping::ColumnOverride& choice : file.overrides) {
    json["map"].push_back({choice.column, choice.field});
  }
  return json;
}

ImportFile ParseFile(const nlohmann::json& json) {
  ImportFile file;
  file.name = json.at("name").get<std::string>();
  file.content_hash = json.value("hash", "");
  file.size = json.value("size", std::uint64_t{0});
  file.profile = json.value("profile", "");
  file.sheet_index = json.value("sheet", std::size_t{0});
  if (json.contains("header")) file.header = json.at("header").get<bool>();
  if (json.contains("map")) {
    for (const nlohmann::json& pair : json.at("map")) {
      file.overrides.push_back({pair.at(0).get<std::string>(), pair.at(1).get<std::string>()});
    }
  }
  return file;
}

}  // namespace

std::string RequestJson(const ImportRequest& request, const std::string& period) {
  nlohmann::ordered_json json;
  json["org"] = request.org_code;
  json["source"] = request.source;
  json["period"] = period;
  json["mode"] = plan::ModeName(request.mode);
  json["files"] = nlohmann::ordered_json::array();
  for (const ImportFile& file : request.files) json["files"].push_back(FileJson(file));
  json["groups"] = nlohmann::ordered_json::object();
  for (const auto& [name, decision] : request.groups) {
    json["groups"][name] = GroupDecisionText(decision);
  }
  json["ignore_unmapped_groups"] = request.ignore_unmapped_groups;
  json["school_year_change"] = request.school_year_change;
  json["retention_days"] = request.retention_days;
  json["skip_invalid_rows"] = request.skip_invalid_rows;
  json["rows"] = nlohmann::ordered_json::array();
  for (const auto& [where, choice] : request.rows) {
    if (choice.empty()) continue;
    nlohmann::ordered_json row{{"file", where.first}, {"line", where.second}};
    if (choice.exclude) row["exclude"] = true;
    if (!choice.edits.empty()) row["edits"] = choice.edits;
    if (!choice.match.empty()) row["match"] = choice.match;
    json["rows"].push_back(std::move(row));
  }
  json["keep"] = request.keep;
  return json.dump();
}

Result<ImportRequest> ParseRequestJson(const std::string& text) {
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) return MakeError(ErrorCode::kCorrupt, "a stored request is not JSON");
  try {
    ImportRequest request;
    request.org_code = json.value("org", "");
    request.source = json.value("source", "csv");
    request.period = json.value("period", "");
    request.mode = plan::ParseMode(json.value("mode", "add")).value_or(plan::Mode::kAdd);
    for (const nlohmann::json& file : json.value("files", nlohmann::json::array())) {
      request.files.push_back(ParseFile(file));
    }
    const nlohmann::json groups = json.value("groups", nlohmann::json::object());
    for (const auto& [name, decision] : groups.items()) {
      request.groups[name] = ParseGroupDecisionText(decision.get<std::string>());
    }
    request.ignore_unmapped_groups = json.value("ignore_unmapped_groups", false);
    request.school_year_change = json.value("school_year_change", false);
    request.retention_days = json.value("retention_days", 90);
    request.skip_invalid_rows = json.value("skip_invalid_rows", false);
    for (const nlohmann::json& row : json.value("rows", nlohmann::json::array())) {
      RowChoice& choice =
          request.rows[{row.at("file").get<std::size_t>(), row.at("line").get<std::uint32_t>()}];
      choice.exclude = row.value("exclude", false);
      if (row.contains("edits")) {
        choice.edits = row.at("edits").get<std::map<std::string, std::string>>();
      }
      choice.match = row.value("match", "");
    }
    if (json.contains("keep")) request.keep = json.at("keep").get<std::set<std::string>>();
    return request;
  } catch (const nlohmann::json::exception& error) {  // a stored text of the wrong shape
    return MakeError(ErrorCode::kCorrupt,
                     fmt::format("a stored request is malformed: {}", error.what()));
  }
}

}  // namespace rollcall::service
