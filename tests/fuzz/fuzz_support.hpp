// What the fuzz targets share: small limits, so hostile inputs stay cheap, and a walk over every
// cell of a table that was read, so a bad span shows up under the sanitizers.
#pragma once

#include "table/read.hpp"

namespace rollcall::fuzzing {

inline table::ReadOptions SmallLimits() {
  table::ReadOptions options;
  options.limits.max_archive_entries = 64;
  options.limits.max_uncompressed_bytes = 8 << 20;
  options.limits.max_rows = 10'000;
  options.limits.max_columns = 1'000;
  options.limits.max_cells = 100'000;
  return options;
}

inline void TouchEveryCell(const table::Table& table) {
  for (std::size_t row_idx = 0; row_idx < table.row_count(); ++row_idx) {
    for (std::size_t column_idx = 0; column_idx < table.cell_count(row_idx); ++column_idx) {
      (void)table.Cell(row_idx, column_idx);
    }
  }
}

}  // namespace rollcall::fuzzing
