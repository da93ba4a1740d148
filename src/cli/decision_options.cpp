#include "cli/decision_options.hpp"

#include <fmt/format.h>

#include <charconv>

namespace rollcall::cli {
namespace {

using Kind = service::Decision::Kind;

Error Expected(std::string_view flag, const std::string& text, std::string_view form) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("{} '{}': expected {}", flag, text, form)};
}

std::optional<std::uint32_t> ParseLine(std::string_view text) {
  std::uint32_t line = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), line);
  if (error != std::errc() || end != text.data() + text.size() || line == 0) return std::nullopt;
  return line;
}

// FILE:LINE, the line after the last colon.
Result<service::Decision> ParseRow(Kind kind, std::string_view flag, const std::string& text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return Expected(flag, text, "FILE:LINE");
  const std::optional<std::uint32_t> line = ParseLine(std::string_view(text).substr(colon + 1));
  if (!line) return Expected(flag, text, "FILE:LINE");
  service::Decision decision;
  decision.kind = kind;
  decision.file = text.substr(0, colon);
  decision.line = *line;
  return decision;
}

// NAME=VALUE split at the first `=` (a value may hold one; a name rarely does).
std::optional<std::pair<std::string, std::string>> SplitAssignment(const std::string& text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0) return std::nullopt;
  return std::pair{text.substr(0, equals), text.substr(equals + 1)};
}

Result<service::Decision> ParseEdit(const std::string& text) {
  constexpr std::string_view kForm = "FILE:LINE:COLUMN=VALUE";
  const auto assignment = SplitAssignment(text);
  if (!assignment) return Expected("--edit", text, kForm);
  const std::string& target = assignment->first;
  const std::size_t first = target.find(':');
  const std::size_t second = first == std::string::npos ? first : target.find(':', first + 1);
  if (first == 0 || second == std::string::npos || second + 1 == target.size()) {
    return Expected("--edit", text, kForm);
  }
  const std::optional<std::uint32_t> line =
      ParseLine(std::string_view(target).substr(first + 1, second - first - 1));
  if (!line) return Expected("--edit", text, kForm);
  return service::Decision{Kind::kEdit, target.substr(0, first), *line, target.substr(second + 1),
                           assignment->second};
}

Result<service::Decision> ParseMatch(const std::string& text) {
  const std::size_t equals = text.rfind('=');
  if (equals == std::string::npos || equals + 1 == text.size()) {
    return Expected("--match", text, "FILE:LINE=LOGIN or FILE:LINE=new");
  }
  Result<service::Decision> decision = ParseRow(Kind::kMatch, "--match", text.substr(0, equals));
  if (!decision) return decision.error();
  decision->value = text.substr(equals + 1);
  return decision;
}

// FILE:COLUMN=FIELD, split at the first colon and the last `=`.
Result<service::Decision> ParseMap(const std::string& text) {
  const std::size_t colon = text.find(':');
  const std::size_t equals = text.rfind('=');
  if (colon == std::string::npos || colon == 0 || equals == std::string::npos || equals < colon ||
      equals == colon + 1 || equals + 1 == text.size()) {
    return Expected("--map", text, "FILE:COLUMN=FIELD or FILE:COLUMN=ignore");
  }
  return service::Decision{Kind::kMap, text.substr(0, colon), 0,
                           text.substr(colon + 1, equals - colon - 1), text.substr(equals + 1)};
}

Result<service::Decision> ParseFileSetting(Kind kind, std::string_view flag,
                                           const std::string& text, std::string_view form) {
  const std::size_t equals = text.rfind('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
    return Expected(flag, text, form);
  }
  return service::Decision{kind, text.substr(0, equals), 0, "", text.substr(equals + 1)};
}

Result<service::Decision> ParseGroup(const std::string& text) {
  const std::size_t equals = text.rfind('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
    return Expected("--group", text, "NAME=create, NAME=ignore or NAME=EXISTING_GROUP");
  }
  return service::Decision{Kind::kGroup, "", 0, text.substr(0, equals), text.substr(equals + 1)};
}

}  // namespace

void AddRowDecisionOptions(CLI::App& command, DecisionArguments& args, bool drafts_only) {
  command.add_option("--exclude", args.exclude, "FILE:LINE: leave this row out of the import");
  if (drafts_only) {
    command.add_option("--include", args.include, "FILE:LINE: take an excluded row back");
  }
  command.add_option("--edit", args.edit,
                     "FILE:LINE:COLUMN=VALUE: read VALUE in this cell (the file is unchanged; "
                     "an empty VALUE withdraws the edit)");
  command.add_option("--match", args.match, "FILE:LINE=LOGIN or FILE:LINE=new: resolve a conflict");
  command.add_option("--keep", args.keep, "LOGIN: never expire this person in this import");
}

void AddFileDecisionOptions(CLI::App& command, DecisionArguments& args, bool drafts_only) {
  command.add_option("--map", args.map, "FILE:COLUMN=FIELD or FILE:COLUMN=ignore");
  command.add_option("--group", args.group, "NAME=create, NAME=ignore or NAME=EXISTING_GROUP");
  if (drafts_only) {
    command.add_option("--header", args.header, "FILE=yes|no|auto: the first row is a header");
    command.add_option("--sheet", args.sheet, "FILE=N: read sheet N (from 1) of a workbook");
  }
}

Result<std::vector<service::Decision>> ParseDecisions(const DecisionArguments& args) {
  std::vector<service::Decision> decisions;
  const auto add = [&](Result<service::Decision> decision) -> Status {
    if (!decision) return decision.error();
    decisions.push_back(std::move(decision).value());
    return {};
  };
  for (const std::string& text : args.map) {
    if (Status added = add(ParseMap(text)); !added) return added.error();
  }
  for (const std::string& text : args.header) {
    if (Status added = add(ParseFileSetting(Kind::kHeader, "--header", text, "FILE=yes|no|auto"));
        !added) {
      return added.error();
    }
  }
  for (const std::string& text : args.sheet) {
    if (Status added = add(ParseFileSetting(Kind::kSheet, "--sheet", text, "FILE=N")); !added) {
      return added.error();
    }
  }
  for (const std::string& text : args.group) {
    if (Status added = add(ParseGroup(text)); !added) return added.error();
  }
  for (const std::string& text : args.exclude) {
    if (Status added = add(ParseRow(Kind::kExclude, "--exclude", text)); !added) {
      return added.error();
    }
  }
  for (const std::string& text : args.include) {
    if (Status added = add(ParseRow(Kind::kInclude, "--include", text)); !added) {
      return added.error();
    }
  }
  for (const std::string& text : args.edit) {
    if (Status added = add(ParseEdit(text)); !added) return added.error();
  }
  for (const std::string& text : args.match) {
    if (Status added = add(ParseMatch(text)); !added) return added.error();
  }
  for (const std::string& login : args.keep) {
    decisions.push_back(service::Decision{Kind::kKeep, "", 0, "", login});
  }
  return decisions;
}

}  // namespace rollcall::cli
