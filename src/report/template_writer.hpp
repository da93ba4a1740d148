// Import templates: the header a school fills in for one profile, as the deployment configures it.
//
// Required columns are marked `*`; names are the fields' labels in the chosen language, so a
// filled-in template maps back onto its own fields with confidence 1. CSV for French and German
// uses `;` and a UTF-8 BOM (what Excel in those countries opens correctly); English uses `,`.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/language.hpp"
#include "base/result.hpp"
#include "mapping/schema.hpp"

namespace rollcall::report {

// The header names of the profile's template.
std::vector<std::string> TemplateHeader(const mapping::ProfileSpec& profile,
                                        const mapping::Schema& schema, Language language);

// The CSV bytes of the template (header line only, CRLF).
std::string CsvTemplate(const mapping::ProfileSpec& profile, const mapping::Schema& schema,
                        Language language);

// Writes an XLSX workbook with the header row (required columns in bold).
Status WriteXlsxTemplate(const std::filesystem::path& path, const mapping::ProfileSpec& profile,
                         const mapping::Schema& schema, Language language);

}  // namespace rollcall::report
