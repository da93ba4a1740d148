// Fuzz target: any bytes through the XLSX path (zip archive, XML parts, cell conversion, sheet
// building, header sniffing) with small limits, so that hostile archives stay cheap. Must never
// crash, hang or leak; bad input is an Error or a diagnostic.
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rollcall::table::ReadOptions options = rollcall::fuzzing::SmallLimits();
  for (std::size_t sheet_index = 0; sheet_index < 2; ++sheet_index) {
    options.sheet_index = sheet_index;
    auto outcome = rollcall::table::ReadXlsx(
        std::string_view(reinterpret_cast<const char*>(data), size), options);
    if (outcome) rollcall::fuzzing::TouchEveryCell(outcome->table);
  }
  return 0;
}
