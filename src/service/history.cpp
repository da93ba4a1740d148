#include "service/history.hpp"

#include <fmt/format.h>

#include "service/orgs.hpp"

namespace rollcall::service {
Result<std::vector<OrgLockGuard>> LockEveryOrg(directory::Store& store, const std::string& work,
                                               const Clock& clock) {
  Result<std::vector<directory::Org>> orgs = store.ListOrgs();
  if (!orgs) return orgs.error();
  std::vector<OrgLockGuard> locks;
  for (const directory::Org& org : *orgs) {
    // Taken in code order and never waited for, so two of these cannot deadlock; a refusal
    // releases the ones taken (their guards go out of scope).
    Result<OrgLockGuard> lock = LockOrgFor(store, org, work, clock.now);
    if (!lock) return lock.error();
    locks.push_back(std::move(lock).value());
  }
  return locks;
}

Result<apply::RevertOutcome> RevertImport(directory::Store& store, const std::string& import_id,
                                          const Clock& clock) {
  Result<std::optional<directory::ImportRecord>> record = store.FindImport(import_id);
  if (!record) return record.error();
  if (!*record) return MakeError(ErrorCode::kNotFound, fmt::format("no import '{}'", import_id));
  std::vector<OrgLockGuard> locks;
  const std::string work = fmt::format("revert {}", import_id);
  if ((*record)->org == 0) {
    Result<std::vector<OrgLockGuard>> every = LockEveryOrg(store, work, clock);
    if (!every) return every.error();
    locks = std::move(every).value();
  } else {
    Result<directory::Org> org = FindOrgById(store, (*record)->org);
    if (!org) return org.error();
    Result<OrgLockGuard> lock = LockOrgFor(store, *org, work, clock.now);
    if (!lock) return lock.error();
    locks.push_back(std::move(lock).value());
  }
  return apply::RevertImport(store, import_id, clock.now);
}

Result<apply::PurgeOutcome> Purge(directory::Store& store, const std::string& today,
                                  const Clock& clock) {
  Result<std::vector<OrgLockGuard>> locks = LockEveryOrg(store, "purge", clock);
  if (!locks) return locks.error();
  return apply::Purge(store, today, clock.now);
}

}  // namespace rollcall::service
