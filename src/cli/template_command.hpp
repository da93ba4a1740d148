// `rollcall template PROFILE [--format csv|xlsx] [--lang fr|de|en] [--out PATH]`: the import
// template of a profile as the deployment configures it. CSV goes to stdout unless --out is given;
// XLSX needs --out (default template-PROFILE-LANG.xlsx).
#pragma once

#include <CLI/CLI.hpp>

namespace rollcall::cli {

void AddTemplateCommand(CLI::App& app, int& exit_code);

}  // namespace rollcall::cli
