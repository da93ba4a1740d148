// Expiry (DESIGN.md §4.2, §4.3): a sync ends the affiliations of its (org, source) whose profile
// the import carries and whose person no row names; an account left with no active affiliation
// becomes pending deletion with a purge date. School-year change (§4.5): the org's groups of
// other periods are archived, memberships kept.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <set>
#include <unordered_set>

#include "plan/planner.hpp"

namespace rollcall::plan {

std::string AddDays(const std::string& iso_date, int days) {
  int year = 0;
  unsigned month = 0, day = 0;
  if (iso_date.size() < 10 || std::sscanf(iso_date.c_str(), "%d-%u-%u", &year, &month, &day) != 3) {
    return iso_date;
  }
  const std::chrono::sys_days start{std::chrono::year{year} / std::chrono::month{month} /
                                    std::chrono::day{day}};
  const std::chrono::year_month_day end{start + std::chrono::days{days}};
  return fmt::format("{:04d}-{:02d}-{:02d}{}", static_cast<int>(end.year()),
                     static_cast<unsigned>(end.month()), static_cast<unsigned>(end.day()),
                     iso_date.substr(10));
}

std::vector<Expiry> PlanExpiries(const PlanInputs& inputs, const std::vector<PlanFile>& files,
                                 const SeenAccounts& seen) {
  const PlanOptions& options = inputs.options;
  const DirectoryIndex& index = inputs.index;
  std::vector<Expiry> expiries;
  if (options.mode != Mode::kSync) return expiries;
  std::set<std::string> profiles;  // in scope: the profiles this import carries
  for (const PlanFile& file : files) profiles.insert(file.profile->id);
  const directory::Snapshot& snapshot = index.snapshot();
  std::unordered_set<directory::Id> ended;  // affiliations this plan ends
  for (const directory::Affiliation& affiliation : snapshot.affiliations) {
    if (affiliation.org != snapshot.org.id || affiliation.source != options.source ||
        !affiliation.active || profiles.count(affiliation.profile) == 0 ||
        Seen(index, affiliation.account, seen) || options.keep.count(affiliation.account) != 0) {
      continue;
    }
    ended.insert(affiliation.id);
    const directory::Account* account = index.Account(affiliation.account);
    expiries.push_back(Expiry{account->id, affiliation.id, account->login,
                              fmt::format("{} {}", account->last_name, account->first_name),
                              affiliation.profile, false, ""});
  }
  for (Expiry& expiry : expiries) {
    const auto& affiliations = index.AffiliationsOf(expiry.account);
    const bool keeps_one = std::any_of(
        affiliations.begin(), affiliations.end(), [&](const directory::Affiliation* affiliation) {
          return affiliation->active && ended.count(affiliation->id) == 0;
        });
    if (!keeps_one) {
      expiry.account_pending_deletion = true;
      expiry.purge_date = AddDays(options.today, options.retention_days);
    }
  }
  return expiries;
}

std::vector<GroupChange> PlanSchoolYearChange(const PlanInputs& inputs) {
  std::vector<GroupChange> archives;
  if (!inputs.options.school_year_change) return archives;
  for (const directory::Group& group : inputs.index.snapshot().groups) {
    if (group.archived || group.period == inputs.options.period ||
        group.kind == directory::GroupKind::kProtected) {
      continue;
    }
    archives.push_back(
        GroupChange{GroupChange::Kind::kArchive, group.id, group.name, group.kind, group.period});
  }
  return archives;
}

}  // namespace rollcall::plan
