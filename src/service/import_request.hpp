// What an administrator asks of an import: the org, the files with their profiles, the options,
// and every decision taken on the draft since (DESIGN.md §1 "decision", §5 `rollcall import`).
// Plain data, shared by the CLI and the HTTP API, and stored with the draft (request_json.hpp) so
// that the draft can be analysed again from the store alone.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "mapping/mapping.hpp"
#include "plan/plan.hpp"
#include "service/clock.hpp"

namespace rollcall::service {

struct ImportFile {
  ImportFile() = default;
  // A local file: what the command line and tests give.
  ImportFile(std::filesystem::path local_path, std::string profile_name,
             std::vector<mapping::ColumnOverride> column_overrides = {}, std::size_t sheet = 0)
      : path(std::move(local_path)),
        profile(std::move(profile_name)),
        overrides(std::move(column_overrides)),
        sheet_index(sheet) {}

  std::filesystem::path path;  // where the bytes are read now ("" until restored from the store)
  std::string profile;         // a profile id or name; "" = guessed from the file name
  std::vector<mapping::ColumnOverride> overrides;
  std::size_t sheet_index = 0;
  std::optional<bool> header;  // the first row is a header: yes, no, or sniffed (empty)
  std::string name;            // as uploaded; "" = the path's file name
  std::string content_hash;    // of the stored copy (uploads.hpp); "" until stored
  std::uint64_t size = 0;

  std::string DisplayName() const { return name.empty() ? path.filename().string() : name; }
};

// Resolving a conflict: match this login, or make a new account.
inline constexpr const char kMatchNew[] = "new";

// What an administrator decided about one row. The plan is made again from the inputs and all
// decisions; nothing patches a plan.
struct RowChoice {
  bool exclude = false;
  // Cell overlays: column (its header, or its 1-based number) → the value to read instead. The
  // upload itself is never changed; reports show both.
  std::map<std::string, std::string> edits;
  std::string match;  // "" = as planned; kMatchNew; or the login of the account to match

  bool empty() const { return !exclude && edits.empty() && match.empty(); }
};

// A row of a file: (file index, line).
using RowKey = std::pair<std::size_t, std::uint32_t>;

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
  std::map<RowKey, RowChoice> rows;
  std::set<std::string> keep;  // logins this import must not expire ("do not pre-delete")
};

}  // namespace rollcall::service
