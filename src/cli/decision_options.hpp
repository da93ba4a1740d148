// The decision flags `import` and `imports decide` share (issue 13), parsed into the service's
// decisions: --exclude/--include FILE:LINE, --edit FILE:LINE:COLUMN=VALUE,
// --match FILE:LINE=LOGIN|new, --keep LOGIN, --map FILE:COLUMN=FIELD, --header FILE=yes|no|auto,
// --sheet FILE=N, --group NAME=create|ignore|GROUP. FILE is a file's name or its position (1, 2…).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "service/imports.hpp"

namespace rollcall::cli {

struct DecisionArguments {
  std::vector<std::string> exclude;
  std::vector<std::string> include;
  std::vector<std::string> edit;
  std::vector<std::string> match;
  std::vector<std::string> keep;
  std::vector<std::string> map;
  std::vector<std::string> header;
  std::vector<std::string> sheet;
  std::vector<std::string> group;
};

// Adds the row decisions (--exclude, --edit, --match, --keep; with `drafts_only` also
// --include) to `command`.
void AddRowDecisionOptions(CLI::App& command, DecisionArguments& args, bool drafts_only);
// Adds --map, --group and, with `drafts_only`, --header and --sheet (the one-shot import has
// its own --header-less FILE syntax and --sheet per command).
void AddFileDecisionOptions(CLI::App& command, DecisionArguments& args, bool drafts_only);

// kInvalidArgument names the flag and what it expected.
Result<std::vector<service::Decision>> ParseDecisions(const DecisionArguments& args);

}  // namespace rollcall::cli
