// Placeholder until the XLS reader lands (replaced by xls_reader.cpp).
#include "files/load.hpp"

namespace rollcall::files {

Result<table::ReadOutcome> ReadXlsFile(const std::filesystem::path&, const table::ReadOptions&) {
  return MakeError(ErrorCode::kUnsupportedFormat, "XLS reading is not built yet");
}

}  // namespace rollcall::files
