// Groups and memberships (DESIGN.md §2.4, §4.4): a row's memberships in the import period's
// groups of one kind follow its column for that kind — an empty cell leaves them unchanged,
// #CLEAR removes them — except in protected groups, which no import touches.
#include <algorithm>

#include "plan/planner.hpp"

namespace rollcall::plan {
namespace {

struct GroupField {
  std::string_view field;
  directory::GroupKind kind;
};

constexpr GroupField kGroupFields[] = {{"classes", directory::GroupKind::kClass},
                                       {"courses", directory::GroupKind::kCourse},
                                       {"groups", directory::GroupKind::kGroup}};

}  // namespace

std::optional<GroupRef> Planner::ResolveGroup(const std::string& name, directory::GroupKind kind,
                                              RowPlan& row) {
  std::string target = name;
  if (const auto decision = options_.groups.find(name); decision != options_.groups.end()) {
    switch (decision->second.kind) {
      case GroupDecision::Kind::kIgnore:
        groups_ignored_.insert(name);
        return std::nullopt;
      case GroupDecision::Kind::kExisting:
        target = decision->second.existing;
        if (!index_.GroupNamed(target, options_.period)) {
          row.diagnostics.push_back(MakeDiagnostic(Severity::kError, "unknown_group", row.line)
                                        .With("group", target)
                                        .Build());
          return std::nullopt;
        }
        break;
      case GroupDecision::Kind::kCreate:
        break;
    }
  }
  if (const directory::Group* existing = index_.GroupNamed(target, options_.period)) {
    groups_existing_.insert(name);
    return GroupRef{existing->id, -1};
  }
  const auto decided = options_.groups.find(name);
  if (options_.ignore_unmapped_groups && decided == options_.groups.end()) {
    groups_ignored_.insert(name);
    return std::nullopt;
  }
  auto [created, inserted] = created_groups_.emplace(target, static_cast<int>(plan_.groups.size()));
  if (inserted) {
    plan_.groups.push_back(
        GroupChange{GroupChange::Kind::kCreate, 0, target, kind, options_.period});
  }
  return GroupRef{0, created->second};
}

void Planner::PlanMemberships(const RowContext& context, int row_idx) {
  const records::Record& record = *context.record;
  RowPlan& row = plan_.rows[static_cast<std::size_t>(row_idx)];
  const std::size_t changes_before = plan_.memberships.size();
  for (const GroupField& group_field : kGroupFields) {
    const records::FieldValue* value = record.Get(group_field.field);
    if (value == nullptr || value->state == records::ValueState::kUnchanged) continue;
    std::vector<GroupRef> wanted;
    std::vector<std::string> wanted_names;
    for (std::string_view item : value->Items()) {
      const std::string name(item);
      if (std::optional<GroupRef> group = ResolveGroup(name, group_field.kind, row)) {
        wanted.push_back(*group);
        wanted_names.push_back(group->group != 0 ? index_.Group(group->group)->name : name);
      }
    }
    // What the person has now in this kind of the period's groups, protected groups aside.
    std::vector<GroupRef> current;
    if (row.person.account != 0) {
      for (const directory::Membership* membership : index_.MembershipsOf(row.person.account)) {
        const directory::Group* group = index_.Group(membership->group);
        if (group == nullptr || group->archived || group->period != options_.period ||
            group->kind != group_field.kind) {
          continue;
        }
        current.push_back(GroupRef{group->id, -1});
      }
    }
    for (std::size_t wanted_idx = 0; wanted_idx < wanted.size(); ++wanted_idx) {
      if (std::find(current.begin(), current.end(), wanted[wanted_idx]) != current.end()) continue;
      plan_.memberships.push_back(MembershipChange{MembershipChange::Kind::kEnroll, row.person,
                                                   wanted[wanted_idx], wanted_names[wanted_idx],
                                                   row_idx});
    }
    for (const GroupRef& group : current) {
      if (std::find(wanted.begin(), wanted.end(), group) != wanted.end()) continue;
      plan_.memberships.push_back(MembershipChange{MembershipChange::Kind::kUnenroll, row.person,
                                                   group, index_.Group(group.group)->name,
                                                   row_idx});
    }
  }
  const bool memberships_change = plan_.memberships.size() != changes_before;
  if (memberships_change && row.operation == Operation::kUnchanged) {
    row.operation = Operation::kUpdate;
  }
}

}  // namespace rollcall::plan
