// SheetBuilder: assembles the Table of one spreadsheet sheet (XLSX, ODS, XLS) from the cells a
// reader meets in reading order, enforcing the sheet limits of table::Limits as it grows.
//
// The table is positional: table row i is sheet row i + 1 (SourceLine() gives the sheet row
// number) and cell j of a row is column j. Empty rows and cells before a filled one are kept as
// empty; trailing empty rows and cells never exist, so a sheet whose formatting reaches row
// 1,048,576 or column XFD costs nothing.
//
// Promises:
//  * a filled cell beyond Limits::max_rows or max_columns, more than max_cells cells counting the
//    empty ones kept, or more text than max_uncompressed_bytes fails with kTooLarge — text
//    counted as expanded: a repeated cell, a repeated row or a shared string counts its bytes
//    each time it appears, because every later stage (mapping, records, reports) materialises
//    each cell on its own (an 827-byte ODS must not become 5 GB there);
//  * a cell placed at or before the previous one (a damaged sheet) is skipped with a
//    `cell_out_of_order` warning, never reordered or crashed on.
// Repeated cells and rows share one copy of their text. Not thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/diagnostic.hpp"
#include "base/result.hpp"
#include "table/read.hpp"
#include "table/table.hpp"

namespace rollcall::table {

class SheetBuilder {
 public:
  // Text already in the table's buffer, for cells to point at.
  struct TextRef {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
  };

  // `diagnostics` must outlive the builder.
  SheetBuilder(const Limits& limits, std::vector<Diagnostic>& diagnostics);

  // Copies `text` into the table once; any number of cells may then share it.
  Result<TextRef> StoreText(std::string_view text);

  // Fills `repeat` consecutive cells of row `row_idx` from `column_idx` (both 0-based) with
  // `text`. An empty text fills nothing: empty cells only ever appear as gaps.
  Status AddCell(std::uint64_t row_idx, std::uint64_t column_idx, TextRef text,
                 std::uint64_t repeat = 1);
  Status AddCell(std::uint64_t row_idx, std::uint64_t column_idx, std::string_view text,
                 std::uint64_t repeat = 1);

  // Copies row `row_idx` into the `count` rows after it. Nothing to do when that row has no
  // filled cell. REQUIRES: no cell was added after row `row_idx`.
  Status RepeatRow(std::uint64_t row_idx, std::uint64_t count);

  // The text bytes stored so far (counted against max_uncompressed_bytes).
  std::uint64_t text_bytes() const { return table_.buffer().size(); }

  Table Finish() &&;

 private:
  Status CheckRow(std::uint64_t row_idx) const;
  Status CheckCells(std::uint64_t row_idx, std::uint64_t added) const;
  Status CountExpanded(std::uint64_t row_idx, std::uint64_t bytes);
  void OpenRow(std::uint64_t row_idx);
  bool IsOutOfOrder(std::uint64_t row_idx, std::uint64_t column_idx);

  Limits limits_;
  std::vector<Diagnostic>& diagnostics_;
  Table table_;
  std::uint64_t cell_total_ = 0;      // cells in table_, the kept empty ones included
  std::uint64_t expanded_bytes_ = 0;  // text of every cell, each counted where it appears
  std::uint64_t next_column_ = 0;     // in the last row of table_
};

}  // namespace rollcall::table
