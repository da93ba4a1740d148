// rollcall-xls: reads one sheet of a legacy Excel (BIFF) workbook inside a sandbox and writes its
// cells to standard output as files/xls_wire.hpp frames. Started by files::ReadXlsFile() only.
//
// Usage: rollcall-xls SHEET_INDEX MAX_CELLS MAX_TEXT_BYTES   (the workbook on standard input)
//
// Steps:
//   1. enter the sandbox (sandbox.hpp) before FreeXL sees a byte;
//   2. open the workbook for its metadata only and check the chosen sheet's dimensions, because
//      FreeXL's full open allocates every cell of every sheet's rectangle;
//   3. open it fully and send the sheet names, then each filled cell;
//   4. end with 'D', or with 'E' and the reason, and leave through _exit(): no exit handler (nor a
//      sanitizer's leak check, which the filter would refuse) runs after reading hostile bytes.
// FreeXL already turns date-formatted numbers into "YYYY-MM-DD[ HH:MM:SS]" text and every string
// into UTF-8; numbers follow table/cell_format.hpp.
#include <fcntl.h>
#include <fmt/format.h>
#include <freexl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "files/xls_wire.hpp"
#include "table/cell_format.hpp"
#include "xls_helper/sandbox.hpp"

namespace rollcall::xls_helper {
namespace {

constexpr std::size_t kFlushBytes = 1 << 16;

struct Request {
  unsigned int sheet_index = 0;
  std::uint64_t max_cells = 0;
  std::uint64_t max_text_bytes = 0;
};

// Writes frames to fd 1 in batches.
class Output {
 public:
  std::string& buffer() { return buffer_; }
  bool FlushIfFull() { return buffer_.size() < kFlushBytes || Flush(); }
  bool Flush() {
    std::string_view rest = buffer_;
    while (!rest.empty()) {
      const ssize_t written = write(1, rest.data(), rest.size());
      if (written <= 0) return false;
      rest.remove_prefix(static_cast<std::size_t>(written));
    }
    buffer_.clear();
    return true;
  }

 private:
  std::string buffer_;
};

class FreeXlHandle {
 public:
  FreeXlHandle() = default;
  ~FreeXlHandle() {
    // FreeXL asks to be closed even after a failed open.
    if (handle_ != nullptr) freexl_close(handle_);
  }
  FreeXlHandle(const FreeXlHandle&) = delete;
  FreeXlHandle& operator=(const FreeXlHandle&) = delete;
  const void* get() const { return handle_; }
  const void** out() { return &handle_; }

 private:
  const void* handle_ = nullptr;
};

Error FreeXlError(int code) {
  switch (code) {
    case FREEXL_INSUFFICIENT_MEMORY:
      return MakeError(ErrorCode::kTooLarge, "too large to read");
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_CFBF_INVALID_SIGNATURE:
      return MakeError(ErrorCode::kCorrupt, "not an XLS workbook (no OLE2 compound file header)");
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
      return MakeError(ErrorCode::kCorrupt,
                       "the file holds no Excel workbook stream (an encrypted XLSX or another "
                       "Office document?)");
    default:
      return MakeError(ErrorCode::kCorrupt,
                       fmt::format("the XLS workbook is damaged (FreeXL error {})", code));
  }
}

Status CheckDimensions(std::uint32_t rows, std::uint16_t columns, const Request& request) {
  if (std::uint64_t{rows} * columns <= request.max_cells) return {};
  return MakeError(ErrorCode::kTooLarge,
                   fmt::format("the sheet spans {} rows and {} columns, more than the limit of {} "
                               "cells",
                               rows, columns, request.max_cells));
}

// The sheet count, or why the workbook cannot give the requested sheet.
Result<unsigned int> CheckSheet(const void* handle, const Request& request) {
  unsigned int sheet_count = 0;
  if (const int code = freexl_get_info(handle, FREEXL_BIFF_SHEET_COUNT, &sheet_count);
      code != FREEXL_OK) {
    return FreeXlError(code);
  }
  // A workbook without a sheet is damaged, not a wrong question from the caller.
  if (sheet_count == 0) return MakeError(ErrorCode::kCorrupt, "the XLS workbook has no sheet");
  if (request.sheet_index >= sheet_count) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("sheet {} was asked for, but the workbook has {} sheet(s)",
                                 request.sheet_index + 1, sheet_count));
  }
  return sheet_count;
}

// Step 2.
Status PrecheckSheet(const Request& request) {
  FreeXlHandle info;
  if (const int opened = freexl_open_info(kWorkbookPath, info.out()); opened != FREEXL_OK) {
    return FreeXlError(opened);
  }
  unsigned int password = 0;
  if (freexl_get_info(info.get(), FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK &&
      password == FREEXL_BIFF_OBFUSCATED) {
    return MakeError(ErrorCode::kUnsupportedFormat, "the workbook is password-protected");
  }
  if (Result<unsigned int> sheets = CheckSheet(info.get(), request); !sheets) {
    return sheets.error();
  }
  unsigned int rows = 0;
  unsigned short columns = 0;
  if (freexl_select_active_worksheet(
          info.get(), static_cast<unsigned short>(request.sheet_index)) != FREEXL_OK ||
      freexl_worksheet_dimensions(info.get(), &rows, &columns) != FREEXL_OK) {
    return {};  // the full open will say what is wrong
  }
  return CheckDimensions(rows, columns, request);
}

std::string CellText(const FreeXL_CellValue& cell) {
  switch (cell.type) {
    case FREEXL_CELL_INT:
      return std::to_string(cell.value.int_value);
    case FREEXL_CELL_DOUBLE:
      return table::FormatNumber(cell.value.double_value);
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_TIME:
      return cell.value.text_value != nullptr ? cell.value.text_value : "";
    case FREEXL_CELL_DATETIME: {
      std::string text = cell.value.text_value != nullptr ? cell.value.text_value : "";
      // Dates written with a date-time format keep their time only when there is one.
      if (text.ends_with(" 00:00:00")) text.resize(text.size() - 9);
      return text;
    }
    default:
      return {};
  }
}

void SendSheetNames(const void* handle, unsigned int sheet_count, Output& output) {
  for (unsigned int sheet_idx = 0; sheet_idx < sheet_count; ++sheet_idx) {
    const char* name = nullptr;
    const bool named = freexl_get_worksheet_name(handle, static_cast<unsigned short>(sheet_idx),
                                                 &name) == FREEXL_OK;
    files::xls_wire::AppendSheetName(output.buffer(), named && name != nullptr ? name : "");
  }
}

// Step 3, once the sheet is selected.
Status SendCells(const void* handle, const Request& request, Output& output) {
  unsigned int rows = 0;
  unsigned short columns = 0;
  if (const int code = freexl_worksheet_dimensions(handle, &rows, &columns); code != FREEXL_OK) {
    return FreeXlError(code);
  }
  if (Status fits = CheckDimensions(rows, columns, request); !fits) return fits;
  std::uint64_t text_bytes = 0;
  for (unsigned int row_idx = 0; row_idx < rows; ++row_idx) {
    for (unsigned short column_idx = 0; column_idx < columns; ++column_idx) {
      FreeXL_CellValue cell;
      if (const int code = freexl_get_cell_value(handle, row_idx, column_idx, &cell);
          code != FREEXL_OK) {
        return FreeXlError(code);
      }
      const std::string text = CellText(cell);
      if (text.empty()) continue;
      text_bytes += text.size();
      if (text_bytes > request.max_text_bytes) {
        return MakeError(ErrorCode::kTooLarge,
                         fmt::format("the sheet holds more than {} bytes of text, the limit",
                                     request.max_text_bytes));
      }
      files::xls_wire::AppendCell(output.buffer(), row_idx, column_idx, text);
      if (!output.FlushIfFull()) return MakeError(ErrorCode::kIo, "the reader's pipe closed");
    }
  }
  return {};
}

Status ReadWorkbook(const Request& request, Output& output) {
  if (Status checked = PrecheckSheet(request); !checked) return checked;
  FreeXlHandle workbook;
  if (const int opened = freexl_open(kWorkbookPath, workbook.out()); opened != FREEXL_OK) {
    return FreeXlError(opened);
  }
  Result<unsigned int> sheet_count = CheckSheet(workbook.get(), request);
  if (!sheet_count) return sheet_count.error();
  const auto sheet = static_cast<unsigned short>(request.sheet_index);
  if (const int code = freexl_select_active_worksheet(workbook.get(), sheet); code != FREEXL_OK) {
    return FreeXlError(code);
  }
  SendSheetNames(workbook.get(), sheet_count.value(), output);
  return SendCells(workbook.get(), request, output);
}

template <class Number>
bool ParseNumber(const char* text, Number& value) {
  const std::string_view view(text);
  const auto [end, error] = std::from_chars(view.data(), view.data() + view.size(), value);
  return error == std::errc() && end == view.data() + view.size();
}

// For the tests: enters the sandbox, then tries what a hijacked FreeXL would, and prints one
// line saying what was denied ("open=denied socket=denied fork=denied write=denied").
[[noreturn]] void ProbeSandbox() {
  const std::string failed = EnterSandbox();
  std::string line = failed.empty() ? "" : "sandbox failed: " + failed + " ";
  const auto outcome = [](bool allowed) { return allowed ? "allowed" : "denied"; };
  const int file = open("/etc/passwd", O_RDONLY);
  line += fmt::format("open={} ", outcome(file >= 0));
  const int net = socket(AF_INET, SOCK_STREAM, 0);
  line += fmt::format("socket={} ", outcome(net >= 0));
  const pid_t child = fork();
  if (child == 0) _exit(0);
  line += fmt::format("fork={} ", outcome(child > 0));
  line += fmt::format("write={}\n", outcome(write(3, "x", 1) >= 0 || errno != EPERM));
  const ssize_t written = write(1, line.data(), line.size());
  _exit(written > 0 ? 0 : 1);
}

[[noreturn]] void Finish(Output& output, const Status& status) {
  if (status) {
    output.buffer().push_back(files::xls_wire::kDone);
  } else {
    output.buffer().clear();  // the parent drops a refused sheet whole anyway
    files::xls_wire::AppendError(output.buffer(), static_cast<std::uint32_t>(status.error().code),
                                 status.error().message);
  }
  const bool flushed = output.Flush();
  _exit(flushed ? 0 : 1);  // step 4
}

}  // namespace
}  // namespace rollcall::xls_helper

int main(int argc, char** argv) {
  using namespace rollcall;
  if (argc == 2 && std::string_view(argv[1]) == "--probe-sandbox") {
    xls_helper::ProbeSandbox();
  }
  xls_helper::Output output;
  xls_helper::Request request;
  if (argc != 4 || !xls_helper::ParseNumber(argv[1], request.sheet_index) ||
      !xls_helper::ParseNumber(argv[2], request.max_cells) ||
      !xls_helper::ParseNumber(argv[3], request.max_text_bytes)) {
    xls_helper::Finish(output, MakeError(ErrorCode::kInvalidArgument,
                                         "usage: rollcall-xls SHEET_INDEX MAX_CELLS "
                                         "MAX_TEXT_BYTES < WORKBOOK"));
  }
  if (const std::string failed = xls_helper::EnterSandbox(); !failed.empty()) {
    xls_helper::Finish(
        output,
        MakeError(ErrorCode::kRefused, "the XLS reader's sandbox could not be set up: " + failed));
  }
  xls_helper::Finish(output, xls_helper::ReadWorkbook(request, output));
}
