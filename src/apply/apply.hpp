// Apply (DESIGN.md §2.7): turns a plan into the directory's new state in one transaction, after
// checking that the part of the directory the plan read has not changed since (the versions of
// the org and the source). Created accounts get a unique login and an initial credential; every
// change is written to the audit log with its state before and after, so that the import can be
// reverted. A plan that changes nothing writes nothing.
//
// A failure at any point leaves the directory as it was: the transaction is rolled back, and a
// process killed half way never commits.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "apply/credentials.hpp"
#include "apply/login.hpp"
#include "base/result.hpp"
#include "directory/store.hpp"
#include "plan/plan.hpp"

namespace rollcall::apply {

// How far an apply is: its phase ("logins", "groups", "people", "memberships", "links",
// "expiries", "commit") and, within it, rows done of total.
struct ApplyProgress {
  std::string_view phase;
  std::size_t done = 0;
  std::size_t total = 0;
};
// Told of progress now and then (at each phase, and every few thousand rows); returning false
// cancels the apply before its commit: nothing is written, and ApplyPlan fails with kCancelled.
using ApplyProgressListener = std::function<bool(const ApplyProgress&)>;

struct ApplyOptions {
  directory::ImportRecord import;  // saved in the same transaction (state kApplied)
  std::string now;                 // timestamp of the changes
  LoginPolicy login;
  CredentialPolicy credential;
  int credential_retention_days = 7;  // sealed copies of the credentials are kept this long
  const SecretKey* key = nullptr;     // REQUIRED
  ApplyProgressListener progress;     // optional
};

// What a sealed credential holds, as JSON: {"credential", "class", "profile"} — the letter can
// be printed again from it and the account.
std::string SealedLetterJson(std::string_view credential, std::string_view group_name,
                             std::string_view profile);

struct ApplyResult {
  // Per plan row: the account (0 for a skipped row).
  std::vector<directory::Id> accounts;
  // Per plan row, when the apply wrote something (empty vectors otherwise: an unchanged import of
  // a million rows would hold a hundred megabytes of empty strings): the login given to a created
  // account ("" where the plan's stands), its initial credential ("" otherwise, or when the file
  // gave the password), and the class its letter is filed under (its first class). Read them
  // with LoginOf(), CredentialOf(), ClassOf().
  std::vector<std::string> logins;
  std::vector<std::string> credentials;
  std::vector<std::string> classes;
  std::size_t entities_written = 0;  // accounts, affiliations, groups, memberships, links
  bool wrote = false;                // false: the plan changed nothing, nothing was written

  std::string_view LoginOf(const plan::Plan& plan, std::size_t row_idx) const {
    const bool given = row_idx < logins.size() && !logins[row_idx].empty();
    return given ? std::string_view(logins[row_idx]) : std::string_view(plan.rows[row_idx].login);
  }
  std::string_view CredentialOf(std::size_t row_idx) const {
    return row_idx < credentials.size() ? std::string_view(credentials[row_idx]) : "";
  }
  std::string_view ClassOf(std::size_t row_idx) const {
    return row_idx < classes.size() ? std::string_view(classes[row_idx]) : "";
  }
};

// kConflict when the directory changed since the snapshot (re-analyse and plan again);
// kInvalidArgument for a blocked plan; the store's errors otherwise.
Result<ApplyResult> ApplyPlan(directory::Store& store, const directory::Snapshot& snapshot,
                              const plan::Plan& plan, const ApplyOptions& options);

// Whether applying the plan would change the directory.
bool PlanChangesAnything(const plan::Plan& plan);

}  // namespace rollcall::apply
