// Who a row is (DESIGN.md §2.5): in-file duplicates, matching against the directory, and the
// possible-duplicate warning of created rows.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "mapping/header_key.hpp"
#include "plan/match_key.hpp"
#include "plan/planner.hpp"
#include "records/field_names.hpp"
#include "text/normalize.hpp"

namespace rollcall::plan {
namespace {

namespace field = records::field;

constexpr double kPossibleDuplicateSimilarity = 0.8;

// A diagnostic names at most this many accounts, and says how many more there are: 30,000
// namesakes must not make each of a file's rows carry 30,000 logins.
constexpr std::size_t kListedAccounts = 20;

// `accounts`' logins, up to kListedAccounts, into `builder` as `param` (", "-separated), and
// `more` when some are left out.
void ListLogins(const std::vector<const directory::Account*>& accounts, std::string_view param,
                DiagnosticBuilder& builder) {
  std::vector<std::string_view> logins;
  for (std::size_t idx = 0; idx < accounts.size() && idx < kListedAccounts; ++idx) {
    logins.push_back(accounts[idx]->login);
  }
  builder.With(std::string(param), fmt::format("{}", fmt::join(logins, ", ")));
  if (accounts.size() > logins.size()) {
    builder.With("more", std::to_string(accounts.size() - logins.size()));
  }
}

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

std::string RecordNameKey(const records::Record& record) {
  return NameKey(record.Text(field::kLastName), record.Text(field::kFirstName));
}

// Keeps the candidates `agrees` holds for, unless it holds for none (a value that tells no one
// apart is no reason to give up on the others).
template <class Agrees>
void KeepThoseThatAgree(std::vector<directory::Id>& candidates, Agrees agrees) {
  std::vector<directory::Id> agreeing;
  for (const directory::Id id : candidates) {
    if (agrees(id)) agreeing.push_back(id);
  }
  if (!agreeing.empty()) candidates = std::move(agreeing);
}

bool InOneOfClasses(const PlanInputs& inputs, directory::Id account,
                    const std::vector<std::string>& classes) {
  for (const directory::Membership* membership : inputs.index.MembershipsOf(account)) {
    const directory::Group* group = inputs.index.Group(membership->group);
    const bool of_the_period = group != nullptr && !group->archived &&
                               group->kind == directory::GroupKind::kClass &&
                               group->period == inputs.options.period;
    if (of_the_period && std::find(classes.begin(), classes.end(),
                                   text::FoldForMatching(group->name)) != classes.end()) {
      return true;
    }
  }
  return false;
}

// Namesakes (issue 14): 1. the one whose affiliation remembers this row's key; 2. else those who
// share the row's e-mail, 3. phone, 4. a class of the period — each step only while it leaves
// someone and more than one remains.
void NarrowNamesakes(const PlanInputs& inputs, const records::Record& record, const RowPlan& row,
                     std::vector<directory::Id>& candidates) {
  const DirectoryIndex& index = inputs.index;
  KeepThoseThatAgree(candidates, [&](directory::Id id) {  // 1.
    const directory::Affiliation* here = index.AffiliationHere(id, row.profile);
    return here != nullptr && !row.match_key.empty() && here->match_key == row.match_key;
  });
  const std::string email = ComparableEmail(record.Text(field::kEmail));
  if (candidates.size() > 1 && !email.empty()) {  // 2.
    KeepThoseThatAgree(candidates, [&](directory::Id id) {
      return ComparableEmail(index.Account(id)->Attribute(field::kEmail)) == email;
    });
  }
  for (const std::string_view phone_field : {field::kPhone, field::kMobile}) {  // 3.
    const std::string phone = ComparablePhone(record.Text(phone_field));
    if (candidates.size() <= 1 || phone.empty()) continue;
    KeepThoseThatAgree(candidates, [&](directory::Id id) {
      return ComparablePhone(index.Account(id)->Attribute(phone_field)) == phone;
    });
  }
  std::vector<std::string> classes;  // 4.
  if (const records::FieldValue* value = record.Get(field::kClasses)) {
    for (std::string_view name : value->Items()) classes.push_back(text::FoldForMatching(name));
  }
  if (candidates.size() > 1 && !classes.empty()) {
    KeepThoseThatAgree(candidates,
                       [&](directory::Id id) { return InOneOfClasses(inputs, id, classes); });
  }
}

}  // namespace

bool CheckInFileDuplicates(const DirectoryIndex& index, const records::Record& record,
                           InFileDuplicates& seen, RowPlan& row) {
  const std::string_view external_id = record.Text(field::kExternalId);
  if (!external_id.empty()) {
    // A known id's first line is kept by account (a flat array); only new ids need the map.
    const std::int64_t position = index.PositionOf(index.BySourceExternalId(external_id));
    std::uint32_t first_line = record.line;
    if (position >= 0) {
      std::uint32_t& first_seen = seen.first_line_by_account[static_cast<std::size_t>(position)];
      if (first_seen == 0) first_seen = record.line;
      first_line = first_seen;
    } else {
      first_line = seen.external_ids.emplace(external_id, record.line).first->second;
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
  const std::string person = row.profile + '\x1e' + RecordNameKey(record) + '\x1e' +
                             std::string(record.Text(field::kBirthDate));
  const auto [first, inserted] = seen.people.emplace(person, record.line);
  if (!inserted) {
    row.diagnostics.push_back(MakeDiagnostic(Severity::kWarning, "duplicate_person", record.line)
                                  .With("first_line", std::to_string(first->second))
                                  .Build());
  }
  return false;
}

MatchOutcome MatchPerson(const PlanInputs& inputs, const records::Record& record,
                         const RowDecision* decision, RowPlan& row) {
  const DirectoryIndex& index = inputs.index;
  // 1. (source, external id), in any org.
  if (!row.external_id.empty()) {
    const directory::Id account = index.BySourceExternalId(row.external_id);
    if (account != 0) return {PersonRef{account, -1}};
    return {};
  }
  // 2. (org, profile, names, birth date) among what this source owns.
  if (decision && decision->create_new) return {};
  const std::string birth_date(record.Text(field::kBirthDate));
  std::vector<directory::Id> candidates;
  for (directory::Id id : index.OwnedByName(row.profile, RecordNameKey(record))) {
    const directory::Account* account = index.Account(id);
    if (birth_date.empty() || account->birth_date.empty() || account->birth_date == birth_date) {
      candidates.push_back(id);
    }
  }
  if (decision && decision->match) {
    if (std::find(candidates.begin(), candidates.end(), *decision->match) != candidates.end()) {
      return {PersonRef{*decision->match, -1}};
    }
    row.diagnostics.push_back(MakeDiagnostic(Severity::kError, "match_not_a_candidate", row.line)
                                  .With("account", std::to_string(*decision->match))
                                  .Build());
    return {std::nullopt, true};
  }
  if (candidates.size() > 1) NarrowNamesakes(inputs, record, row, candidates);
  if (candidates.size() == 1) return {PersonRef{candidates.front(), -1}};
  if (candidates.size() > 1) {
    std::vector<const directory::Account*> accounts;
    for (directory::Id id : candidates) accounts.push_back(index.Account(id));
    DiagnosticBuilder conflict = MakeDiagnostic(Severity::kError, "conflict", row.line);
    ListLogins(accounts, "candidates", conflict);
    row.diagnostics.push_back(std::move(conflict).Build());
    return {std::nullopt, true};
  }
  return {};
}

void WarnPossibleDuplicates(const DirectoryIndex& index, const records::Record& record,
                            RowPlan& row) {
  const std::string_view last = record.Text(field::kLastName);
  const std::string_view first = record.Text(field::kFirstName);
  const std::string_view birth_date = record.Text(field::kBirthDate);
  // Each account once (every index lists an account once), so no login repeats.
  std::vector<const directory::Account*> found;
  if (birth_date.empty()) {
    for (directory::Id id : index.AnyByName(NameKey(last, first))) {
      found.push_back(index.Account(id));
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
    const std::span<const BirthDateCandidate> candidates = index.ByBirthDate(birth_date);
    for (std::size_t run = 0; run < candidates.size(); run += candidates[run].same_names) {
      const BirthDateCandidate& candidate = candidates[run];
      const std::size_t length = candidate.name_length;
      if (std::max(length, wanted) - std::min(length, wanted) > 4) continue;
      if (differs(candidate.last_initial, last_initial) &&
          differs(candidate.first_initial, first_initial)) {
        continue;
      }
      if (key.empty()) key = NameKey(last, first);
      const std::string& candidate_key = index.CandidateNameKey(candidate);
      if (MayBeSimilar(key, candidate_key, kPossibleDuplicateSimilarity) &&
          mapping::Similarity(key, candidate_key) >= kPossibleDuplicateSimilarity) {
        for (std::size_t same = run; same < run + candidate.same_names; ++same) {
          found.push_back(candidates[same].account);
        }
      }
    }
  }
  if (found.empty()) return;
  // The first logins in order: a partial sort, however many namesakes there are.
  const auto listed =
      found.begin() + static_cast<std::ptrdiff_t>(std::min(found.size(), kListedAccounts));
  std::partial_sort(found.begin(), listed, found.end(),
                    [](const auto* a, const auto* b) { return a->login < b->login; });
  DiagnosticBuilder warning = MakeDiagnostic(Severity::kWarning, "possible_duplicate", row.line);
  ListLogins(found, "logins", warning);
  row.diagnostics.push_back(std::move(warning).Build());
}

}  // namespace rollcall::plan
