// What an administrator asks of an import: the org, the files with their profiles, and the
// options and decisions of DESIGN.md §5 (`rollcall import`). Plain data, shared by the CLI and
// (later) the HTTP API.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "mapping/mapping.hpp"
#include "plan/plan.hpp"

namespace rollcall::service {

struct ImportFile {
  std::filesystem::path path;
  std::string profile;  // a profile id or name; "" = guessed from the file name
  std::vector<mapping::ColumnOverride> overrides;
  std::size_t sheet_index = 0;
};

struct ImportRequest {
  std::string org_code;
  std::string source = "csv";
  std::string period;  // "" = the school year of `today` (September to August)
  plan::Mode mode = plan::Mode::kAdd;
  std::vector<ImportFile> files;
  std::map<std::string, plan::GroupDecision> groups;
  bool ignore_unmapped_groups = false;
  bool school_year_change = false;
  int retention_days = 90;
  bool skip_invalid_rows = false;
  // Row decisions by (file index, line).
  std::map<std::pair<std::size_t, std::uint32_t>, plan::RowDecision> decisions;
};

// Injected time, so that plans are deterministic and tests choose the day.
struct Clock {
  std::string today;  // yyyy-mm-dd
  std::string now;    // yyyy-mm-ddThh:mm:ssZ
  static Clock System();
};

// The school year a day falls in: "2026-2027" from 2026-09-01 to 2027-08-31.
std::string SchoolYearOf(const std::string& today);

}  // namespace rollcall::service
