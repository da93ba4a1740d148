#include "table/table.hpp"

#include <algorithm>

#include "base/check.hpp"

namespace rollcall::table {
namespace {

template <class T>
void ShrinkWhenMostlyUnused(std::vector<T>& items) {
  if (items.capacity() - items.size() > items.capacity() / 8) items.shrink_to_fit();
}

}  // namespace

Table::Table(std::string text) : text_(std::move(text)) {}

std::size_t Table::cell_count(std::size_t row_idx) const {
  ROLLCALL_CHECK(row_idx < rows_.size());
  const std::size_t end =
      row_idx + 1 < rows_.size() ? rows_[row_idx + 1].first_cell : cells_.size();
  return end - rows_[row_idx].first_cell;
}

std::string_view Table::Cell(std::size_t row_idx, std::size_t column_idx) const {
  if (column_idx >= cell_count(row_idx)) return {};
  const CellSpan& span = cells_[rows_[row_idx].first_cell + column_idx];
  return std::string_view(text_).substr(span.offset, span.size);
}

void Table::ReplaceCell(std::size_t row_idx, std::size_t column_idx, std::string_view text) {
  const std::size_t count = cell_count(row_idx);
  if (column_idx >= count) {
    // A short row grows in place; the rows after it start further on. Rare (a correction of a
    // ragged row), so the shift is fine.
    const std::size_t added = column_idx + 1 - count;
    const auto end =
        cells_.begin() + static_cast<std::ptrdiff_t>(rows_[row_idx].first_cell + count);
    cells_.insert(end, added, CellSpan{0, 0});
    for (std::size_t later = row_idx + 1; later < rows_.size(); ++later) {
      rows_[later].first_cell += static_cast<std::uint32_t>(added);
    }
    max_cells_stale_ = true;
  }
  const auto offset = static_cast<std::uint32_t>(text_.size());
  text_.append(text);
  cells_[rows_[row_idx].first_cell + column_idx] =
      CellSpan{offset, static_cast<std::uint32_t>(text.size())};
}

std::vector<std::string> Table::RowTexts(std::size_t row_idx) const {
  std::vector<std::string> texts;
  const std::size_t count = cell_count(row_idx);
  texts.reserve(count);
  for (std::size_t column_idx = 0; column_idx < count; ++column_idx) {
    texts.emplace_back(Cell(row_idx, column_idx));
  }
  return texts;
}

std::size_t Table::max_cell_count() const {
  if (max_cells_stale_) {
    max_cells_ = 0;
    for (std::size_t row_idx = 0; row_idx < rows_.size(); ++row_idx) {
      max_cells_ = std::max(max_cells_, cell_count(row_idx));
    }
    max_cells_stale_ = false;
  }
  return max_cells_;
}

void Table::BeginRow(std::uint32_t source_line) {
  rows_.push_back(RowSpan{static_cast<std::uint32_t>(cells_.size()), source_line});
}

void Table::AddCell(std::string_view text) {
  const auto offset = static_cast<std::uint32_t>(text_.size());
  text_.append(text);
  AddSpanCell(offset, static_cast<std::uint32_t>(text.size()));
}

void Table::TruncateLastRow(std::size_t keep) {
  ROLLCALL_CHECK(!rows_.empty());
  const std::size_t first = rows_.back().first_cell;
  if (cells_.size() - first > keep) {
    cells_.resize(first + keep);
    max_cells_stale_ = true;
  }
}

void Table::PopRow() {
  ROLLCALL_CHECK(!rows_.empty());
  cells_.resize(rows_.back().first_cell);
  rows_.pop_back();
  max_cells_stale_ = true;
}

void Table::TruncateColumns(std::size_t columns) {
  std::vector<CellSpan> kept;
  kept.reserve(cells_.size());
  max_cells_ = 0;
  for (std::size_t row_idx = 0; row_idx < rows_.size(); ++row_idx) {
    const std::size_t first = rows_[row_idx].first_cell;
    const std::size_t count = std::min(cell_count(row_idx), columns);
    rows_[row_idx].first_cell = static_cast<std::uint32_t>(kept.size());
    kept.insert(kept.end(), cells_.begin() + static_cast<std::ptrdiff_t>(first),
                cells_.begin() + static_cast<std::ptrdiff_t>(first + count));
    max_cells_ = std::max(max_cells_, count);
  }
  cells_ = std::move(kept);
  max_cells_stale_ = false;
}

void Table::Reserve(std::size_t rows, std::size_t cells) {
  rows_.reserve(rows);
  cells_.reserve(cells);
}

void Table::ShrinkToFit() {
  ShrinkWhenMostlyUnused(cells_);
  ShrinkWhenMostlyUnused(rows_);
}

std::size_t Table::MemoryUsage() const {
  return text_.capacity() + cells_.capacity() * sizeof(CellSpan) +
         rows_.capacity() * sizeof(RowSpan);
}

}  // namespace rollcall::table
