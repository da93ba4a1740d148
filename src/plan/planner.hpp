// The planner's working state, shared by its steps (planner.cpp: people; memberships.cpp: groups
// and memberships; guardians.cpp: links; expiry.cpp: expiry and school-year change).
// Internal to the plan module.
#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "plan/directory_index.hpp"
#include "plan/plan.hpp"

namespace rollcall::plan {

class Planner {
 public:
  Planner(const directory::Snapshot& snapshot, const std::vector<PlanFile>& files,
          const PlanOptions& options);
  Plan Run();

 private:
  struct RowContext {
    const PlanFile* file;
    std::size_t file_idx;
    const records::Record* record;
  };

  // planner.cpp
  std::vector<RowContext> OrderedRows() const;
  void PlanRow(const RowContext& context);
  bool CheckInFileDuplicates(const RowContext& context, RowPlan& row);
  std::optional<PersonRef> Match(const RowContext& context, RowPlan& row, bool& conflict);
  void PlanExisting(const RowContext& context, directory::Id account, RowPlan& row);
  void PlanCreate(const RowContext& context, RowPlan& row);
  void WarnPossibleDuplicates(const records::Record& record, RowPlan& row) const;
  // Accounts some row matched are never expired.
  void MarkSeen(directory::Id account);
  bool Seen(directory::Id account) const;

  // memberships.cpp
  void PlanMemberships(const RowContext& context, int row_idx);
  std::optional<GroupRef> ResolveGroup(const std::string& name, directory::GroupKind kind,
                                       RowPlan& row);

  // guardians.cpp
  void PlanLinks(const RowContext& context, int row_idx);
  std::vector<PersonRef> FindChild(const records::ChildReference& child) const;

  // expiry.cpp
  void PlanExpiries();
  void PlanSchoolYearChange();

  const DirectoryIndex index_;
  const std::vector<PlanFile>& files_;
  const PlanOptions& options_;
  Plan plan_;
  std::vector<bool> seen_accounts_;  // by position in the snapshot (DirectoryIndex::PositionOf)
  // In-file duplicates by external id: the first line of each, by account position for ids the
  // directory knows, else by the id (views into the records, which outlive the planner).
  std::vector<std::uint32_t> first_line_by_account_;  // 0: not seen yet
  std::unordered_map<std::string_view, std::uint32_t> external_ids_seen_;
  std::unordered_map<std::string, std::uint32_t> people_seen_;  // name+birth → first line
  // Students of this import, for guardians: by external id, and by name key.
  std::unordered_map<std::string, PersonRef> students_by_external_id_;
  std::unordered_map<std::string, std::vector<std::pair<PersonRef, std::vector<std::string>>>>
      students_by_name_;
  std::map<std::string, int> created_groups_;  // name → index in plan_.groups
  bool has_guardians_ = false;  // students are indexed by name only for guardians to find
  std::set<std::string> groups_existing_, groups_ignored_;
};

}  // namespace rollcall::plan
