#include "table/sheet_builder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace rollcall::table {
namespace {

// Table stores row numbers and text offsets in 32 bits.
constexpr std::uint64_t kMaxTableRows = std::numeric_limits<std::uint32_t>::max() - 1;
constexpr std::uint64_t kMaxTableText = std::numeric_limits<std::uint32_t>::max();

std::uint64_t SaturatingAdd(std::uint64_t a, std::uint64_t b) {
  return b > std::numeric_limits<std::uint64_t>::max() - a
             ? std::numeric_limits<std::uint64_t>::max()
             : a + b;
}

std::uint64_t SaturatingMultiply(std::uint64_t a, std::uint64_t b) {
  if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a) {
    return std::numeric_limits<std::uint64_t>::max();
  }
  return a * b;
}

}  // namespace

SheetBuilder::SheetBuilder(const Limits& limits, std::vector<Diagnostic>& diagnostics)
    : limits_(limits), diagnostics_(diagnostics) {
  limits_.max_rows = std::min(limits_.max_rows, kMaxTableRows);
  limits_.max_uncompressed_bytes = std::min(limits_.max_uncompressed_bytes, kMaxTableText);
}

Result<SheetBuilder::TextRef> SheetBuilder::StoreText(std::string_view text) {
  std::string& buffer = table_.mutable_buffer();
  if (SaturatingAdd(buffer.size(), text.size()) > limits_.max_uncompressed_bytes) {
    return MakeError(ErrorCode::kTooLarge,
                     fmt::format("the sheet holds more than {} bytes of text, the limit",
                                 limits_.max_uncompressed_bytes));
  }
  const TextRef ref{static_cast<std::uint32_t>(buffer.size()),
                    static_cast<std::uint32_t>(text.size())};
  buffer.append(text);
  return ref;
}

Status SheetBuilder::CheckRow(std::uint64_t row_idx) const {
  if (row_idx < limits_.max_rows) return {};
  return MakeError(ErrorCode::kTooLarge,
                   fmt::format("the sheet has data in row {}, beyond the limit of {} rows",
                               SaturatingAdd(row_idx, 1), limits_.max_rows));
}

Status SheetBuilder::CheckCells(std::uint64_t row_idx, std::uint64_t added) const {
  if (SaturatingAdd(cell_total_, added) <= limits_.max_cells) return {};
  return MakeError(ErrorCode::kTooLarge,
                   fmt::format("the sheet has more than {} cells by row {}, the limit",
                               limits_.max_cells, SaturatingAdd(row_idx, 1)));
}

bool SheetBuilder::IsOutOfOrder(std::uint64_t row_idx, std::uint64_t column_idx) {
  if (table_.row_count() == 0) return false;
  const std::uint64_t last_row = table_.row_count() - 1;
  if (row_idx > last_row || (row_idx == last_row && column_idx >= next_column_)) return false;
  diagnostics_.push_back(MakeDiagnostic(Severity::kWarning, "cell_out_of_order",
                                        static_cast<std::int64_t>(row_idx + 1),
                                        static_cast<int>(std::min<std::uint64_t>(
                                            column_idx + 1, std::numeric_limits<int>::max())))
                             .Build());
  return true;
}

void SheetBuilder::OpenRow(std::uint64_t row_idx) {
  while (table_.row_count() <= row_idx) {
    table_.BeginRow(static_cast<std::uint32_t>(table_.row_count() + 1));
    next_column_ = 0;
  }
}

Status SheetBuilder::CountExpanded(std::uint64_t row_idx, std::uint64_t bytes) {
  expanded_bytes_ = SaturatingAdd(expanded_bytes_, bytes);
  if (expanded_bytes_ <= limits_.max_uncompressed_bytes) return {};
  return MakeError(ErrorCode::kTooLarge,
                   fmt::format("the sheet's cells hold more than {} bytes of text by row {}, "
                               "repeated and shared cells counted each time they appear; the "
                               "limit",
                               limits_.max_uncompressed_bytes, SaturatingAdd(row_idx, 1)));
}

Status SheetBuilder::AddCell(std::uint64_t row_idx, std::uint64_t column_idx, TextRef text,
                             std::uint64_t repeat) {
  if (text.size == 0 || repeat == 0 || IsOutOfOrder(row_idx, column_idx)) return {};
  if (Status row_ok = CheckRow(row_idx); !row_ok) return row_ok;
  if (Status fits = CountExpanded(row_idx, SaturatingMultiply(text.size, repeat)); !fits) {
    return fits;
  }
  if (SaturatingAdd(column_idx, repeat) > limits_.max_columns) {
    return MakeError(ErrorCode::kTooLarge,
                     fmt::format("row {} has data beyond column {}, the limit", row_idx + 1,
                                 limits_.max_columns));
  }
  const bool same_row = table_.row_count() == row_idx + 1;
  const std::uint64_t first_new = same_row ? next_column_ : 0;
  const std::uint64_t added = column_idx - first_new + repeat;
  if (Status cells_ok = CheckCells(row_idx, added); !cells_ok) return cells_ok;
  OpenRow(row_idx);
  for (std::uint64_t gap_idx = first_new; gap_idx < column_idx; ++gap_idx) table_.AddCell({});
  for (std::uint64_t copy_idx = 0; copy_idx < repeat; ++copy_idx) {
    table_.AddSpanCell(text.offset, text.size);
  }
  next_column_ = column_idx + repeat;
  cell_total_ += added;
  return {};
}

Status SheetBuilder::AddCell(std::uint64_t row_idx, std::uint64_t column_idx, std::string_view text,
                             std::uint64_t repeat) {
  if (text.empty() || repeat == 0) return {};
  Result<TextRef> stored = StoreText(text);
  if (!stored) return stored.error();
  return AddCell(row_idx, column_idx, stored.value(), repeat);
}

Status SheetBuilder::RepeatRow(std::uint64_t row_idx, std::uint64_t count) {
  if (count == 0 || table_.row_count() != row_idx + 1) return {};
  const std::size_t cells = table_.cell_count(row_idx);
  if (cells == 0) return {};
  if (Status row_ok = CheckRow(SaturatingAdd(row_idx, count)); !row_ok) return row_ok;
  if (Status cells_ok = CheckCells(row_idx, SaturatingMultiply(cells, count)); !cells_ok) {
    return cells_ok;
  }
  std::vector<TextRef> row_text;
  row_text.reserve(cells);
  const char* const base = table_.buffer().data();
  std::uint64_t row_bytes = 0;
  for (std::size_t column_idx = 0; column_idx < cells; ++column_idx) {
    const std::string_view cell = table_.Cell(row_idx, column_idx);
    row_text.push_back(TextRef{static_cast<std::uint32_t>(cell.data() - base),
                               static_cast<std::uint32_t>(cell.size())});
    row_bytes += cell.size();
  }
  if (Status fits = CountExpanded(row_idx, SaturatingMultiply(row_bytes, count)); !fits) {
    return fits;
  }
  for (std::uint64_t copy_idx = 1; copy_idx <= count; ++copy_idx) {
    table_.BeginRow(static_cast<std::uint32_t>(row_idx + copy_idx + 1));
    for (const TextRef& text : row_text) table_.AddSpanCell(text.offset, text.size);
  }
  cell_total_ += cells * count;
  next_column_ = cells;
  return {};
}

Table SheetBuilder::Finish() && {
  table_.ShrinkToFit();
  return std::move(table_);
}

}  // namespace rollcall::table
