// ParseCsv: one pass over the decoded text; cells are spans into it, quoted cells unescaped in
// place (a quoted cell only ever shrinks).
//
// Speed and memory (issue 2): 1. the delimiters and line ends are counted first, so that the table
// reserves its rows and cells once (growing by doubling would copy the cells and briefly hold them
// twice: most of the peak memory of a read); 2. the text is matched 64 bytes at a time against
// the bytes that end a cell (csv_blocks.hpp), so that the end of a cell or the closing quote is
// found with a few bit operations, not a test per byte. The rules are still applied cell by cell:
// a quote means something only at the start of a cell, which a mask of "inside quotes" bits (the
// prefix-XOR of the quote bits) would not know, and spaces, doubled quotes and text after a
// closing quote are as before. Cells that may be quoted are rare; the others take a short path
// (ReadPlainCells).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "table/csv.hpp"
#include "table/csv_blocks.hpp"

namespace rollcall::table {
namespace {

// Where a quoted cell's closing quote is (npos: nowhere), and what lies before it.
struct ClosingQuote {
  std::size_t position = std::string::npos;
  bool has_doubled_quotes = false;
  std::uint32_t line_ends = 0;  // CR LF counts once
};

// Where ReadPlainCells() stopped: before a cell that may be quoted, or at the end of a cell that
// ends the record (or passes a limit).
struct PlainCells {
  std::size_t end;
  bool before_quoted_cell;
};

class CsvParser {
 public:
  CsvParser(const CsvDialect& dialect, const Limits& limits, std::vector<Diagnostic>& diagnostics,
            Table& table)
      : dialect_(dialect),
        limits_(limits),
        diagnostics_(diagnostics),
        table_(table),
        buffer_(table.mutable_buffer()),
        size_(buffer_.size()),
        stops_(buffer_, {dialect.delimiter, '\r', '\n'}),
        quotes_and_line_ends_(buffer_, {dialect.quote, '\r', '\n'}),
        line_ends_(buffer_, {'\r', '\n', '\n'}) {
    starts_quoted_[static_cast<unsigned char>(dialect.quote)] = true;
    if (dialect.quote_after_spaces) {
      for (const char space : {' ', '\t'}) {
        if (IsSpace(space)) starts_quoted_[static_cast<unsigned char>(space)] = true;
      }
    }
  }

  Status Run();

 private:
  // Steps of one record: 1. skip blank and comment lines, 2. read cells until a line end,
  // 3. close the record.
  bool SkipBlankOrComment();
  Status ReadRecord();
  // The hot path: reads the open record's cells from `position` on while none may be quoted (each
  // starts with neither a quote nor a space that may come before one, and ends at the next stop).
  // Inlined into ReadRecord(), whose loop then keeps the position in a register.
  [[gnu::always_inline]] PlainCells ReadPlainCells(std::size_t position);
  std::size_t CellsInRecord() const { return cells_ - record_first_cell_; }
  Status CellLimitExceeded() const;
  // The Read*Cell() functions read the cell that starts at `cell_start` and return where it
  // ends: on the delimiter, a line end, or the end of the text.
  std::size_t ReadCellAfterSpaces(std::size_t cell_start);
  std::size_t ReadUnquotedCell(std::size_t cell_start);
  std::size_t ReadQuotedCell(std::size_t cell_start, std::size_t quote_position);
  ClosingQuote FindClosingQuote(std::size_t content);
  std::size_t MoveTextAfterClosingQuote(std::size_t begin, std::size_t end, std::size_t write);
  // Consumes the line end at position_, if any.
  void ConsumeLineEnd();
  bool IsSpace(char c) const { return (c == ' ' || c == '\t') && c != dialect_.delimiter; }
  bool IsStop(char c) const { return c == dialect_.delimiter || c == '\r' || c == '\n'; }
  // AddCell() trims an unquoted cell if the dialect says so; AddCellAsIs() does not (a quoted
  // cell's spaces are its own).
  [[gnu::always_inline]] void AddCell(std::size_t begin, std::size_t end);
  [[gnu::always_inline]] void AddCellAsIs(std::size_t begin, std::size_t end);

  const CsvDialect dialect_;  // a copy: read for every cell, where a reference costs a load more
  const Limits& limits_;
  std::vector<Diagnostic>& diagnostics_;
  Table& table_;
  std::string& buffer_;
  const std::size_t size_;
  internal::BlockScanner stops_;  // the delimiter, CR and LF: where unquoted cells end
  internal::BlockScanner quotes_and_line_ends_;
  internal::BlockScanner line_ends_;
  std::size_t position_ = 0;
  std::uint32_t line_ = 1;         // physical line at position_
  std::uint32_t record_line_ = 1;  // line where the current record started
  // A byte a cell may start with to be quoted: the quote, and spaces if they may come before it.
  std::array<bool, 256> starts_quoted_{};
  std::uint64_t cells_ = 0;
  std::uint64_t record_first_cell_ = 0;
  // The most cells_ may reach in this record: the column and the cell limit in one comparison.
  std::uint64_t record_cell_limit_ = 0;
};

Status CsvParser::Run() {
  while (position_ < size_) {
    if (SkipBlankOrComment()) continue;
    if (Status status = ReadRecord(); !status) return status;
  }
  return {};
}

bool CsvParser::SkipBlankOrComment() {
  const char c = buffer_[position_];
  if ((c == '\n' || c == '\r') && dialect_.skip_blank_lines) {
    ConsumeLineEnd();
    return true;
  }
  if (dialect_.comment && c == *dialect_.comment) {
    position_ = line_ends_.Find(position_);
    ConsumeLineEnd();
    return true;
  }
  return false;
}

Status CsvParser::ReadRecord() {
  if (table_.row_count() >= limits_.max_rows) {
    return MakeError(ErrorCode::kTooLarge,
                     fmt::format("more than {} rows (line {})", limits_.max_rows, line_));
  }
  record_line_ = line_;
  table_.BeginRow(record_line_);
  record_first_cell_ = cells_;
  // cells_ <= max_cells here, so the sum cannot overflow where it matters.
  record_cell_limit_ = limits_.max_columns >= limits_.max_cells - cells_
                           ? limits_.max_cells
                           : cells_ + limits_.max_columns;
  std::size_t position = position_;
  while (true) {
    const PlainCells plain = ReadPlainCells(position);
    if (cells_ > record_cell_limit_) return CellLimitExceeded();
    position = plain.end;
    if (!plain.before_quoted_cell) break;
    position = ReadCellAfterSpaces(position);
    if (cells_ > record_cell_limit_) return CellLimitExceeded();
    if (position >= size_ || buffer_[position] != dialect_.delimiter) break;
    ++position;  // at the end of the text, ReadPlainCells() adds the empty last cell
  }
  position_ = position;
  ConsumeLineEnd();
  return {};
}

inline PlainCells CsvParser::ReadPlainCells(std::size_t position) {
  while (true) {
    if (position < size_ && starts_quoted_[static_cast<unsigned char>(buffer_[position])]) {
      return {position, true};
    }
    const std::size_t end = stops_.Find(position);
    AddCell(position, end);
    const bool delimiter_follows = end < size_ && buffer_[end] == dialect_.delimiter;
    if (!delimiter_follows || cells_ > record_cell_limit_) return {end, false};
    position = end + 1;  // at the end of the text, the next round adds the empty last cell
  }
}

Status CsvParser::CellLimitExceeded() const {
  return MakeError(
      ErrorCode::kTooLarge,
      fmt::format("line {}: more than {} cells", record_line_,
                  CellsInRecord() > limits_.max_columns ? limits_.max_columns : limits_.max_cells));
}

inline void CsvParser::AddCell(std::size_t begin, std::size_t end) {
  if (dialect_.trim_unquoted_spaces) {
    while (begin < end && (buffer_[begin] == ' ' || buffer_[begin] == '\t')) ++begin;
    while (end > begin && (buffer_[end - 1] == ' ' || buffer_[end - 1] == '\t')) --end;
  }
  AddCellAsIs(begin, end);
}

inline void CsvParser::AddCellAsIs(std::size_t begin, std::size_t end) {
  table_.AddSpanCell(static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end - begin));
  ++cells_;
}

// A cell that starts with a quote, or with spaces that may come before one.
std::size_t CsvParser::ReadCellAfterSpaces(std::size_t cell_start) {
  std::size_t look = cell_start;
  if (dialect_.quote_after_spaces) {
    while (look < size_ && IsSpace(buffer_[look])) ++look;
  }
  if (look < size_ && buffer_[look] == dialect_.quote) return ReadQuotedCell(cell_start, look);
  return ReadUnquotedCell(cell_start);
}

std::size_t CsvParser::ReadUnquotedCell(std::size_t cell_start) {
  const std::size_t end = stops_.Find(cell_start);
  AddCell(cell_start, end);
  return end;
}

// Quotes pair off from the left: `""` inside the quotes is a doubled quote, a lone one closes.
ClosingQuote CsvParser::FindClosingQuote(std::size_t content) {
  ClosingQuote closing;
  std::size_t scan = content;
  while (true) {
    const std::size_t at = quotes_and_line_ends_.Find(scan);
    if (at == size_) return ClosingQuote{};
    const char c = buffer_[at];
    scan = at + 1;
    if (c == dialect_.quote) {
      if (at + 1 < size_ && buffer_[at + 1] == dialect_.quote) {
        closing.has_doubled_quotes = true;
        scan = at + 2;
        continue;
      }
      closing.position = at;
      return closing;
    }
    if (c == '\r' || at == content || buffer_[at - 1] != '\r') ++closing.line_ends;
  }
}

std::size_t CsvParser::ReadQuotedCell(std::size_t cell_start, std::size_t quote_position) {
  const char quote = dialect_.quote;
  const std::size_t content = quote_position + 1;
  // 1. Find the closing quote, noting whether doubled quotes need unescaping.
  const ClosingQuote closing = FindClosingQuote(content);
  if (closing.position == std::string::npos) {
    // 2a. No closing quote: read the opening quote as text, so one bad cell does not swallow
    // the rest of the file.
    diagnostics_.push_back(MakeDiagnostic(Severity::kWarning, "unterminated_quote", line_,
                                          static_cast<int>(CellsInRecord() + 1)));
    return ReadUnquotedCell(cell_start);
  }
  line_ += closing.line_ends;
  // 2b. Unescape in place.
  std::size_t write = closing.position;
  if (closing.has_doubled_quotes) {
    write = content;
    for (std::size_t read = content; read < closing.position; ++read) {
      buffer_[write++] = buffer_[read];
      if (buffer_[read] == quote) ++read;  // skip the second of a doubled quote
    }
  }
  // 3. After the closing quote: spaces, then a delimiter, a line end or the end. Anything else
  // is kept as text after the quoted part.
  std::size_t after = closing.position + 1;
  while (after < size_ && IsSpace(buffer_[after])) ++after;
  if (after < size_ && !IsStop(buffer_[after])) {
    diagnostics_.push_back(MakeDiagnostic(Severity::kWarning, "text_after_closing_quote", line_,
                                          static_cast<int>(CellsInRecord() + 1)));
    after = stops_.Find(closing.position + 1);
    write = MoveTextAfterClosingQuote(closing.position + 1, after, write);
  }
  AddCellAsIs(content, write);
  return after;
}

// Moves [begin, end) to `write`, without its quotes. Returns where the cell now ends.
std::size_t CsvParser::MoveTextAfterClosingQuote(std::size_t begin, std::size_t end,
                                                 std::size_t write) {
  for (std::size_t read = begin; read < end; ++read) {
    if (buffer_[read] != dialect_.quote) buffer_[write++] = buffer_[read];
  }
  return write;
}

void CsvParser::ConsumeLineEnd() {
  if (position_ >= size_) return;
  if (buffer_[position_] == '\r') {
    ++position_;
    if (position_ < size_ && buffer_[position_] == '\n') ++position_;
    ++line_;
  } else if (buffer_[position_] == '\n') {
    ++position_;
    ++line_;
  }
}

// Rows and cells the text can hold at most: every cell but the last ends at a delimiter or a line
// end, every row but the last at a line end. Capped by the limits, which end the parse anyway.
void ReserveRowsAndCells(Table& table, char delimiter, const Limits& limits) {
  const internal::SeparatorCounts counts = internal::CountSeparators(table.buffer(), delimiter);
  const std::uint64_t rows = std::min<std::uint64_t>(counts.line_ends + 1, limits.max_rows);
  const std::uint64_t cells =
      std::min<std::uint64_t>(counts.delimiters + counts.line_ends + 1, limits.max_cells);
  table.Reserve(static_cast<std::size_t>(rows), static_cast<std::size_t>(cells));
}

}  // namespace

Result<Table> ParseCsv(std::string utf8, const CsvDialect& dialect, const Limits& limits,
                       std::vector<Diagnostic>& diagnostics) {
  if (utf8.size() > UINT32_MAX) {
    return MakeError(ErrorCode::kTooLarge, "a text file over 4 GiB cannot be read");
  }
  Table table(std::move(utf8));
  ReserveRowsAndCells(table, dialect.delimiter, limits);
  CsvParser parser(dialect, limits, diagnostics, table);
  if (Status status = parser.Run(); !status) return status.error();
  table.ShrinkToFit();
  return table;
}

}  // namespace rollcall::table
