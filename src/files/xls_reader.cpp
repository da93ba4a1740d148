// ReadXlsFile: legacy Excel (BIFF) workbooks through FreeXL, which reads only from a path — the
// reason this reader lives in `files` and not in the pure `table` module.
//
// Steps:
//   1. open the workbook for its metadata only and check the chosen sheet's dimensions, because
//      FreeXL's full open allocates every cell of every sheet's rectangle;
//   2. open it fully, choose the sheet, and pass each cell through table::SheetBuilder, so
//      positions, trailing blanks and limits behave exactly as for XLSX and ODS;
//   3. sniff the header unless the caller set it.
// FreeXL already turns date-formatted numbers into "YYYY-MM-DD[ HH:MM:SS]" text and every string
// into UTF-8; numbers follow table/cell_format.hpp.
#include <fmt/format.h>
#include <freexl.h>

#include "files/load.hpp"
#include "table/cell_format.hpp"
#include "table/csv.hpp"
#include "table/sheet_builder.hpp"

namespace rollcall::files {
namespace {

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

Error FreeXlError(int code, const std::filesystem::path& path) {
  const std::string file = path.filename().string();
  switch (code) {
    case FREEXL_FILE_NOT_FOUND:
      return MakeError(ErrorCode::kNotFound, fmt::format("{}: no such file", file));
    case FREEXL_INSUFFICIENT_MEMORY:
      return MakeError(ErrorCode::kTooLarge, fmt::format("{}: too large to read", file));
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_CFBF_INVALID_SIGNATURE:
      return MakeError(ErrorCode::kCorrupt,
                       fmt::format("{}: not an XLS workbook (no OLE2 compound file header)", file));
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
      return MakeError(ErrorCode::kCorrupt,
                       fmt::format("{}: the file holds no Excel workbook stream (an encrypted "
                                   "XLSX or another Office document?)",
                                   file));
    default:
      return MakeError(
          ErrorCode::kCorrupt,
          fmt::format("{}: the XLS workbook is damaged (FreeXL error {})", file, code));
  }
}

Status CheckDimensions(std::uint32_t rows, std::uint16_t columns, const table::Limits& limits) {
  if (std::uint64_t{rows} * columns <= limits.max_cells) return {};
  return MakeError(ErrorCode::kTooLarge,
                   fmt::format("the sheet spans {} rows and {} columns, more than the limit of {} "
                               "cells",
                               rows, columns, limits.max_cells));
}

// Step 1.
Status PrecheckSheet(const std::filesystem::path& path, const table::ReadOptions& options) {
  FreeXlHandle info;
  if (const int opened = freexl_open_info(path.c_str(), info.out()); opened != FREEXL_OK) {
    return FreeXlError(opened, path);
  }
  unsigned int password = 0, sheet_count = 0;
  if (freexl_get_info(info.get(), FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK &&
      password == FREEXL_BIFF_OBFUSCATED) {
    return MakeError(
        ErrorCode::kUnsupportedFormat,
        fmt::format("{}: the workbook is password-protected", path.filename().string()));
  }
  if (freexl_get_info(info.get(), FREEXL_BIFF_SHEET_COUNT, &sheet_count) != FREEXL_OK ||
      options.sheet_index >= sheet_count) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("sheet {} was asked for, but the workbook has {} sheet(s)",
                                 options.sheet_index + 1, sheet_count));
  }
  unsigned int rows = 0;
  unsigned short columns = 0;
  if (freexl_select_active_worksheet(
          info.get(), static_cast<unsigned short>(options.sheet_index)) != FREEXL_OK ||
      freexl_worksheet_dimensions(info.get(), &rows, &columns) != FREEXL_OK) {
    return {};  // the full open will say what is wrong
  }
  return CheckDimensions(rows, columns, options.limits);
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

std::vector<std::string> SheetNames(const void* handle, unsigned int sheet_count) {
  std::vector<std::string> names;
  for (unsigned int sheet_idx = 0; sheet_idx < sheet_count; ++sheet_idx) {
    const char* name = nullptr;
    const bool named = freexl_get_worksheet_name(handle, static_cast<unsigned short>(sheet_idx),
                                                 &name) == FREEXL_OK;
    names.emplace_back(named && name != nullptr ? name : "");
  }
  return names;
}

// Step 2, once the sheet is selected.
Result<table::Table> ReadCells(const void* handle, const std::filesystem::path& path,
                               const table::Limits& limits, std::vector<Diagnostic>& diagnostics) {
  unsigned int rows = 0;
  unsigned short columns = 0;
  if (const int code = freexl_worksheet_dimensions(handle, &rows, &columns); code != FREEXL_OK) {
    return FreeXlError(code, path);
  }
  if (Status fits = CheckDimensions(rows, columns, limits); !fits) return fits.error();
  table::SheetBuilder builder(limits, diagnostics);
  for (unsigned int row_idx = 0; row_idx < rows; ++row_idx) {
    for (unsigned short column_idx = 0; column_idx < columns; ++column_idx) {
      FreeXL_CellValue cell;
      if (const int code = freexl_get_cell_value(handle, row_idx, column_idx, &cell);
          code != FREEXL_OK) {
        return FreeXlError(code, path);
      }
      if (Status added = builder.AddCell(row_idx, column_idx, CellText(cell)); !added) {
        return added.error();
      }
    }
  }
  return std::move(builder).Finish();
}

}  // namespace

Result<table::ReadOutcome> ReadXlsFile(const std::filesystem::path& path,
                                       const table::ReadOptions& options) {
  if (Status checked = PrecheckSheet(path, options); !checked) return checked.error();
  FreeXlHandle workbook;
  if (const int opened = freexl_open(path.c_str(), workbook.out()); opened != FREEXL_OK) {
    return FreeXlError(opened, path);
  }
  unsigned int sheet_count = 0;
  if (const int code = freexl_get_info(workbook.get(), FREEXL_BIFF_SHEET_COUNT, &sheet_count);
      code != FREEXL_OK) {
    return FreeXlError(code, path);
  }
  const auto sheet = static_cast<unsigned short>(options.sheet_index);
  if (const int code = freexl_select_active_worksheet(workbook.get(), sheet); code != FREEXL_OK) {
    return FreeXlError(code, path);
  }
  table::ReadOutcome outcome;
  Result<table::Table> cells = ReadCells(workbook.get(), path, options.limits, outcome.diagnostics);
  if (!cells) return cells.error();
  outcome.table = std::move(cells).value();
  outcome.info.format = table::Format::kXls;
  outcome.info.encoding = text::Encoding::kUtf8;
  outcome.info.sheet_index = options.sheet_index;
  outcome.info.sheet_names = SheetNames(workbook.get(), sheet_count);
  outcome.info.header = options.header.value_or(table::SniffHeader(outcome.table));
  return outcome;
}

}  // namespace rollcall::files
