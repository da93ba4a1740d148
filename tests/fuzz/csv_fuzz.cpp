// Fuzz target: any bytes through the CSV path (encoding sniffing, decoding, dialect sniffing,
// parsing, header sniffing). Must never crash, hang or leak; everything is a diagnostic.
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto outcome = rollcall::table::ReadCsv(std::string(reinterpret_cast<const char*>(data), size),
                                          rollcall::fuzzing::SmallLimits());
  if (outcome) rollcall::fuzzing::TouchEveryCell(outcome->table);
  return 0;
}
