// Revert and purge (issue 5).
//
// RevertImport undoes an applied import from its audit log, newest change first, in one
// transaction. Each entity must still be as the import left it; otherwise (an administrator or a
// later import changed it since) nothing is undone and every conflicting entity is listed.
//
// Purge deletes for real the accounts whose pending-deletion date has passed (DESIGN.md §4.2),
// with their affiliations, memberships, links and credentials; their logins stay taken forever.
// It also wipes the sealed credentials whose retention has ended.
#pragma once

#include <string>
#include <vector>

#include "base/result.hpp"
#include "directory/store.hpp"

namespace rollcall::apply {

struct RevertConflict {
  std::string entity;  // "account 12 (pablo.raison)", "membership of account 12 in group 3"
  std::string reason;  // "changed since the import", "has memberships added since"
};

struct RevertOutcome {
  std::size_t changes_undone = 0;
  std::vector<RevertConflict> conflicts;  // non-empty: nothing was undone
};

// kNotFound for an unknown import; kInvalidArgument unless it is applied (not yet, or reverted).
Result<RevertOutcome> RevertImport(directory::Store& store, const std::string& import_id,
                                   const std::string& now);

struct PurgeOutcome {
  std::vector<directory::Account> purged;  // as they were, by id
  std::size_t credentials_wiped = 0;
};

// `today` decides which purge dates have passed (strictly before it); `now` which sealed
// credentials have expired.
Result<PurgeOutcome> Purge(directory::Store& store, const std::string& today,
                           const std::string& now);

}  // namespace rollcall::apply
