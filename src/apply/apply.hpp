// Apply (DESIGN.md §2.7): turns a plan into the directory's new state in one transaction, after
// checking that the part of the directory the plan read has not changed since (the versions of
// the org and the source). Created accounts get a unique login and an initial credential; every
// change is written to the audit log with its state before and after, so that the import can be
// reverted. A plan that changes nothing writes nothing.
//
// A failure at any point leaves the directory as it was: the transaction is rolled back, and a
// process killed half way never commits.
#pragma once

#include <string>
#include <vector>

#include "apply/credentials.hpp"
#include "apply/login.hpp"
#include "base/result.hpp"
#include "directory/store.hpp"
#include "plan/plan.hpp"

namespace rollcall::apply {

struct ApplyOptions {
  directory::ImportRecord import;  // saved in the same transaction (state kApplied)
  std::string now;                 // timestamp of the changes
  LoginPolicy login;
  CredentialPolicy credential;
  int credential_retention_days = 7;  // sealed copies of the credentials are kept this long
  const SecretKey* key = nullptr;     // REQUIRED
};

// What a sealed credential holds, as JSON: {"credential", "class", "profile"} — the letter can
// be printed again from it and the account.
std::string SealedLetterJson(std::string_view credential, std::string_view group_name,
                             std::string_view profile);

struct ApplyResult {
  // Per plan row: the account (0 for a skipped row), its login, and for created accounts the
  // initial credential ("" otherwise, or when the file gave the password).
  std::vector<directory::Id> accounts;
  std::vector<std::string> logins;
  std::vector<std::string> credentials;
  // Per plan row: the class a created account's letter is filed under (its first class).
  std::vector<std::string> classes;
  std::size_t entities_written = 0;  // accounts, affiliations, groups, memberships, links
  bool wrote = false;                // false: the plan changed nothing, nothing was written
};

// kConflict when the directory changed since the snapshot (re-analyse and plan again);
// kInvalidArgument for a blocked plan; the store's errors otherwise.
Result<ApplyResult> ApplyPlan(directory::Store& store, const directory::Snapshot& snapshot,
                              const plan::Plan& plan, const ApplyOptions& options);

// Whether applying the plan would change the directory.
bool PlanChangesAnything(const plan::Plan& plan);

}  // namespace rollcall::apply
