// SniffHeader and the value shapes it looks for.
#include <cctype>

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

bool SniffHeader(const Table& table) {
  if (table.row_count() == 0) return true;
  const std::size_t columns = table.cell_count(0);
  bool any_text = false;
  for (std::size_t column_idx = 0; column_idx < columns; ++column_idx) {
    const std::string_view cell = Trim(table.Cell(0, column_idx));
    if (cell.empty()) continue;
    if (LooksLikeDate(cell) || LooksLikeNumber(cell) || LooksLikeEmail(cell)) return false;
    any_text = true;
    // A value seen again below in its column is data, not a column name ("5a", "CM1").
    const std::size_t last_row = std::min(table.row_count(), kRowsCompared + 1);
    for (std::size_t row_idx = 1; row_idx < last_row; ++row_idx) {
      if (Trim(table.Cell(row_idx, column_idx)) == cell) return false;
    }
  }
  return any_text;
}

}  // namespace rollcall::table
