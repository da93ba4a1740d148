// MakePlan, steps: 1. order the rows (students first, guardians last: DESIGN.md §4.6); 2. plan
// each row: in-file duplicates, matching, create / update / restore / unchanged, memberships,
// links; 3. expire what a sync no longer lists (§4.2, §4.3); 4. archive the previous year's groups
// on a school-year change (§4.5); 5. count.
#include "plan/planner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "mapping/header_key.hpp"
#include "plan/counting.hpp"
#include "text/normalize.hpp"

namespace rollcall::plan {
namespace {

constexpr double kPossibleDuplicateSimilarity = 0.8;

// Whether mapping::Similarity(a, b) can reach `similarity`, from a lower bound of the edit
// distance that costs one pass over each text: an edit changes the counts of at most two
// bytes by one (a transposition none), so the distance is at least half the difference of the
// byte counts. Counting in 64 buckets only lowers the bound. Most people born on the same day
// have names far apart; this spares them the quadratic distance.
bool MayBeSimilar(std::string_view a, std::string_view b, double similarity) {
  std::array<int, 64> counts{};
  for (const char c : a) ++counts[static_cast<unsigned char>(c) & 63];
  for (const char c : b) --counts[static_cast<unsigned char>(c) & 63];
  int difference = 0;
  for (const int count : counts) difference += count < 0 ? -count : count;
  const auto longest = static_cast<double>(std::max(a.size(), b.size()));
  const auto fewest_edits = static_cast<double>((difference + 1) / 2);
  return longest == 0 || 1.0 - fewest_edits / longest >= similarity;
}

int ProfileRank(std::string_view profile) {
  if (profile == "student") return 0;
  if (profile == "guardian") return 2;
  return 1;
}

}  // namespace

std::string_view AccountFieldValue(const directory::Account& account, std::string_view field) {
  if (field == "last_name") return account.last_name;
  if (field == "first_name") return account.first_name;
  if (field == "birth_date") return account.birth_date;
  return account.Attribute(field);
}

void SetAccountField(directory::Account& account, std::string_view field, std::string value) {
  if (field == "last_name") {
    account.last_name = std::move(value);
  } else if (field == "first_name") {
    account.first_name = std::move(value);
  } else if (field == "birth_date") {
    account.birth_date = std::move(value);
  } else {
    account.SetAttribute(field, std::move(value));
  }
}

bool IsAccountField(std::string_view field) {
  constexpr std::string_view kNotAccountFields[] = {"external_id", "login",   "password",
                                                    "classes",     "courses", "groups"};
  return std::find(std::begin(kNotAccountFields), std::end(kNotAccountFields), field) ==
             std::end(kNotAccountFields) &&
         field.rfind("child_", 0) != 0;
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

Planner::Planner(const directory::Snapshot& snapshot, const std::vector<PlanFile>& files,
                 const PlanOptions& options)
    : index_(snapshot, options.source),
      files_(files),
      options_(options),
      seen_accounts_(snapshot.accounts.size(), false),
      first_line_by_account_(snapshot.accounts.size(), 0) {
  has_guardians_ = std::any_of(files.begin(), files.end(),
                               [](const PlanFile& file) { return file.profile->id == "guardian"; });
}

Plan Planner::Run() {
  for (const PlanFile& file : files_) {
    for (Diagnostic diagnostic : file.diagnostics) {
      diagnostic.params.emplace_back("file", file.name);
      plan_.diagnostics.push_back(std::move(diagnostic));
    }
  }
  const std::vector<RowContext> rows = OrderedRows();
  plan_.rows.reserve(rows.size());  // a million rows: no doubling, no twice the memory
  for (const RowContext& context : rows) PlanRow(context);  // 1., 2.
  PlanExpiries();                                           // 3.
  PlanSchoolYearChange();                                   // 4.
  plan_.groups_existing.assign(groups_existing_.begin(), groups_existing_.end());
  plan_.groups_ignored.assign(groups_ignored_.begin(), groups_ignored_.end());
  CountPlan(plan_, options_.skip_invalid_rows);  // 5.
  return std::move(plan_);
}

std::vector<Planner::RowContext> Planner::OrderedRows() const {
  std::vector<std::size_t> file_order(files_.size());
  for (std::size_t file_idx = 0; file_idx < files_.size(); ++file_idx)
    file_order[file_idx] = file_idx;
  std::stable_sort(file_order.begin(), file_order.end(), [&](std::size_t a, std::size_t b) {
    return ProfileRank(files_[a].profile->id) < ProfileRank(files_[b].profile->id);
  });
  std::vector<RowContext> rows;
  for (std::size_t file_idx : file_order) {
    for (const records::Record& record : files_[file_idx].records->records) {
      rows.push_back(RowContext{&files_[file_idx], file_idx, &record});
    }
  }
  return rows;
}

void Planner::PlanRow(const RowContext& context) {
  const records::Record& record = *context.record;
  RowPlan row;
  row.file_idx = context.file_idx;
  row.line = record.line;
  row.profile = context.file->profile->id;
  row.external_id = std::string(record.Text("external_id"));
  row.diagnostics = record.diagnostics;
  const auto decision = context.file->decisions.find(record.line);
  const bool excluded = decision != context.file->decisions.end() && decision->second.exclude;
  const bool duplicate = CheckInFileDuplicates(context, row);
  bool conflict = false;
  const std::optional<PersonRef> match = Match(context, row, conflict);
  if (match && match->account != 0) MarkSeen(match->account);  // never expired
  if (match) row.person = *match;
  if (excluded) {
    // Nothing is done with the row, so what is wrong with it blocks nothing: excluding a bad row
    // is how an administrator lets the rest go ahead.
    row.operation = Operation::kSkip;
    row.diagnostics = {MakeDiagnostic(Severity::kInfo, "row_excluded", record.line).Build()};
  } else if (record.Blocked() || duplicate || conflict) {
    row.operation = Operation::kSkip;
  } else if (match) {
    PlanExisting(context, match->account, row);
  } else {
    PlanCreate(context, row);
  }
  plan_.rows.push_back(std::move(row));
  const int row_idx = static_cast<int>(plan_.rows.size() - 1);
  RowPlan& planned = plan_.rows.back();
  if (planned.operation == Operation::kCreate) planned.person = PersonRef{0, row_idx};
  if (planned.operation == Operation::kSkip) return;
  if (planned.profile == "student" && has_guardians_) {
    const PersonRef person = planned.person;
    if (!planned.external_id.empty()) students_by_external_id_[planned.external_id] = person;
    std::vector<std::string> classes;
    if (const records::FieldValue* value = record.Get("classes")) {
      for (std::string_view name : value->Items()) classes.emplace_back(name);
    }
    students_by_name_[NameKey(record.Text("last_name"), record.Text("first_name"))].emplace_back(
        person, std::move(classes));
  }
  PlanMemberships(context, row_idx);
  PlanLinks(context, row_idx);
}

bool Planner::CheckInFileDuplicates(const RowContext& context, RowPlan& row) {
  const records::Record& record = *context.record;
  const std::string_view external_id = record.Text("external_id");
  if (!external_id.empty()) {
    // A known id's first line is kept by account (a flat array); only new ids need the map.
    const std::int64_t position = index_.PositionOf(index_.BySourceExternalId(external_id));
    std::uint32_t first_line = record.line;
    if (position >= 0) {
      std::uint32_t& seen = first_line_by_account_[static_cast<std::size_t>(position)];
      if (seen == 0) seen = record.line;
      first_line = seen;
    } else {
      first_line = external_ids_seen_.emplace(external_id, record.line).first->second;
    }
    if (first_line != record.line) {
      row.diagnostics.push_back(
          MakeDiagnostic(Severity::kError, "duplicate_external_id", record.line)
              .With("external_id", std::string(external_id))
              .With("first_line", std::to_string(first_line))
              .Build());
      return true;
    }
    return false;
  }
  const std::string person = row.profile + '\x1e' +
                             NameKey(record.Text("last_name"), record.Text("first_name")) + '\x1e' +
                             std::string(record.Text("birth_date"));
  const auto [first, inserted] = people_seen_.emplace(person, record.line);
  if (!inserted) {
    row.diagnostics.push_back(MakeDiagnostic(Severity::kWarning, "duplicate_person", record.line)
                                  .With("first_line", std::to_string(first->second))
                                  .Build());
  }
  return false;
}

std::optional<PersonRef> Planner::Match(const RowContext& context, RowPlan& row, bool& conflict) {
  const records::Record& record = *context.record;
  const auto decision = context.file->decisions.find(record.line);
  const RowDecision* chosen =
      decision == context.file->decisions.end() ? nullptr : &decision->second;
  // 1. (source, external id), in any org.
  if (!row.external_id.empty()) {
    const directory::Id account = index_.BySourceExternalId(row.external_id);
    if (account != 0) return PersonRef{account, -1};
    return std::nullopt;
  }
  // 2. (org, profile, names, birth date) among what this source owns.
  if (chosen && chosen->create_new) return std::nullopt;
  const std::string birth_date(record.Text("birth_date"));
  std::vector<directory::Id> candidates;
  for (directory::Id id : index_.OwnedByName(
           row.profile, NameKey(record.Text("last_name"), record.Text("first_name")))) {
    const directory::Account* account = index_.Account(id);
    if (birth_date.empty() || account->birth_date.empty() || account->birth_date == birth_date) {
      candidates.push_back(id);
    }
  }
  if (chosen && chosen->match) {
    if (std::find(candidates.begin(), candidates.end(), *chosen->match) != candidates.end()) {
      return PersonRef{*chosen->match, -1};
    }
    row.diagnostics.push_back(MakeDiagnostic(Severity::kError, "match_not_a_candidate", row.line)
                                  .With("account", std::to_string(*chosen->match))
                                  .Build());
    conflict = true;
    return std::nullopt;
  }
  if (candidates.size() == 1) return PersonRef{candidates.front(), -1};
  if (candidates.size() > 1) {
    std::vector<std::string> logins;
    for (directory::Id id : candidates) logins.push_back(index_.Account(id)->login);
    row.diagnostics.push_back(MakeDiagnostic(Severity::kError, "conflict", row.line)
                                  .With("candidates", fmt::format("{}", fmt::join(logins, ", ")))
                                  .Build());
    conflict = true;
  }
  return std::nullopt;
}

void Planner::PlanExisting(const RowContext& context, directory::Id account_id, RowPlan& row) {
  const records::Record& record = *context.record;
  const directory::Account& account = *index_.Account(account_id);
  row.login = account.login;
  const directory::Affiliation* here = index_.AffiliationHere(account_id, row.profile);
  if (options_.mode == Mode::kCreateOnly) {
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

void Planner::PlanCreate(const RowContext& context, RowPlan& row) {
  if (options_.mode == Mode::kUpdateOnly) {
    row.operation = Operation::kSkip;
    row.diagnostics.push_back(
        MakeDiagnostic(Severity::kInfo, "not_found_not_created", row.line).Build());
    return;
  }
  row.operation = Operation::kCreate;
  row.values = context.record->values;
  WarnPossibleDuplicates(*context.record, row);
}

void Planner::WarnPossibleDuplicates(const records::Record& record, RowPlan& row) const {
  const std::string_view last = record.Text("last_name");
  const std::string_view first = record.Text("first_name");
  const std::string_view birth_date = record.Text("birth_date");
  // At most kMaxListedDuplicates logins are named, and the search stops at the next one: 30,000
  // namesakes made this check quadratic (every candidate compared and searched for in the list)
  // and the warning unreadable.
  constexpr std::size_t kMaxListedDuplicates = 10;
  std::vector<std::string> logins;
  bool more = false;
  const auto add = [&](const directory::Account& account) {
    if (std::find(logins.begin(), logins.end(), account.login) != logins.end()) return;
    if (logins.size() == kMaxListedDuplicates) {
      more = true;
      return;
    }
    logins.push_back(account.login);
  };
  if (birth_date.empty()) {
    for (directory::Id id : index_.AnyByName(NameKey(last, first))) {
      add(*index_.Account(id));
      if (more) break;
    }
  } else {
    // Same birth date and close names. Names are folded only for plausible candidates: a
    // region has hundreds of pupils born on any one day.
    std::string key;  // folded on the first plausible candidate
    const std::size_t wanted = last.size() + first.size();
    const char last_initial = DirectoryIndex::Initial(last);
    const char first_initial = DirectoryIndex::Initial(first);
    // A typo rarely hits the first letter of both names; an accented one (> 0x7F) may be
    // written without its accent, so it never rules a candidate out.
    const auto differs = [](char a, char b) {
      return a != b && static_cast<unsigned char>(a) < 0x80 && static_cast<unsigned char>(b) < 0x80;
    };
    for (const BirthDateCandidate& candidate : index_.ByBirthDate(birth_date)) {
      if (more) break;  // enough named: the rest would not be listed
      const std::size_t length = candidate.name_length;
      if (std::max(length, wanted) - std::min(length, wanted) > 4) continue;
      if (differs(candidate.last_initial, last_initial) &&
          differs(candidate.first_initial, first_initial)) {
        continue;
      }
      if (key.empty()) key = NameKey(last, first);
      const std::string& candidate_key = index_.CandidateNameKey(candidate);
      if (MayBeSimilar(key, candidate_key, kPossibleDuplicateSimilarity) &&
          mapping::Similarity(key, candidate_key) >= kPossibleDuplicateSimilarity) {
        add(*candidate.account);
      }
    }
  }
  if (logins.empty()) return;
  std::sort(logins.begin(), logins.end());
  row.diagnostics.push_back(
      MakeDiagnostic(Severity::kWarning, "possible_duplicate", row.line)
          .With("logins", fmt::format("{}{}", fmt::join(logins, ", "), more ? ", …" : ""))
          .Build());
}

void Planner::MarkSeen(directory::Id account) {
  const std::int64_t position = index_.PositionOf(account);
  if (position >= 0) seen_accounts_[static_cast<std::size_t>(position)] = true;
}

bool Planner::Seen(directory::Id account) const {
  const std::int64_t position = index_.PositionOf(account);
  return position >= 0 && seen_accounts_[static_cast<std::size_t>(position)];
}

Plan MakePlan(const directory::Snapshot& snapshot, const std::vector<PlanFile>& files,
              const PlanOptions& options) {
  return Planner(snapshot, files, options).Run();
}

}  // namespace rollcall::plan
