#include "report/report_table.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstring>

#include "text/display.hpp"

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

constexpr std::size_t kMaxXlsxCellBytes = 32'000;

void AddSheet(lxw_workbook* workbook, lxw_format* bold, const ReportTable& table) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, table.sheet_name.c_str());
  const auto write_row = [&](lxw_row_t row, const std::vector<std::string>& cells,
                             lxw_format* format) {
    for (std::size_t column_idx = 0; column_idx < cells.size(); ++column_idx) {
      // Written as strings, never as formulas; neutralised too, for when the sheet is
      // exported back to CSV.
      // A cell holds at most 32,767 characters; libxlsxwriter drops a longer one silently, so
      // it is cut (with "…") to a number of bytes, which is never more characters.
      const std::string cell =
          NeutraliseFormula(text::CutForPreview(cells[column_idx], kMaxXlsxCellBytes));
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
  // libxlsxwriter opens the file itself: made (or cut to) mode 0600 first, it keeps that mode.
  if (Status created = WritePrivateFile(path, ""); !created) return created;
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
  return WritePrivateFile(path, ToCsv(table));
}

Status WritePrivateFile(const std::filesystem::path& path, std::string_view content) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return MakeError(ErrorCode::kIo,
                     fmt::format("{}: cannot write ({})", path.string(), std::strerror(errno)));
  }
  // An existing file keeps its mode through O_TRUNC: narrow it.
  bool ok = fchmod(fd, 0600) == 0;
  while (ok && !content.empty()) {
    const ssize_t written = write(fd, content.data(), content.size());
    if (written < 0 && errno == EINTR) continue;
    ok = written > 0;
    if (ok) content.remove_prefix(static_cast<std::size_t>(written));
  }
  ok = close(fd) == 0 && ok;
  if (!ok) return MakeError(ErrorCode::kIo, fmt::format("{}: cannot write", path.string()));
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

void MaskSecretColumns(ReportTable& table) {
  for (std::vector<std::string>& row : table.rows) {
    for (const std::size_t column_idx : table.secret_columns) {
      if (column_idx < row.size() && !row[column_idx].empty()) {
        row[column_idx] = std::string(kMaskedSecret);
      }
    }
  }
}

}  // namespace rollcall::report
