#include "cli/text_table.hpp"

#include <algorithm>
#include <ostream>

#include "base/check.hpp"

namespace rollcall::cli {
namespace {

// Characters, approximated by UTF-8 lead bytes: right for the Latin scripts of names.
std::size_t Width(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

void PrintRow(std::ostream& out, const std::vector<std::string>& cells,
              const std::vector<std::size_t>& widths) {
  std::string line;
  for (std::size_t column_idx = 0; column_idx < cells.size(); ++column_idx) {
    line += cells[column_idx];
    if (column_idx + 1 < cells.size()) {
      line.append(widths[column_idx] - Width(cells[column_idx]) + 2, ' ');
    }
  }
  line.erase(line.find_last_not_of(' ') + 1);  // empty last cells leave no trailing blanks
  out << line << '\n';
}

}  // namespace

void TextTable::AddRow(std::vector<std::string> cells) {
  ROLLCALL_CHECK(cells.size() == header_.size());
  rows_.push_back(std::move(cells));
}

void TextTable::Print(std::ostream& out) const {
  std::vector<std::size_t> widths(header_.size());
  for (std::size_t column_idx = 0; column_idx < header_.size(); ++column_idx) {
    widths[column_idx] = Width(header_[column_idx]);
    for (const std::vector<std::string>& row : rows_) {
      widths[column_idx] = std::max(widths[column_idx], Width(row[column_idx]));
    }
  }
  PrintRow(out, header_, widths);
  for (const std::vector<std::string>& row : rows_) PrintRow(out, row, widths);
}

}  // namespace rollcall::cli
