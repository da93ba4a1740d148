// Groups and memberships (DESIGN.md §2.4, §4.4): a row's memberships in the import period's
// groups of one kind follow its column for that kind — an empty cell leaves them unchanged,
// #CLEAR removes them — except in protected groups, which no import touches.
#include <algorithm>

#include "plan/planner.hpp"
#include "records/field_names.hpp"

namespace rollcall::plan {
namespace {

struct GroupField {
  std::string_view field;
  directory::GroupKind kind;
};

constexpr GroupField kGroupFields[] = {{records::field::kClasses, directory::GroupKind::kClass},
                                       {records::field::kCourses, directory::GroupKind::kCourse},
                                       {records::field::kGroups, directory::GroupKind::kGroup}};

// The group a name of the file stands for: existing, created by the plan (once per name), or
// none (ignored, or an error on the row).
std::optional<GroupRef> ResolveGroup(const PlanInputs& inputs, const std::string& name,
                                     directory::GroupKind kind, RowPlan& row,
                                     ResolvedGroups& groups, Plan& plan) {
  const PlanOptions& options = inputs.options;
  std::string target = name;
  if (const auto decision = options.groups.find(name); decision != options.groups.end()) {
    switch (decision->second.kind) {
      case GroupDecision::Kind::kIgnore:
        groups.ignored.insert(name);
        return std::nullopt;
      case GroupDecision::Kind::kExisting:
        target = decision->second.existing;
        if (!inputs.index.GroupNamed(target, options.period)) {
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
  if (const directory::Group* existing = inputs.index.GroupNamed(target, options.period)) {
    groups.existing.insert(name);
    return GroupRef{existing->id, -1};
  }
  const auto decided = options.groups.find(name);
  if (options.ignore_unmapped_groups && decided == options.groups.end()) {
    groups.ignored.insert(name);
    return std::nullopt;
  }
  auto [created, inserted] = groups.created.emplace(target, static_cast<int>(plan.groups.size()));
  if (inserted) {
    plan.groups.push_back(GroupChange{GroupChange::Kind::kCreate, 0, target, kind, options.period});
  }
  return GroupRef{0, created->second};
}

}  // namespace

void PlanMemberships(const PlanInputs& inputs, const records::Record& record, int row_idx,
                     ResolvedGroups& groups, Plan& plan) {
  const DirectoryIndex& index = inputs.index;
  RowPlan& row = plan.rows[static_cast<std::size_t>(row_idx)];
  const std::size_t changes_before = plan.memberships.size();
  for (const GroupField& group_field : kGroupFields) {
    const records::FieldValue* value = record.Get(group_field.field);
    if (value == nullptr || value->state == records::ValueState::kUnchanged) continue;
    std::vector<GroupRef> wanted;
    std::vector<std::string> wanted_names;
    for (std::string_view item : value->Items()) {
      const std::string name(item);
      if (std::optional<GroupRef> group =
              ResolveGroup(inputs, name, group_field.kind, row, groups, plan)) {
        wanted.push_back(*group);
        wanted_names.push_back(group->group != 0 ? index.Group(group->group)->name : name);
      }
    }
    // What the person has now in this kind of the period's groups, protected groups aside.
    std::vector<GroupRef> current;
    if (row.person.account != 0) {
      for (const directory::Membership* membership : index.MembershipsOf(row.person.account)) {
        const directory::Group* group = index.Group(membership->group);
        if (group == nullptr || group->archived || group->period != inputs.options.period ||
            group->kind != group_field.kind) {
          continue;
        }
        current.push_back(GroupRef{group->id, -1});
      }
    }
    for (std::size_t wanted_idx = 0; wanted_idx < wanted.size(); ++wanted_idx) {
      if (std::find(current.begin(), current.end(), wanted[wanted_idx]) != current.end()) continue;
      plan.memberships.push_back(MembershipChange{MembershipChange::Kind::kEnroll, row.person,
                                                  wanted[wanted_idx], wanted_names[wanted_idx],
                                                  row_idx});
    }
    for (const GroupRef& group : current) {
      if (std::find(wanted.begin(), wanted.end(), group) != wanted.end()) continue;
      plan.memberships.push_back(MembershipChange{MembershipChange::Kind::kUnenroll, row.person,
                                                  group, index.Group(group.group)->name, row_idx});
    }
  }
  const bool memberships_change = plan.memberships.size() != changes_before;
  if (memberships_change && row.operation == Operation::kUnchanged) {
    row.operation = Operation::kUpdate;
  }
}

}  // namespace rollcall::plan
