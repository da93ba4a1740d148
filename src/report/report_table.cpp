#include "report/report_table.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <fstream>

namespace rollcall::report {
namespace {

std::string CsvCell(const std::string& cell) {
  const bool needs_quotes = cell.find_first_of(";\"\r\n") != std::string::npos;
  if (!needs_quotes) return cell;
  std::string quoted = "\"";
  for (const char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

void AppendCsvLine(const std::vector<std::string>& cells, std::string& csv) {
  for (std::size_t cell_idx = 0; cell_idx < cells.size(); ++cell_idx) {
    if (cell_idx > 0) csv += ';';
    csv += CsvCell(NeutraliseFormula(cells[cell_idx]));
  }
  csv += "\r\n";
}

void AddSheet(lxw_workbook* workbook, lxw_format* bold, const ReportTable& table) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, table.sheet_name.c_str());
  const auto write_row = [&](lxw_row_t row, const std::vector<std::string>& cells,
                             lxw_format* format) {
    for (std::size_t column_idx = 0; column_idx < cells.size(); ++column_idx) {
      // Written as strings, never as formulas; neutralised too, for when the sheet is
      // exported back to CSV.
      const std::string cell = NeutraliseFormula(cells[column_idx]);
      worksheet_write_string(sheet, row, static_cast<lxw_col_t>(column_idx), cell.c_str(), format);
    }
  };
  write_row(0, table.header, bold);
  for (std::size_t row_idx = 0; row_idx < table.rows.size(); ++row_idx) {
    write_row(static_cast<lxw_row_t>(row_idx + 1), table.rows[row_idx], nullptr);
  }
  worksheet_freeze_panes(sheet, 1, 0);
}

Status WriteXlsx(const std::filesystem::path& path, const std::vector<ReportTable>& tables) {
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (workbook == nullptr) {
    return MakeError(ErrorCode::kIo, fmt::format("{}: cannot create the workbook", path.string()));
  }
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  for (const ReportTable& table : tables) AddSheet(workbook, bold, table);
  if (workbook_close(workbook) != LXW_NO_ERROR) {
    return MakeError(ErrorCode::kIo, fmt::format("{}: cannot write the workbook", path.string()));
  }
  return {};
}

}  // namespace

std::string NeutraliseFormula(std::string_view cell) {
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                        cell[0] == '\t' || cell[0] == '\r')) {
    return "'" + std::string(cell);
  }
  return std::string(cell);
}

std::string ToCsv(const ReportTable& table) {
  std::string csv = "\xEF\xBB\xBF";
  AppendCsvLine(table.header, csv);
  for (const std::vector<std::string>& row : table.rows) AppendCsvLine(row, csv);
  return csv;
}

Status WriteReport(const std::filesystem::path& path, const ReportTable& table) {
  if (path.extension() == ".xlsx") return WriteXlsx(path, {table});
  std::ofstream stream(path, std::ios::binary);
  stream << ToCsv(table);
  if (!stream) return MakeError(ErrorCode::kIo, fmt::format("{}: cannot write", path.string()));
  return {};
}

Result<std::vector<std::filesystem::path>> WriteReports(const std::filesystem::path& path,
                                                        const std::vector<ReportTable>& tables) {
  if (path.extension() == ".xlsx") {
    if (Status written = WriteXlsx(path, tables); !written) return written.error();
    return std::vector<std::filesystem::path>{path};
  }
  std::vector<std::filesystem::path> written;
  for (const ReportTable& table : tables) {
    std::filesystem::path target = path;
    if (tables.size() > 1) {
      target.replace_filename(path.stem().string() + "-" + table.sheet_name +
                              path.extension().string());
    }
    if (Status status = WriteReport(target, table); !status) return status.error();
    written.push_back(target);
  }
  return written;
}

}  // namespace rollcall::report
