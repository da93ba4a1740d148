#include "report/template_writer.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>

#include "mapping/mapping.hpp"

namespace rollcall::report {
namespace {

bool Starred(const mapping::ProfileSpec& profile, const std::string& field,
             const std::vector<std::string>& columns) {
  if (profile.Requires(field)) return true;
  const std::string* excuse = profile.IsRequiredSomehow(field) ? profile.Excuse(field) : nullptr;
  // "birth date unless external id": starred only when the template has no external id column.
  return excuse && std::find(columns.begin(), columns.end(), *excuse) == columns.end();
}

}  // namespace

std::vector<std::string> TemplateHeader(const mapping::ProfileSpec& profile,
                                        const mapping::Schema& schema, Language language) {
  const std::vector<std::string> columns = mapping::TemplateColumns(profile);
  std::vector<std::string> header;
  for (const std::string& field : columns) {
    std::string name = schema.Field(field)->label.In(language);
    if (Starred(profile, field, columns)) name += '*';
    header.push_back(std::move(name));
  }
  return header;
}

std::string CsvTemplate(const mapping::ProfileSpec& profile, const mapping::Schema& schema,
                        Language language) {
  const bool european = language != Language::kEn;
  std::string csv = european ? "\xEF\xBB\xBF" : "";
  csv += fmt::format("{}\r\n",
                     fmt::join(TemplateHeader(profile, schema, language), european ? ";" : ","));
  return csv;
}

Status WriteXlsxTemplate(const std::filesystem::path& path, const mapping::ProfileSpec& profile,
                         const mapping::Schema& schema, Language language) {
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (workbook == nullptr) {
    return MakeError(ErrorCode::kIo, fmt::format("{}: cannot create the workbook", path.string()));
  }
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, profile.label.In(language).c_str());
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  const std::vector<std::string> header = TemplateHeader(profile, schema, language);
  for (std::size_t column_idx = 0; column_idx < header.size(); ++column_idx) {
    const auto column = static_cast<lxw_col_t>(column_idx);
    const bool required = header[column_idx].back() == '*';
    worksheet_write_string(sheet, 0, column, header[column_idx].c_str(), required ? bold : nullptr);
    worksheet_set_column(
        sheet, column, column,
        static_cast<double>(std::max<std::size_t>(12, header[column_idx].size() + 2)), nullptr);
  }
  worksheet_freeze_panes(sheet, 1, 0);
  if (workbook_close(workbook) != LXW_NO_ERROR) {
    return MakeError(ErrorCode::kIo, fmt::format("{}: cannot write the workbook", path.string()));
  }
  return {};
}

}  // namespace rollcall::report
