// The steps of MakePlan, as free functions over the plan's one DirectoryIndex (planner.cpp: rows
// and people; matching.cpp: matching and possible duplicates; memberships.cpp: groups and
// memberships; guardians.cpp: links; expiry.cpp: expiry and school-year change).
//
// What one row leaves for later rows lives in small structs, each handed only to the steps that
// read or fill it, rather than in members every step can reach. Internal to the plan module.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "plan/directory_index.hpp"
#include "plan/plan.hpp"

namespace rollcall::plan {

// What every step reads and none changes.
struct PlanInputs {
  const DirectoryIndex& index;
  const PlanOptions& options;
};

struct RowContext {
  const PlanFile* file;
  std::size_t file_idx;
  const records::Record* record;
};

// The first line of each person seen so far, for in-file duplicates: by account position for
// external ids the directory knows, else by the id (views into the records, which outlive the
// plan); rows without an external id by profile, names and birth date.
struct InFileDuplicates {
  explicit InFileDuplicates(std::size_t account_count) : first_line_by_account(account_count, 0) {}
  std::vector<std::uint32_t> first_line_by_account;  // 0: not seen yet
  std::unordered_map<std::string_view, std::uint32_t> external_ids;
  std::unordered_map<std::string, std::uint32_t> people;
};

// Accounts some row matched, by position in the snapshot: never expired.
struct SeenAccounts {
  explicit SeenAccounts(std::size_t account_count) : by_position(account_count, false) {}
  std::vector<bool> by_position;
};
void MarkSeen(const DirectoryIndex& index, directory::Id account, SeenAccounts& seen);
bool Seen(const DirectoryIndex& index, directory::Id account, const SeenAccounts& seen);

// The students this import plans, for its guardians to find: by external id, and by name key with
// their classes. Kept only when the import has guardians (`wanted`).
struct ImportedStudents {
  bool wanted = false;
  std::unordered_map<std::string, PersonRef> by_external_id;
  std::unordered_map<std::string, std::vector<std::pair<PersonRef, std::vector<std::string>>>>
      by_name;
};

// Group names the files use, as resolved so far.
struct ResolvedGroups {
  std::map<std::string, int> created;  // name → index in Plan::groups
  std::set<std::string> existing, ignored;
};

// --- matching.cpp

// Whether the row repeats an earlier row's person: an error for a repeated external id (returns
// true: the row is skipped), a warning for repeated names and birth date.
bool CheckInFileDuplicates(const DirectoryIndex& index, const records::Record& record,
                           InFileDuplicates& seen, RowPlan& row);

struct MatchOutcome {
  std::optional<PersonRef> person;
  bool conflict = false;  // an error on the row: it is skipped
};
// The existing account the row is: by (source, external id), else by names among what the source
// owns in the org, narrowed by what else the row says. `decision` may be null.
MatchOutcome MatchPerson(const PlanInputs& inputs, const records::Record& record,
                         const RowDecision* decision, RowPlan& row);

// A `possible_duplicate` warning on a created row that looks like an account of the org.
void WarnPossibleDuplicates(const DirectoryIndex& index, const records::Record& record,
                            RowPlan& row);

// --- memberships.cpp

// REQUIRES: row_idx is the row's index in plan.rows.
void PlanMemberships(const PlanInputs& inputs, const records::Record& record, int row_idx,
                     ResolvedGroups& groups, Plan& plan);

// --- guardians.cpp

void RememberStudent(const records::Record& record, const RowPlan& row, ImportedStudents& students);
// REQUIRES: row_idx is the row's index in plan.rows.
void PlanLinks(const PlanInputs& inputs, const ImportedStudents& students,
               const records::Record& record, int row_idx, Plan& plan);

// --- expiry.cpp

std::vector<Expiry> PlanExpiries(const PlanInputs& inputs, const std::vector<PlanFile>& files,
                                 const SeenAccounts& seen);
std::vector<GroupChange> PlanSchoolYearChange(const PlanInputs& inputs);

}  // namespace rollcall::plan
