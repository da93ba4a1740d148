#include "service/org_lock.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <utility>

#include "service/orgs.hpp"
#include "service/sync_schedule.hpp"

namespace rollcall::service {

namespace {

std::string HostName() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') return "unknown-host";
  return host;
}

// Whether `holder` (as DefaultLockHolder() writes it) is a process of this host that no longer
// runs: a killed apply must not lock its org until the lock expires.
bool HolderIsDeadLocalProcess(std::string_view holder) {
  const std::string prefix = HostName() + " pid ";
  if (!holder.starts_with(prefix)) return false;
  holder.remove_prefix(prefix.size());
  pid_t pid = 0;
  const auto [end, error] = std::from_chars(holder.data(), holder.data() + holder.size(), pid);
  if (error != std::errc() || pid <= 0 || end == holder.data()) return false;
  return ::kill(pid, 0) != 0 && errno == ESRCH;
}

}  // namespace

std::string DefaultLockHolder() {
  // Two guards of one process (a server running several orgs) differ by the counter.
  static std::atomic<int> counter{0};
  return fmt::format("{} pid {} #{}", HostName(), ::getpid(), ++counter);
}

Result<directory::OrgLock> OrgLockGuard::Acquire(const std::string& now) {
  const std::optional<std::chrono::sys_seconds> start = ParseTimestamp(now);
  if (!start) return MakeError(ErrorCode::kInvalidArgument, fmt::format("bad time '{}'", now));
  const directory::OrgLock wanted{org_.id, holder_, now, FormatTimestamp(*start + ttl_)};
  Result<directory::OrgLock> held = store_->AcquireOrgLock(wanted, now);
  if (!held) return held.error();
  if (held->holder != holder_ && HolderIsDeadLocalProcess(held->holder)) {
    // Only that holder's row goes: a live process that took it meanwhile keeps it.
    if (Status released = store_->ReleaseOrgLock(org_.id, held->holder); !released) {
      return released.error();
    }
    held = store_->AcquireOrgLock(wanted, now);
    if (!held) return held.error();
  }
  if (held->holder != holder_) {
    return MakeError(ErrorCode::kConflict,
                     fmt::format("an import or sync of org '{}' is already running ({}, "
                                 "holding the org's lock since {}; the lock expires at {} if it "
                                 "is never released); try again later",
                                 org_.code, held->holder, held->acquired_at, held->expires_at));
  }
  return held;
}

Result<OrgLockGuard> OrgLockGuard::Take(directory::Store& store, const directory::Org& org,
                                        const std::string& holder, const std::string& now,
                                        std::chrono::seconds ttl) {
  OrgLockGuard guard(store, org, holder, ttl);
  Result<directory::OrgLock> held = guard.Acquire(now);
  if (!held) {
    guard.store_ = nullptr;  // nothing to release
    return held.error();
  }
  return guard;
}

OrgLockGuard::OrgLockGuard(OrgLockGuard&& other) noexcept
    : store_(std::exchange(other.store_, nullptr)),
      org_(std::move(other.org_)),
      holder_(std::move(other.holder_)),
      ttl_(other.ttl_) {}

OrgLockGuard::~OrgLockGuard() {
  // A failed release leaves the row to expire; nothing better can be done in a destructor.
  if (store_ != nullptr) (void)store_->ReleaseOrgLock(org_.id, holder_);
}

Status OrgLockGuard::Extend(const std::string& now) {
  if (store_ == nullptr) return MakeError(ErrorCode::kInvalidArgument, "the lock is not held");
  Result<directory::OrgLock> held = Acquire(now);
  if (!held) return held.error();
  return {};
}

Status OrgLockGuard::Release() {
  if (store_ == nullptr) return {};
  directory::Store* store = std::exchange(store_, nullptr);
  return store->ReleaseOrgLock(org_.id, holder_);
}

Result<OrgLockGuard> LockOrgForApply(directory::Store& store, const std::string& org_code,
                                     const std::string& now) {
  Result<directory::Org> org = FindOrgByCode(store, org_code);
  if (!org) return org.error();
  return OrgLockGuard::Take(store, *org, DefaultLockHolder(), now, kApplyLockTtl);
}

Result<OrgLockGuard> LockOrgFor(directory::Store& store, const directory::Org& org,
                                std::string_view work, const std::string& now) {
  return OrgLockGuard::Take(store, org, fmt::format("{} {}", DefaultLockHolder(), work), now,
                            kApplyLockTtl);
}

}  // namespace rollcall::service
