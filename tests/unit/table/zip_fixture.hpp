// Small zip archives written by the tests themselves (libzip): the ODS fixtures, hand-made XLSX
// parts, and hostile archives that no spreadsheet program would write.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rollcall::testing {

struct ZipMember {
  std::string name;
  std::string content;
  bool compress = true;  // false: stored as is (an ODS mimetype must be)
};

// The bytes of a zip holding `members` in order.
std::string MakeZip(const std::vector<ZipMember>& members);

// A minimal XLSX package around the given parts; empty optional parts are left out. Sheet N
// (1-based) is named "SheetN" and lives in xl/worksheets/sheetN.xml, relationship rIdN.
struct XlsxParts {
  std::vector<std::string> sheets = {"<sheetData/>"};  // the inside of each <worksheet>
  std::string shared_strings;                          // the inside of <sst>
  std::string styles;                                  // the inside of <styleSheet>
  std::string workbook_properties;                     // e.g. R"(<workbookPr date1904="1"/>)"
};
std::vector<ZipMember> XlsxMembers(const XlsxParts& parts);
std::string MakeXlsx(const XlsxParts& parts);

// An ODS package whose content.xml body holds `tables` (one or more <table:table> elements).
std::string OdsContent(std::string_view tables);
std::string MakeOds(std::string_view content_xml);

}  // namespace rollcall::testing
