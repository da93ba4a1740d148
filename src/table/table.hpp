// Table: the cells of one sheet or CSV file, as UTF-8 text, each row knowing where it came from.
//
// A Table owns one text buffer; every cell is an (offset, size) span into it. The CSV reader moves
// the decoded file into the buffer and unescapes quoted cells in place (unescaping only shrinks a
// cell), so a parsed CSV costs its own size plus 8 bytes per cell and 8 per row. Spreadsheet
// readers append each cell's text to the buffer.
//
// Rows are kept exactly as read: the header row, when there is one, is row 0 (see TableInfo).
// Ragged rows keep their own cell count; Cell() past the end of a row reads as "".
//
// Not thread-safe for writing; const access from several threads is fine.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rollcall::table {

class Table {
 public:
  Table() = default;
  // Takes `text` as the buffer that spans built with AddSpanCell() point into.
  explicit Table(std::string text);

  std::size_t row_count() const { return rows_.size(); }
  std::size_t cell_count(std::size_t row_idx) const;
  // The most cells any row has.
  std::size_t max_cell_count() const;
  // REQUIRES: row_idx < row_count(). Returns "" for column_idx >= cell_count(row_idx).
  std::string_view Cell(std::size_t row_idx, std::size_t column_idx) const;
  // The CSV line where the row starts (1-based), or the spreadsheet row number (1-based).
  std::uint32_t SourceLine(std::size_t row_idx) const { return rows_[row_idx].source_line; }
  std::vector<std::string> RowTexts(std::size_t row_idx) const;

  // Building. BeginRow() opens a row; cells are appended to the open row.
  void BeginRow(std::uint32_t source_line);
  // Appends a copy of `text` to the buffer and adds it as a cell.
  void AddCell(std::string_view text);
  // Adds a cell that is already in the buffer. REQUIRES: a row is open, offset + size <= buffer
  // size. Inline and checked in debug builds only: the CSV reader calls it for every cell.
  void AddSpanCell(std::uint32_t offset, std::uint32_t size) {
    assert(!rows_.empty());
    assert(std::size_t{offset} + size <= text_.size());
    cells_.push_back(CellSpan{offset, size});
    max_cells_stale_ = true;
  }
  // Drops the open row's trailing cells from `keep` on. REQUIRES: a row is open.
  void TruncateLastRow(std::size_t keep);
  // Puts `text` in place of a cell (an administrator's correction, DESIGN.md §1 "decision"),
  // adding empty cells to a short row as needed. The replaced text stays in the buffer.
  // REQUIRES: row_idx < row_count().
  void ReplaceCell(std::size_t row_idx, std::size_t column_idx, std::string_view text);
  // Removes the last row. REQUIRES: row_count() > 0.
  void PopRow();
  // Drops cells at column_idx >= `columns` in every row (used to remove a trailing empty column).
  void TruncateColumns(std::size_t columns);
  // Makes room for `rows` rows and `cells` cells in all, so that building that many reallocates
  // nothing: growing by doubling copies the cells and briefly holds them twice.
  void Reserve(std::size_t rows, std::size_t cells);
  // Gives back memory reserved while building, where more than an eighth of it is unused. Less is
  // kept: giving it back copies the cells (briefly holding them twice), and room never written to
  // costs address space, not memory.
  void ShrinkToFit();

  std::string& mutable_buffer() { return text_; }
  const std::string& buffer() const { return text_; }
  // Bytes held by the table, for limits and benchmarks.
  std::size_t MemoryUsage() const;

 private:
  struct CellSpan {
    std::uint32_t offset;
    std::uint32_t size;
  };
  struct RowSpan {
    std::uint32_t first_cell;
    std::uint32_t source_line;
  };
  std::string text_;
  std::vector<CellSpan> cells_;
  std::vector<RowSpan> rows_;
  // The widest row, computed when asked for after rows changed (not per cell while building).
  mutable std::size_t max_cells_ = 0;
  mutable bool max_cells_stale_ = false;
};

}  // namespace rollcall::table
