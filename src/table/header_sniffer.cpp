// SniffHeader and the value shapes it looks for.
#include <algorithm>
#include <cctype>
#include <map>

#include "table/csv.hpp"

namespace rollcall::table {
namespace {

constexpr std::size_t kRowsCompared = 50;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Reads a run of digits; returns how many.
std::size_t Digits(std::string_view text, std::size_t& position) {
  const std::size_t start = position;
  while (position < text.size() && IsDigit(text[position])) ++position;
  return position - start;
}

}  // namespace

bool LooksLikeDate(std::string_view text) {
  text = Trim(text);
  std::size_t position = 0;
  const std::size_t first = Digits(text, position);
  if (first == 0 || position >= text.size()) return false;
  const char separator = text[position];
  if (separator != '/' && separator != '.' && separator != '-') return false;
  ++position;
  const std::size_t second = Digits(text, position);
  if (second == 0 || second > 2 || position >= text.size() || text[position] != separator) {
    return false;
  }
  ++position;
  const std::size_t third = Digits(text, position);
  const bool day_first = first <= 2 && (third == 2 || third == 4);
  const bool year_first = first == 4 && third >= 1 && third <= 2;
  // A time may follow ("2010-02-01 00:00:00", "01/02/2010 08:00").
  const bool rest_ok = position == text.size() || text[position] == ' ' || text[position] == 'T';
  return (day_first || year_first) && rest_ok;
}

bool LooksLikeNumber(std::string_view text) {
  text = Trim(text);
  std::size_t position = 0;
  if (position < text.size() && (text[position] == '-' || text[position] == '+')) ++position;
  const std::size_t integer = Digits(text, position);
  if (position < text.size() && (text[position] == '.' || text[position] == ',')) {
    ++position;
    return Digits(text, position) > 0 && position == text.size();
  }
  return integer > 0 && position == text.size();
}

bool LooksLikeEmail(std::string_view text) {
  text = Trim(text);
  const std::size_t at = text.find('@');
  if (at == std::string_view::npos || at == 0) return false;
  const std::size_t dot = text.find('.', at);
  return dot != std::string_view::npos && dot > at + 1 && dot + 1 < text.size() &&
         text.find(' ') == std::string_view::npos;
}

namespace {

bool LooksLikeValue(std::string_view text) {
  return LooksLikeDate(text) || LooksLikeNumber(text) || LooksLikeEmail(text);
}

// What the rows under row 0 (up to last_row) hold in one column.
struct ColumnBelow {
  std::size_t filled = 0;     // non-empty cells
  std::size_t values = 0;     // cells that look like a date, a number or an e-mail address
  bool repeats_name = false;  // a cell equal to row 0's
};

ColumnBelow ExamineColumnBelow(const Table& table, std::size_t column_idx, std::string_view name,
                               std::size_t last_row) {
  ColumnBelow below;
  for (std::size_t row_idx = 1; row_idx < last_row; ++row_idx) {
    const std::string_view cell = Trim(table.Cell(row_idx, column_idx));
    if (cell.empty()) continue;
    ++below.filled;
    below.values += LooksLikeValue(cell) ? 1 : 0;
    below.repeats_name = below.repeats_name || cell == name;
  }
  return below;
}

}  // namespace

// Steps: 1. a lone cell above wider rows is a title or a comment, not column names; 2. a cell
// that looks like a value makes the row data; 3. a name above a column of values is a header,
// whatever else the row holds; 4. otherwise a cell seen again below in its column is data ("5a",
// "CM1"), not a column name.
std::size_t ModalWidth(const Table& table, std::size_t begin_row, std::size_t end_row) {
  std::map<std::size_t, std::size_t> frequency;
  for (std::size_t row_idx = begin_row; row_idx < end_row; ++row_idx) {
    ++frequency[table.cell_count(row_idx)];
  }
  std::size_t width = 0, best = 0;
  for (const auto& [count, times] : frequency) {
    if (times >= best) {
      width = count;
      best = times;
    }
  }
  return width;
}

bool SniffHeader(const Table& table) {
  if (table.row_count() == 0) return true;
  const std::size_t last_row = std::min(table.row_count(), kRowsCompared + 1);
  const std::size_t columns = table.cell_count(0);
  if (columns == 1 && ModalWidth(table, 1, last_row) > 1) return false;  // 1.
  bool any_text = false, names_values = false, repeats_below = false;
  for (std::size_t column_idx = 0; column_idx < columns; ++column_idx) {
    const std::string_view cell = Trim(table.Cell(0, column_idx));
    if (cell.empty()) continue;
    if (LooksLikeValue(cell)) return false;  // 2.
    any_text = true;
    const ColumnBelow below = ExamineColumnBelow(table, column_idx, cell, last_row);
    names_values = names_values || below.values * 2 > below.filled;  // 3.
    repeats_below = repeats_below || below.repeats_name;             // 4.
  }
  return any_text && (names_values || !repeats_below);
}

}  // namespace rollcall::table
