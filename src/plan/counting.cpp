// The counts of a plan (by operation, by profile, by severity) and whether it is blocked.
#include "plan/counting.hpp"

#include <algorithm>
#include <array>

namespace rollcall::plan {

void CountPlan(Plan& plan, bool skip_invalid_rows) {
  Counts& counts = plan.counts;
  for (const char* name : {"create", "update", "unchanged", "delete", "restore", "enroll",
                           "unenroll", "link", "unlink", "skip"}) {
    counts.by_operation[name] = 0;
  }
  SeverityCounts& severity = counts.diagnostics;
  const auto count_severities = [&](const std::vector<Diagnostic>& diagnostics) {
    const SeverityCounts more = CountBySeverity(diagnostics);
    severity.info += more.info;
    severity.warning += more.warning;
    severity.error += more.error;
    severity.critical += more.critical;
  };
  count_severities(plan.diagnostics);
  // Rows are tallied per (profile, operation) first: a map lookup by name per row costs more
  // than the rest of counting a million rows.
  constexpr Operation kOperations[] = {Operation::kCreate, Operation::kUpdate,
                                       Operation::kUnchanged, Operation::kRestore,
                                       Operation::kSkip};
  std::vector<std::pair<std::string_view, std::array<std::size_t, std::size(kOperations)>>> tally;
  for (const RowPlan& row : plan.rows) {
    auto profile = std::find_if(tally.begin(), tally.end(),
                                [&](const auto& entry) { return entry.first == row.profile; });
    count_severities(row.diagnostics);
    // An action file's DELETE line: its expiries below count it, once per affiliation ended.
    if (row.operation == Operation::kDelete) continue;
    if (profile == tally.end()) profile = tally.insert(tally.end(), {row.profile, {}});
    ++profile->second[static_cast<std::size_t>(
        std::find(std::begin(kOperations), std::end(kOperations), row.operation) -
        std::begin(kOperations))];
  }
  for (const auto& [profile_name, operations] : tally) {
    auto& profile = counts.by_profile[std::string(profile_name)];
    for (const char* name : {"create", "update", "unchanged", "delete"}) profile.emplace(name, 0);
    for (std::size_t operation_idx = 0; operation_idx < operations.size(); ++operation_idx) {
      if (operations[operation_idx] == 0) continue;
      const std::string name(OperationName(kOperations[operation_idx]));
      counts.by_operation[name] += operations[operation_idx];
      profile[name] += operations[operation_idx];
    }
  }
  for (const Expiry& expiry : plan.expiries) {
    ++counts.by_operation["delete"];
    ++counts.by_profile[expiry.profile]["delete"];
  }
  for (const MembershipChange& change : plan.memberships) {
    ++counts.by_operation[change.kind == MembershipChange::Kind::kEnroll ? "enroll" : "unenroll"];
  }
  for (const LinkChange& change : plan.links) {
    ++counts.by_operation[change.kind == LinkChange::Kind::kLink ? "link" : "unlink"];
  }
  plan.blocked =
      counts.diagnostics.critical > 0 || (counts.diagnostics.error > 0 && !skip_invalid_rows);
}

}  // namespace rollcall::plan
