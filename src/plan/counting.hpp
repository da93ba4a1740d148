// Counting a finished plan, shared by the import planner and the action planner. Internal to the
// plan module.
#pragma once

#include "plan/plan.hpp"

namespace rollcall::plan {

// Fills plan.counts and plan.blocked (a critical, or an error unless invalid rows are skipped).
void CountPlan(Plan& plan, bool skip_invalid_rows);

}  // namespace rollcall::plan
