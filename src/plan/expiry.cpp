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

void Planner::PlanExpiries() {
  if (options_.mode != Mode::kSync) return;
  std::set<std::string> profiles;  // in scope: the profiles this import carries
  for (const PlanFile& file : files_) profiles.insert(file.profile->id);
  const directory::Snapshot& snapshot = index_.snapshot();
  std::unordered_set<directory::Id> ended;  // affiliations this plan ends
  for (const directory::Affiliation& affiliation : snapshot.affiliations) {
    if (affiliation.org != snapshot.org.id || affiliation.source != options_.source ||
        !affiliation.active || profiles.count(affiliation.profile) == 0 ||
        Seen(affiliation.account) || options_.keep.count(affiliation.account) != 0) {
      continue;
    }
    ended.insert(affiliation.id);
    const directory::Account* account = index_.Account(affiliation.account);
    plan_.expiries.push_back(Expiry{account->id, affiliation.id, account->login,
                                    fmt::format("{} {}", account->last_name, account->first_name),
                                    affiliation.profile, false, ""});
  }
  for (Expiry& expiry : plan_.expiries) {
    const auto& affiliations = index_.AffiliationsOf(expiry.account);
    const bool keeps_one = std::any_of(
        affiliations.begin(), affiliations.end(), [&](const directory::Affiliation* affiliation) {
          return affiliation->active && ended.count(affiliation->id) == 0;
        });
    if (!keeps_one) {
      expiry.account_pending_deletion = true;
      expiry.purge_date = AddDays(options_.today, options_.retention_days);
    }
  }
}

void Planner::PlanSchoolYearChange() {
  if (!options_.school_year_change) return;
  for (const directory::Group& group : index_.snapshot().groups) {
    if (group.archived || group.period == options_.period ||
        group.kind == directory::GroupKind::kProtected) {
      continue;
    }
    plan_.groups.push_back(
        GroupChange{GroupChange::Kind::kArchive, group.id, group.name, group.kind, group.period});
  }
}

}  // namespace rollcall::plan
