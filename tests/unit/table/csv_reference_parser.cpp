// The CSV parser of commit c03619e, kept as it was but for its name: a test reference that reads
// one byte at a time, with no block boundaries to get wrong. csv_parser_equivalence_test.cpp
// checks that ParseCsv, made faster since, still reads exactly what this one reads.
#include "unit/table/csv_reference_parser.hpp"

#include <fmt/format.h>

#include <array>
#include <cstring>

namespace rollcall::table {
namespace {

class ByteByByteParser {
 public:
  ByteByByteParser(const CsvDialect& dialect, const Limits& limits,
                   std::vector<Diagnostic>& diagnostics, Table& table)
      : dialect_(dialect),
        limits_(limits),
        diagnostics_(diagnostics),
        table_(table),
        buffer_(table.mutable_buffer()),
        size_(buffer_.size()) {
    stops_[static_cast<unsigned char>(dialect.delimiter)] = true;
    stops_['\r'] = true;
    stops_['\n'] = true;
  }

  Status Run();

 private:
  // Steps of one record: 1. skip blank and comment lines, 2. read cells until a line end,
  // 3. close the record.
  bool SkipBlankOrComment();
  Status ReadRecord();
  // Reads one cell at position_; leaves position_ on the delimiter, a line end, or the end.
  void ReadCell();
  void ReadUnquotedCell(std::size_t cell_start);
  void ReadQuotedCell(std::size_t quote_position);
  // Consumes the line end at position_, if any. Returns false at the end of the text.
  bool ConsumeLineEnd();
  void CountLineEnds(std::size_t begin, std::size_t end);
  bool IsSpace(char c) const { return (c == ' ' || c == '\t') && c != dialect_.delimiter; }
  void AddCell(std::size_t begin, std::size_t end);

  const CsvDialect& dialect_;
  const Limits& limits_;
  std::vector<Diagnostic>& diagnostics_;
  Table& table_;
  std::string& buffer_;
  const std::size_t size_;
  std::array<bool, 256> stops_{};
  std::size_t position_ = 0;
  std::uint32_t line_ = 1;         // physical line at position_
  std::uint32_t record_line_ = 1;  // line where the current record started
  std::uint64_t cells_ = 0;
  std::size_t cells_in_record_ = 0;
};

Status ByteByByteParser::Run() {
  while (position_ < size_) {
    if (SkipBlankOrComment()) continue;
    if (Status status = ReadRecord(); !status) return status;
  }
  return {};
}

bool ByteByByteParser::SkipBlankOrComment() {
  const char c = buffer_[position_];
  if ((c == '\n' || c == '\r') && dialect_.skip_blank_lines) {
    ConsumeLineEnd();
    return true;
  }
  if (dialect_.comment && c == *dialect_.comment) {
    while (position_ < size_ && buffer_[position_] != '\n' && buffer_[position_] != '\r') {
      ++position_;
    }
    ConsumeLineEnd();
    return true;
  }
  return false;
}

Status ByteByByteParser::ReadRecord() {
  if (table_.row_count() >= limits_.max_rows) {
    return MakeError(ErrorCode::kTooLarge,
                     fmt::format("more than {} rows (line {})", limits_.max_rows, line_));
  }
  record_line_ = line_;
  table_.BeginRow(record_line_);
  cells_in_record_ = 0;
  while (true) {
    ReadCell();
    if (cells_in_record_ > limits_.max_columns || cells_ > limits_.max_cells) {
      return MakeError(ErrorCode::kTooLarge,
                       fmt::format("line {}: more than {} cells", record_line_,
                                   cells_in_record_ > limits_.max_columns ? limits_.max_columns
                                                                          : limits_.max_cells));
    }
    if (position_ < size_ && buffer_[position_] == dialect_.delimiter) {
      ++position_;  // at the end of the text, the next ReadCell() adds the empty last cell
      continue;
    }
    ConsumeLineEnd();
    return {};
  }
}

void ByteByByteParser::AddCell(std::size_t begin, std::size_t end) {
  if (dialect_.trim_unquoted_spaces) {
    while (begin < end && (buffer_[begin] == ' ' || buffer_[begin] == '\t')) ++begin;
    while (end > begin && (buffer_[end - 1] == ' ' || buffer_[end - 1] == '\t')) --end;
  }
  table_.AddSpanCell(static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end - begin));
  ++cells_;
  ++cells_in_record_;
}

void ByteByByteParser::ReadCell() {
  std::size_t look = position_;
  if (dialect_.quote_after_spaces) {
    while (look < size_ && IsSpace(buffer_[look])) ++look;
  }
  if (look < size_ && buffer_[look] == dialect_.quote) {
    ReadQuotedCell(look);
  } else {
    ReadUnquotedCell(position_);
  }
}

void ByteByByteParser::ReadUnquotedCell(std::size_t cell_start) {
  const char* data = buffer_.data();
  std::size_t end = cell_start;
  while (end < size_ && !stops_[static_cast<unsigned char>(data[end])]) ++end;
  AddCell(cell_start, end);
  position_ = end;
}

void ByteByByteParser::ReadQuotedCell(std::size_t quote_position) {
  const char quote = dialect_.quote;
  const std::size_t content = quote_position + 1;
  // 1. Find the closing quote, noting whether doubled quotes need unescaping.
  std::size_t scan = content;
  bool has_doubled = false;
  std::size_t closing = std::string::npos;
  while (true) {
    const void* found = std::memchr(buffer_.data() + scan, quote, size_ - scan);
    if (found == nullptr) break;
    const auto at = static_cast<std::size_t>(static_cast<const char*>(found) - buffer_.data());
    if (at + 1 < size_ && buffer_[at + 1] == quote) {
      has_doubled = true;
      scan = at + 2;
      continue;
    }
    closing = at;
    break;
  }
  if (closing == std::string::npos) {
    // 2a. No closing quote: read the opening quote as text, so one bad cell does not swallow
    // the rest of the file.
    diagnostics_.push_back(MakeDiagnostic(Severity::kWarning, "unterminated_quote", line_,
                                          static_cast<int>(cells_in_record_ + 1)));
    ReadUnquotedCell(position_);
    return;
  }
  CountLineEnds(content, closing);
  // 2b. Unescape in place.
  std::size_t write = content;
  if (has_doubled) {
    for (std::size_t read = content; read < closing; ++read) {
      buffer_[write++] = buffer_[read];
      if (buffer_[read] == quote) ++read;  // skip the second of a doubled quote
    }
  } else {
    write = closing;
  }
  // 3. After the closing quote: spaces, then a delimiter, a line end or the end. Anything else
  // is kept as text after the quoted part.
  std::size_t after = closing + 1;
  while (after < size_ && IsSpace(buffer_[after])) ++after;
  if (after < size_ && !stops_[static_cast<unsigned char>(buffer_[after])]) {
    diagnostics_.push_back(MakeDiagnostic(Severity::kWarning, "text_after_closing_quote", line_,
                                          static_cast<int>(cells_in_record_ + 1)));
    std::size_t end = closing + 1;
    while (end < size_ && !stops_[static_cast<unsigned char>(buffer_[end])]) ++end;
    for (std::size_t read = closing + 1; read < end; ++read) {
      if (buffer_[read] != quote) buffer_[write++] = buffer_[read];
    }
    after = end;
  }
  table_.AddSpanCell(static_cast<std::uint32_t>(content),
                     static_cast<std::uint32_t>(write - content));
  ++cells_;
  ++cells_in_record_;
  position_ = after;
}

void ByteByByteParser::CountLineEnds(std::size_t begin, std::size_t end) {
  for (std::size_t position = begin; position < end; ++position) {
    if (buffer_[position] == '\n') {
      if (position == begin || buffer_[position - 1] != '\r') ++line_;
    } else if (buffer_[position] == '\r') {
      ++line_;
    }
  }
}

bool ByteByByteParser::ConsumeLineEnd() {
  if (position_ >= size_) return false;
  if (buffer_[position_] == '\r') {
    ++position_;
    if (position_ < size_ && buffer_[position_] == '\n') ++position_;
    ++line_;
    return true;
  }
  if (buffer_[position_] == '\n') {
    ++position_;
    ++line_;
    return true;
  }
  return false;
}

}  // namespace

Result<Table> ParseCsvByteByByte(std::string utf8, const CsvDialect& dialect, const Limits& limits,
                                 std::vector<Diagnostic>& diagnostics) {
  if (utf8.size() > UINT32_MAX) {
    return MakeError(ErrorCode::kTooLarge, "a text file over 4 GiB cannot be read");
  }
  Table table(std::move(utf8));
  ByteByByteParser parser(dialect, limits, diagnostics, table);
  if (Status status = parser.Run(); !status) return status.error();
  table.ShrinkToFit();
  return table;
}

}  // namespace rollcall::table
