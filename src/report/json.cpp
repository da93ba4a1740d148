#include "report/json.hpp"

#include <cmath>

#include "report/report_table.hpp"
#include "text/display.hpp"

namespace rollcall::report {

nlohmann::ordered_json DiagnosticJson(const Diagnostic& diagnostic) {
  nlohmann::ordered_json object;
  object["severity"] = SeverityName(diagnostic.severity);
  object["code"] = diagnostic.code;
  object["line"] = diagnostic.line;
  if (diagnostic.column != 0) object["column"] = diagnostic.column;
  if (!diagnostic.field.empty()) object["field"] = diagnostic.field;
  if (!diagnostic.params.empty()) {
    nlohmann::ordered_json params = nlohmann::ordered_json::object();
    for (const auto& [key, value] : diagnostic.params) params[key] = value;
    object["params"] = std::move(params);
  }
  return object;
}

namespace {

nlohmann::ordered_json ColumnsJson(const Inspection& inspection) {
  const table::ReadOutcome& outcome = inspection.outcome;
  const table::Table& table = outcome.table;
  if (inspection.mapping) return MappingColumnsJson(*inspection.mapping);
  nlohmann::ordered_json columns = nlohmann::ordered_json::array();
  if (outcome.info.header && table.row_count() > 0) {
    for (std::size_t column_idx = 0; column_idx < table.cell_count(0); ++column_idx) {
      columns.push_back(text::CutForPreview(table.Cell(0, column_idx)));
    }
  }
  return columns;
}

}  // namespace

nlohmann::ordered_json MappingColumnsJson(const mapping::Mapping& mapping) {
  nlohmann::ordered_json columns = nlohmann::ordered_json::array();
  for (const mapping::ColumnMapping& column : mapping.columns) {
    nlohmann::ordered_json object;
    object["header"] = column.header;
    object["field"] = column.field.empty() ? "ignore" : column.field;
    if (column.group_index != 0) object["group_index"] = column.group_index;
    object["confidence"] = std::round(column.confidence * 100) / 100;
    columns.push_back(std::move(object));
  }
  return columns;
}

std::string Inspection::PreviewCell(std::size_t row_idx, std::size_t column_idx) const {
  const std::string_view cell = outcome.table.Cell(row_idx, column_idx);
  const bool secret =
      mapping && column_idx < mapping->columns.size() && mapping->columns[column_idx].secret;
  if (secret && !cell.empty()) return std::string(kMaskedSecret);
  return text::CutForPreview(cell);
}

nlohmann::ordered_json InspectJson(const Inspection& inspection, std::size_t preview_rows) {
  const table::ReadOutcome& outcome = inspection.outcome;
  const table::Table& table = outcome.table;
  nlohmann::ordered_json object;
  object["format"] = table::FormatName(outcome.info.format);
  object["encoding"] = text::EncodingName(outcome.info.encoding);
  if (outcome.info.format == table::Format::kCsv) {
    object["delimiter"] = std::string(1, outcome.info.delimiter);
  } else {
    object["sheet"] = outcome.info.sheet_index + 1;
    object["sheets"] = outcome.info.sheet_names;
  }
  object["header"] = outcome.info.header;
  if (inspection.mapping) object["profile"] = inspection.mapping->profile;
  object["columns"] = ColumnsJson(inspection);
  object["rows"] = outcome.data_row_count();
  nlohmann::ordered_json preview = nlohmann::ordered_json::array();
  const std::size_t first = outcome.first_data_row();
  for (std::size_t row_idx = first; row_idx < table.row_count() && row_idx < first + preview_rows;
       ++row_idx) {
    nlohmann::ordered_json row = nlohmann::ordered_json::array();
    for (std::size_t column_idx = 0; column_idx < table.cell_count(row_idx); ++column_idx) {
      row.push_back(inspection.PreviewCell(row_idx, column_idx));
    }
    preview.push_back(std::move(row));
  }
  object["preview"] = std::move(preview);
  nlohmann::ordered_json diagnostics = nlohmann::ordered_json::array();
  for (const Diagnostic& diagnostic : inspection.diagnostics) {
    diagnostics.push_back(DiagnosticJson(diagnostic));
  }
  object["diagnostics"] = std::move(diagnostics);
  return object;
}

}  // namespace rollcall::report
