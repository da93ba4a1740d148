// Fuzz target: any bytes through the XLSX path (zip archive, XML parts, cell conversion, sheet
// building, header sniffing) with small limits, so that hostile archives stay cheap. Must never
// crash, hang or leak; bad input is an Error or a diagnostic.
#include <cstdint>
#include <string_view>

#include "table/read.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rollcall::table::ReadOptions options;
  options.limits.max_archive_entries = 64;
  options.limits.max_uncompressed_bytes = 8 << 20;
  options.limits.max_rows = 10'000;
  options.limits.max_columns = 1'000;
  options.limits.max_cells = 100'000;
  for (std::size_t sheet_index = 0; sheet_index < 2; ++sheet_index) {
    options.sheet_index = sheet_index;
    auto outcome = rollcall::table::ReadXlsx(
        std::string_view(reinterpret_cast<const char*>(data), size), options);
    if (!outcome) continue;
    const auto& table = outcome->table;
    for (std::size_t row_idx = 0; row_idx < table.row_count(); ++row_idx) {
      for (std::size_t column_idx = 0; column_idx < table.cell_count(row_idx); ++column_idx) {
        (void)table.Cell(row_idx, column_idx);
      }
    }
  }
  return 0;
}
