// JSON forms of the shared contracts (DESIGN.md §5), so that the CLI's --json and the HTTP API
// print the same shapes.
#pragma once

#include <nlohmann/json.hpp>

#include "base/diagnostic.hpp"
#include "table/read.hpp"

namespace rollcall::report {

// {"severity", "code", "line", "column"?, "field"?, "params"?}; empty optional members omitted.
nlohmann::ordered_json DiagnosticJson(const Diagnostic& diagnostic);

// The object of `rollcall inspect --json` (issue 2): format, encoding, delimiter, header,
// columns, rows, preview (the first `preview_rows` data rows), diagnostics.
nlohmann::ordered_json InspectJson(const table::ReadOutcome& outcome, std::size_t preview_rows);

}  // namespace rollcall::report
