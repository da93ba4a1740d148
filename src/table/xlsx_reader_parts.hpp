// The parts of an XLSX package, as the XLSX reader parses them; internal to the table module.
//
// An XLSX file is a zip of XML parts tied together by relationship files:
//   _rels/.rels            → the workbook part (usually xl/workbook.xml)
//   xl/workbook.xml        → sheet names, their relationship ids, the date system
//   xl/_rels/workbook.xml.rels → where each sheet, the shared strings and the styles live
//   xl/sharedStrings.xml   → the strings cells refer to by index
//   xl/styles.xml          → which cell styles show numbers as dates
//   xl/worksheets/sheetN.xml → the cells
// Each Parse* function streams one part; none holds a part whole.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.hpp"
#include "base/result.hpp"
#include "table/cell_format.hpp"
#include "table/sheet_builder.hpp"
#include "table/zip_archive.hpp"

namespace rollcall::table::xlsx {

struct SheetEntry {
  std::string name;
  std::string relationship_id;
};

struct Workbook {
  std::vector<SheetEntry> sheets;  // in tab order
  bool date1904 = false;
};

struct Relationship {
  std::string id;
  std::string type;    // a URI; only its last segment ("worksheet", "styles") matters here
  std::string target;  // relative to the part that owns the relationships
  bool external = false;
};

// What a sheet's cells need from the other parts.
struct SheetContext {
  const std::vector<SheetBuilder::TextRef>& shared_strings;
  const std::vector<NumberFormatKind>& style_kinds;  // by cell style index (cellXfs)
  bool date1904 = false;
};

Result<Workbook> ParseWorkbook(ZipArchive& archive, std::uint64_t index, std::string_view part);
Result<std::vector<Relationship>> ParseRelationships(ZipArchive& archive, std::uint64_t index,
                                                     std::string_view part);
Result<std::vector<NumberFormatKind>> ParseStyles(ZipArchive& archive, std::uint64_t index,
                                                  std::string_view part);
// Stores every shared string in the builder's text buffer; fails with kTooLarge past
// Limits::max_cells strings (no sheet could use more).
Result<std::vector<SheetBuilder::TextRef>> ParseSharedStrings(ZipArchive& archive,
                                                              std::uint64_t index,
                                                              std::string_view part,
                                                              const Limits& limits,
                                                              SheetBuilder& builder);
Status ParseSheet(ZipArchive& archive, std::uint64_t index, std::string_view part,
                  const SheetContext& context, SheetBuilder& builder,
                  std::vector<Diagnostic>& diagnostics);

// Undoes the _xHHHH_ escapes OOXML uses for characters XML cannot hold (_x000D_ is a carriage
// return, _x005F_ an underscore).
std::string DecodeOoxmlEscapes(std::string_view text);

// The 0-based column of a cell reference ("C5" → 2), or nullopt when it has no column letters.
// Saturates far beyond any real column instead of overflowing.
std::optional<std::uint64_t> ColumnOfReference(std::string_view reference);

}  // namespace rollcall::table::xlsx
