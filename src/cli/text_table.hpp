// A table of text for the terminal: a header row, then rows, columns padded to their widest cell
// (counted in characters, not bytes, so accented names line up). Not thread-safe.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace rollcall::cli {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  // REQUIRES: as many cells as the header has.
  void AddRow(std::vector<std::string> cells);
  // No line ends in spaces.
  void Print(std::ostream& out) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace rollcall::cli
