// JSON forms of the shared contracts (DESIGN.md §5), so that the CLI's --json and the HTTP API
// print the same shapes.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "base/diagnostic.hpp"
#include "mapping/mapping.hpp"
#include "table/read.hpp"

namespace rollcall::report {

// {"severity", "code", "line", "column"?, "field"?, "params"?}; empty optional members omitted.
nlohmann::ordered_json DiagnosticJson(const Diagnostic& diagnostic);

// [{"header", "field" ("ignore" when none), "group_index"?, "confidence"}], one per column: the
// same shape in `inspect --profile` and in the import summary.
nlohmann::ordered_json MappingColumnsJson(const mapping::Mapping& mapping);

// What `rollcall inspect` found: the table, and with a profile its mapping; `diagnostics` holds
// those of reading, mapping and validating, in line order.
struct Inspection {
  table::ReadOutcome outcome;
  std::optional<mapping::Mapping> mapping;
  std::vector<Diagnostic> diagnostics;

  // The preview of one cell: cut to text::kPreviewValueBytes, and report::kMaskedSecret for a
  // filled cell of a column the mapping gives to a secret field (a password).
  std::string PreviewCell(std::size_t row_idx, std::size_t column_idx) const;
};

// The object of `rollcall inspect --json`: format, encoding, delimiter, header, columns (names, or
// with a profile {header, field, confidence} objects), rows, preview (the first `preview_rows`
// data rows, each cell as Inspection::PreviewCell gives it), diagnostics.
nlohmann::ordered_json InspectJson(const Inspection& inspection, std::size_t preview_rows);

}  // namespace rollcall::report
