// Fuzz target: any bytes through the CSV path (encoding sniffing, decoding, dialect sniffing,
// parsing, header sniffing). Must never crash, hang or leak; everything is a diagnostic.
#include <cstdint>
#include <string>

#include "table/read.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rollcall::table::ReadOptions options;
  options.limits.max_rows = 10'000;
  options.limits.max_cells = 100'000;
  auto outcome =
      rollcall::table::ReadCsv(std::string(reinterpret_cast<const char*>(data), size), options);
  if (outcome) {
    const auto& table = outcome->table;
    for (std::size_t row_idx = 0; row_idx < table.row_count(); ++row_idx) {
      for (std::size_t column_idx = 0; column_idx < table.cell_count(row_idx); ++column_idx) {
        (void)table.Cell(row_idx, column_idx);
      }
    }
  }
  return 0;
}
