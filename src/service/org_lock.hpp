// One sync of an org at a time, also across processes and servers (issue 6; DESIGN.md §3: the
// service owns the one-import-per-org lock). The lock is a row in the database taken in its own
// short transaction, so it holds wherever the database is shared; it expires, so a process that
// died while holding it locks the org for `ttl` at most. A long sync extends it as it goes.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "directory/store.hpp"

namespace rollcall::service {

// Who this process is, for the message of the one refused: "host pid 4242".
std::string DefaultLockHolder();

// Holds an org's lock until destroyed (released then) or Extend()ed. Not copyable.
class OrgLockGuard {
 public:
  // Takes the lock at `now` (a timestamp) for `ttl`. kConflict, naming the holder and since when,
  // when another holder's lock is in force; kInvalidArgument for a malformed `now`.
  static Result<OrgLockGuard> Take(directory::Store& store, const directory::Org& org,
                                   const std::string& holder, const std::string& now,
                                   std::chrono::seconds ttl);
  OrgLockGuard(OrgLockGuard&& other) noexcept;
  OrgLockGuard& operator=(OrgLockGuard&&) = delete;
  OrgLockGuard(const OrgLockGuard&) = delete;
  OrgLockGuard& operator=(const OrgLockGuard&) = delete;
  ~OrgLockGuard();

  // Pushes the expiry to `now` + ttl; kConflict if the lock was lost (it expired and another
  // holder took it).
  Status Extend(const std::string& now);
  // Releases now rather than at destruction, reporting a failure.
  Status Release();

 private:
  OrgLockGuard(directory::Store& store, const directory::Org& org, std::string holder,
               std::chrono::seconds ttl)
      : store_(&store), org_(org), holder_(std::move(holder)), ttl_(ttl) {}
  Result<directory::OrgLock> Acquire(const std::string& now);

  directory::Store* store_;  // null once released or moved from
  directory::Org org_;
  std::string holder_;
  std::chrono::seconds ttl_;
};

// How long a lock taken for one writing operation holds if never released.
inline constexpr std::chrono::hours kApplyLockTtl{1};

// The lock of the org with this code for one import or action file applied by this process
// (an hour at most); kNotFound for an unknown org, kConflict while another holds it.
Result<OrgLockGuard> LockOrgForApply(directory::Store& store, const std::string& org_code,
                                     const std::string& now);

// The org's lock for `work` ("import imp-…", "revert imp-…", "purge"), which the holder names so
// that a refused writer is told what runs; an hour at most. kConflict while another holds it.
Result<OrgLockGuard> LockOrgFor(directory::Store& store, const directory::Org& org,
                                std::string_view work, const std::string& now);

}  // namespace rollcall::service
