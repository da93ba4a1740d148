// Guardian links (DESIGN.md §4.6): students are planned first, so a guardian's children are found
// among existing students and the students this import creates — by the child's external id, or by
// last name + first name (+ class when given).
#include <fmt/format.h>

#include <algorithm>

#include "plan/planner.hpp"
#include "records/field_names.hpp"
#include "text/normalize.hpp"

namespace rollcall::plan {
namespace {

std::vector<PersonRef> FindChild(const DirectoryIndex& index, const ImportedStudents& students,
                                 const records::ChildReference& child) {
  if (!child.external_id.empty()) {
    if (const auto found = students.by_external_id.find(child.external_id);
        found != students.by_external_id.end()) {
      return {found->second};
    }
    const directory::Id account = index.BySourceExternalId(child.external_id);
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
  if (const auto planned = students.by_name.find(key); planned != students.by_name.end()) {
    for (const auto& [person, classes] : planned->second) {
      if (in_class(classes)) found.push_back(person);
    }
  }
  if (!found.empty()) return found;
  for (directory::Id id : index.AnyByName(key)) {
    const bool student = std::any_of(
        index.AffiliationsOf(id).begin(), index.AffiliationsOf(id).end(),
        [&](const directory::Affiliation* affiliation) {
          return affiliation->org == index.snapshot().org.id && affiliation->profile == "student";
        });
    if (!student) continue;
    std::vector<std::string> classes;
    for (const directory::Membership* membership : index.MembershipsOf(id)) {
      const directory::Group* group = index.Group(membership->group);
      if (group && group->kind == directory::GroupKind::kClass) classes.push_back(group->name);
    }
    if (in_class(classes)) found.push_back(PersonRef{id, -1});
  }
  return found;
}

}  // namespace

void RememberStudent(const records::Record& record, const RowPlan& row,
                     ImportedStudents& students) {
  if (row.profile != "student" || !students.wanted) return;
  if (!row.external_id.empty()) students.by_external_id[row.external_id] = row.person;
  std::vector<std::string> classes;
  if (const records::FieldValue* value = record.Get(records::field::kClasses)) {
    for (std::string_view name : value->Items()) classes.emplace_back(name);
  }
  const std::string key =
      NameKey(record.Text(records::field::kLastName), record.Text(records::field::kFirstName));
  students.by_name[key].emplace_back(row.person, std::move(classes));
}

void PlanLinks(const PlanInputs& inputs, const ImportedStudents& students,
               const records::Record& record, int row_idx, Plan& plan) {
  RowPlan& row = plan.rows[static_cast<std::size_t>(row_idx)];
  if (row.profile != "guardian" || record.children.empty()) return;
  std::vector<PersonRef> wanted;
  for (const records::ChildReference& child : record.children) {
    const std::vector<PersonRef> found = FindChild(inputs.index, students, child);
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
    for (const directory::GuardianLink* link : inputs.index.LinksOfGuardian(row.person.account)) {
      if (link->source == inputs.options.source) current.push_back(PersonRef{link->child, -1});
    }
  }
  bool changed = false;
  for (const PersonRef& child : wanted) {
    if (std::find(current.begin(), current.end(), child) != current.end()) continue;
    plan.links.push_back(LinkChange{LinkChange::Kind::kLink, row.person, child, row_idx});
    changed = true;
  }
  for (const PersonRef& child : current) {
    if (std::find(wanted.begin(), wanted.end(), child) != wanted.end()) continue;
    plan.links.push_back(LinkChange{LinkChange::Kind::kUnlink, row.person, child, row_idx});
    changed = true;
  }
  if (changed && row.operation == Operation::kUnchanged) row.operation = Operation::kUpdate;
}

}  // namespace rollcall::plan
