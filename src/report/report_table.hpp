// A report as a table of text, and its writers: CSV (UTF-8 with BOM, `;`, what Excel opens in
// France and Germany) and XLSX. Every cell is neutralised against spreadsheet formulas first
// (DESIGN.md §4.9, OWASP CSV injection): a cell starting with = + - @ tab or CR is prefixed with
// an apostrophe, so a spreadsheet shows it as text and never evaluates it.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace rollcall::report {

// What a secret from the file (a password column) shows wherever it must not be read.
inline constexpr std::string_view kMaskedSecret = "********";

struct ReportTable {
  std::string sheet_name = "Rollcall";
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // Columns that hold secrets from the file; a copy of the report that leaves the result
  // protocol (a sync archive) masks them with MaskSecretColumns().
  std::vector<std::size_t> secret_columns;
};

// Every cell of table.secret_columns that is not empty becomes kMaskedSecret.
void MaskSecretColumns(ReportTable& table);

std::string NeutraliseFormula(std::string_view cell);

std::string ToCsv(const ReportTable& table);

// Writes `content` to `path`, mode 0600 (owner only) whether the file is new or not: reports
// and letters can hold initial credentials.
Status WritePrivateFile(const std::filesystem::path& path, std::string_view content);

// Writes CSV or XLSX by the path's extension (.xlsx, otherwise CSV), mode 0600.
Status WriteReport(const std::filesystem::path& path, const ReportTable& table);

// Several tables: XLSX gets one sheet each; CSV one file each, named PATH-SHEET.csv when there
// is more than one. Returns the paths written.
Result<std::vector<std::filesystem::path>> WriteReports(const std::filesystem::path& path,
                                                        const std::vector<ReportTable>& tables);

}  // namespace rollcall::report
