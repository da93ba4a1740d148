// What every reporting command shares: --json and --lang, and printing to stdout/stderr.
#pragma once

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>

#include "base/result.hpp"
#include "report/messages.hpp"

namespace rollcall::cli {

struct OutputOptions {
  bool json = false;
  std::string lang = "en";
  Language language() const;
};

// Adds --json and --lang to `command`, stored in `options`.
void AddOutputOptions(CLI::App& command, OutputOptions& options);

// One line "rollcall: <reason>" on `err`; returns the exit code for `error`.
int PrintError(std::ostream& err, const Error& error);
void PrintJson(std::ostream& out, const nlohmann::ordered_json& value);

}  // namespace rollcall::cli
