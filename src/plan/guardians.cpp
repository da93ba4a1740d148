// Guardian links (DESIGN.md §4.6): students are planned first, so a guardian's children are found
// among existing students and the students this import creates — by the child's external id, or by
// last name + first name (+ class when given).
#include <fmt/format.h>

#include <algorithm>

#include "plan/planner.hpp"
#include "text/normalize.hpp"

namespace rollcall::plan {

std::vector<PersonRef> Planner::FindChild(const records::ChildReference& child) const {
  if (!child.external_id.empty()) {
    if (const auto found = students_by_external_id_.find(child.external_id);
        found != students_by_external_id_.end()) {
      return {found->second};
    }
    const directory::Id account = index_.BySourceExternalId(child.external_id);
    return account != 0 ? std::vector<PersonRef>{PersonRef{account, -1}} : std::vector<PersonRef>{};
  }
  const std::string key = NameKey(child.last_name, child.first_name);
  const std::string wanted_class = text::FoldForMatching(child.class_name);
  const auto in_class = [&](const std::vector<std::string>& classes) {
    return wanted_class.empty() ||
           std::any_of(classes.begin(), classes.end(), [&](const std::string& name) {
             return text::FoldForMatching(name) == wanted_class;
           });
  };
  std::vector<PersonRef> found;
  if (const auto planned = students_by_name_.find(key); planned != students_by_name_.end()) {
    for (const auto& [person, classes] : planned->second) {
      if (in_class(classes)) found.push_back(person);
    }
  }
  if (!found.empty()) return found;
  for (directory::Id id : index_.AnyByName(key)) {
    const bool student = std::any_of(
        index_.AffiliationsOf(id).begin(), index_.AffiliationsOf(id).end(),
        [&](const directory::Affiliation* affiliation) {
          return affiliation->org == index_.snapshot().org.id && affiliation->profile == "student";
        });
    if (!student) continue;
    std::vector<std::string> classes;
    for (const directory::Membership* membership : index_.MembershipsOf(id)) {
      const directory::Group* group = index_.Group(membership->group);
      if (group && group->kind == directory::GroupKind::kClass) classes.push_back(group->name);
    }
    if (in_class(classes)) found.push_back(PersonRef{id, -1});
  }
  return found;
}

void Planner::PlanLinks(const RowContext& context, int row_idx) {
  const records::Record& record = *context.record;
  if (context.file->profile->id != "guardian" || record.children.empty()) return;
  RowPlan& row = plan_.rows[static_cast<std::size_t>(row_idx)];
  std::vector<PersonRef> wanted;
  for (const records::ChildReference& child : record.children) {
    const std::vector<PersonRef> found = FindChild(child);
    const std::string name = child.external_id.empty()
                                 ? fmt::format("{} {}", child.last_name, child.first_name)
                                 : child.external_id;
    if (found.size() == 1) {
      if (std::find(wanted.begin(), wanted.end(), found.front()) == wanted.end()) {
        wanted.push_back(found.front());
      }
      continue;
    }
    row.diagnostics.push_back(MakeDiagnostic(Severity::kWarning,
                                             found.empty() ? "child_not_found" : "child_ambiguous",
                                             row.line)
                                  .With("child", name)
                                  .With("index", std::to_string(child.index))
                                  .Build());
  }
  std::vector<PersonRef> current;
  if (row.person.account != 0) {
    for (const directory::GuardianLink* link : index_.LinksOfGuardian(row.person.account)) {
      if (link->source == options_.source) current.push_back(PersonRef{link->child, -1});
    }
  }
  bool changed = false;
  for (const PersonRef& child : wanted) {
    if (std::find(current.begin(), current.end(), child) != current.end()) continue;
    plan_.links.push_back(LinkChange{LinkChange::Kind::kLink, row.person, child, row_idx});
    changed = true;
  }
  for (const PersonRef& child : current) {
    if (std::find(wanted.begin(), wanted.end(), child) != wanted.end()) continue;
    plan_.links.push_back(LinkChange{LinkChange::Kind::kUnlink, row.person, child, row_idx});
    changed = true;
  }
  if (changed && row.operation == Operation::kUnchanged) row.operation = Operation::kUpdate;
}

}  // namespace rollcall::plan
