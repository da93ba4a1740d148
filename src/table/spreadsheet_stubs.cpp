// Placeholder until the XLSX and ODS readers land (replaced by xlsx_reader.cpp / ods_reader.cpp).
#include "table/read.hpp"

namespace rollcall::table {

Result<ReadOutcome> ReadXlsx(std::string_view, const ReadOptions&) {
  return MakeError(ErrorCode::kUnsupportedFormat, "XLSX reading is not built yet");
}

Result<ReadOutcome> ReadOds(std::string_view, const ReadOptions&) {
  return MakeError(ErrorCode::kUnsupportedFormat, "ODS reading is not built yet");
}

}  // namespace rollcall::table
