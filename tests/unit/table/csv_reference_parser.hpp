// A byte-at-a-time CSV parser, the reference ParseCsv is tested against (see the .cpp).
#pragma once

#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "base/result.hpp"
#include "table/csv.hpp"

namespace rollcall::table {

// ParseCsv as it was at commit c03619e: same contract, and the results ParseCsv must still give.
Result<Table> ParseCsvByteByByte(std::string utf8, const CsvDialect& dialect, const Limits& limits,
                                 std::vector<Diagnostic>& diagnostics);

}  // namespace rollcall::table
