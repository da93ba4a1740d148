// Undoing and purging (DESIGN.md §4.2), under the locks every writing operation takes (issue 13):
// reverting an import holds its org's lock, as does any import of the org; a revert of a
// deployment-wide import (role files) and a purge, which reach accounts of any org, hold every
// org's lock, so that neither runs beside an import.
#pragma once

#include <string>
#include <vector>

#include "apply/revert.hpp"
#include "base/result.hpp"
#include "directory/store.hpp"
#include "service/clock.hpp"
#include "service/org_lock.hpp"

namespace rollcall::service {

// kConflict naming the holder when another operation holds a lock needed.
Result<apply::RevertOutcome> RevertImport(directory::Store& store, const std::string& import_id,
                                          const Clock& clock);
Result<apply::PurgeOutcome> Purge(directory::Store& store, const std::string& today,
                                  const Clock& clock);

// Every org's lock, for work that reaches all of them; kConflict when one is held.
Result<std::vector<OrgLockGuard>> LockEveryOrg(directory::Store& store, const std::string& work,
                                               const Clock& clock);

}  // namespace rollcall::service
