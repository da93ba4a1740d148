// MakePlan, steps: 1. order the rows (students first, guardians last: DESIGN.md §4.6); 2. plan
// each row: in-file duplicates, matching, create / update / restore / unchanged, memberships,
// links; 3. expire what a sync no longer lists (§4.2, §4.3); 4. archive the previous year's groups
// on a school-year change (§4.5); 5. count.
#include "plan/planner.hpp"

#include <algorithm>

#include "plan/counting.hpp"
#include "plan/match_key.hpp"
#include "records/field_names.hpp"

namespace rollcall::plan {
namespace {

int ProfileRank(std::string_view profile) {
  if (profile == "student") return 0;
  if (profile == "guardian") return 2;
  return 1;
}

}  // namespace

std::string_view AccountFieldValue(const directory::Account& account, std::string_view field) {
  if (field == records::field::kLastName) return account.last_name;
  if (field == records::field::kFirstName) return account.first_name;
  if (field == records::field::kBirthDate) return account.birth_date;
  return account.Attribute(field);
}

void SetAccountField(directory::Account& account, std::string_view field, std::string value) {
  if (field == records::field::kLastName) {
    account.last_name = std::move(value);
  } else if (field == records::field::kFirstName) {
    account.first_name = std::move(value);
  } else if (field == records::field::kBirthDate) {
    account.birth_date = std::move(value);
  } else {
    account.SetAttribute(field, std::move(value));
  }
}

bool IsAccountField(std::string_view field) {
  namespace f = records::field;
  constexpr std::string_view kNotAccountFields[] = {f::kExternalId, f::kLogin,   f::kPassword,
                                                    f::kClasses,    f::kCourses, f::kGroups};
  return std::find(std::begin(kNotAccountFields), std::end(kNotAccountFields), field) ==
             std::end(kNotAccountFields) &&
         !field.starts_with(f::kChildPrefix);
}

std::string_view ModeName(Mode mode) {
  switch (mode) {
    case Mode::kAdd:
      return "add";
    case Mode::kSync:
      return "sync";
    case Mode::kCreateOnly:
      return "create-only";
    case Mode::kUpdateOnly:
      return "update-only";
  }
  return "add";
}

std::optional<Mode> ParseMode(std::string_view name) {
  for (Mode mode : {Mode::kAdd, Mode::kSync, Mode::kCreateOnly, Mode::kUpdateOnly}) {
    if (ModeName(mode) == name) return mode;
  }
  return std::nullopt;
}

std::string_view OperationName(Operation operation) {
  switch (operation) {
    case Operation::kCreate:
      return "create";
    case Operation::kUpdate:
      return "update";
    case Operation::kUnchanged:
      return "unchanged";
    case Operation::kRestore:
      return "restore";
    case Operation::kSkip:
      return "skip";
    case Operation::kDelete:
      return "delete";
  }
  return "skip";
}

std::string_view RowPlan::Value(std::string_view field) const {
  for (const records::FieldValue& value : values) {
    if (value.field() == field) return value.state == records::ValueState::kSet ? value.text : "";
  }
  return {};
}

bool RowPlan::Blocked() const {
  return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& diagnostic) {
    return diagnostic.severity == Severity::kError || diagnostic.severity == Severity::kCritical;
  });
}

namespace {

// 1. Students first, guardians last, each file's rows in file order.
std::vector<RowContext> OrderedRows(const std::vector<PlanFile>& files) {
  std::vector<std::size_t> file_order(files.size());
  for (std::size_t file_idx = 0; file_idx < files.size(); ++file_idx)
    file_order[file_idx] = file_idx;
  std::stable_sort(file_order.begin(), file_order.end(), [&](std::size_t a, std::size_t b) {
    return ProfileRank(files[a].profile->id) < ProfileRank(files[b].profile->id);
  });
  std::vector<RowContext> rows;
  for (std::size_t file_idx : file_order) {
    for (const records::Record& record : files[file_idx].records->records) {
      rows.push_back(RowContext{&files[file_idx], file_idx, &record});
    }
  }
  return rows;
}

void PlanExisting(const PlanInputs& inputs, const records::Record& record, directory::Id account_id,
                  RowPlan& row) {
  const directory::Account& account = *inputs.index.Account(account_id);
  row.login = account.login;
  const directory::Affiliation* here = inputs.index.AffiliationHere(account_id, row.profile);
  if (inputs.options.mode == Mode::kCreateOnly) {
    row.operation = Operation::kUnchanged;
    row.diagnostics.push_back(
        MakeDiagnostic(Severity::kInfo, "exists_not_updated", row.line).Build());
    return;
  }
  for (const records::FieldValue& value : record.values) {
    if (value.state == records::ValueState::kUnchanged || !IsAccountField(value.field())) continue;
    const std::string_view after =
        value.state == records::ValueState::kSet ? std::string_view(value.text) : "";
    const std::string_view before = AccountFieldValue(account, value.field());
    if (before != after) {
      row.changes.push_back(
          FieldChange{std::string(value.field()), std::string(before), std::string(after)});
    }
  }
  row.new_affiliation = here == nullptr;
  row.affiliation = here == nullptr ? 0 : here->id;
  const bool restoring = account.state == directory::AccountState::kPendingDeletion ||
                         (here != nullptr && !here->active);
  if (restoring) {
    row.operation = Operation::kRestore;
  } else if (!row.changes.empty() || row.new_affiliation) {
    row.operation = Operation::kUpdate;
  } else {
    row.operation = Operation::kUnchanged;
  }
}

void PlanCreate(const PlanInputs& inputs, const records::Record& record, RowPlan& row) {
  if (inputs.options.mode == Mode::kUpdateOnly) {
    row.operation = Operation::kSkip;
    row.diagnostics.push_back(
        MakeDiagnostic(Severity::kInfo, "not_found_not_created", row.line).Build());
    return;
  }
  row.operation = Operation::kCreate;
  row.values = record.values;
  WarnPossibleDuplicates(inputs.index, record, row);
}

// What the rows planned so far leave for the later rows and steps.
struct RowsSoFar {
  RowsSoFar(std::size_t account_count, bool has_guardians)
      : duplicates(account_count), seen(account_count) {
    students.wanted = has_guardians;
  }
  InFileDuplicates duplicates;
  SeenAccounts seen;
  ImportedStudents students;
  ResolvedGroups groups;
};

// 2.
void PlanRow(const PlanInputs& inputs, const RowContext& context, RowsSoFar& so_far, Plan& plan) {
  const records::Record& record = *context.record;
  RowPlan row;
  row.file_idx = context.file_idx;
  row.line = record.line;
  row.profile = context.file->profile->id;
  row.external_id = std::string(record.Text(records::field::kExternalId));
  if (row.external_id.empty()) row.match_key = RowMatchKey(row.profile, record);
  row.diagnostics = record.diagnostics;
  const auto decision = context.file->decisions.find(record.line);
  const RowDecision* chosen =
      decision == context.file->decisions.end() ? nullptr : &decision->second;
  const bool excluded = chosen != nullptr && chosen->exclude;
  const bool duplicate = CheckInFileDuplicates(inputs.index, record, so_far.duplicates, row);
  const MatchOutcome match = MatchPerson(inputs, record, chosen, row);
  if (match.person && match.person->account != 0) {
    MarkSeen(inputs.index, match.person->account, so_far.seen);  // never expired
  }
  if (match.person) row.person = *match.person;
  if (excluded) {
    // Nothing is done with the row, so what is wrong with it blocks nothing: excluding a bad row
    // is how an administrator lets the rest go ahead.
    row.operation = Operation::kSkip;
    row.diagnostics = {MakeDiagnostic(Severity::kInfo, "row_excluded", record.line).Build()};
  } else if (record.Blocked() || duplicate || match.conflict) {
    row.operation = Operation::kSkip;
  } else if (match.person) {
    PlanExisting(inputs, record, match.person->account, row);
  } else {
    PlanCreate(inputs, record, row);
  }
  plan.rows.push_back(std::move(row));
  const int row_idx = static_cast<int>(plan.rows.size() - 1);
  RowPlan& planned = plan.rows.back();
  if (planned.operation == Operation::kCreate) planned.person = PersonRef{0, row_idx};
  if (planned.operation == Operation::kSkip) return;
  RememberStudent(record, planned, so_far.students);
  PlanMemberships(inputs, record, row_idx, so_far.groups, plan);
  PlanLinks(inputs, so_far.students, record, row_idx, plan);
}

}  // namespace

void MarkSeen(const DirectoryIndex& index, directory::Id account, SeenAccounts& seen) {
  const std::int64_t position = index.PositionOf(account);
  if (position >= 0) seen.by_position[static_cast<std::size_t>(position)] = true;
}

bool Seen(const DirectoryIndex& index, directory::Id account, const SeenAccounts& seen) {
  const std::int64_t position = index.PositionOf(account);
  return position >= 0 && seen.by_position[static_cast<std::size_t>(position)];
}

Plan MakePlan(const directory::Snapshot& snapshot, const std::vector<PlanFile>& files,
              const PlanOptions& options) {
  const DirectoryIndex index(snapshot, options.source);
  const PlanInputs inputs{index, options};
  Plan plan;
  for (const PlanFile& file : files) {
    for (Diagnostic diagnostic : file.diagnostics) {
      diagnostic.params.emplace_back("file", file.name);
      plan.diagnostics.push_back(std::move(diagnostic));
    }
  }
  const bool has_guardians = std::any_of(files.begin(), files.end(), [](const PlanFile& file) {
    return file.profile->id == "guardian";
  });
  RowsSoFar so_far(snapshot.accounts.size(), has_guardians);
  const std::vector<RowContext> rows = OrderedRows(files);
  plan.rows.reserve(rows.size());  // a million rows: no doubling, no twice the memory
  for (const RowContext& context : rows) PlanRow(inputs, context, so_far, plan);  // 1., 2.
  plan.expiries = PlanExpiries(inputs, files, so_far.seen);                       // 3.
  for (GroupChange& archive : PlanSchoolYearChange(inputs)) {                     // 4.
    plan.groups.push_back(std::move(archive));
  }
  plan.groups_existing.assign(so_far.groups.existing.begin(), so_far.groups.existing.end());
  plan.groups_ignored.assign(so_far.groups.ignored.begin(), so_far.groups.ignored.end());
  CountPlan(plan, options.skip_invalid_rows);  // 5.
  return plan;
}

}  // namespace rollcall::plan
