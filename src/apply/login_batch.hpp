// The logins of every account a plan creates, allocated together: one store query for every login
// that could collide, then each base numbered past what is taken and what earlier rows got. The
// same directory and plan give the same logins, so the preview can show what apply will give.
#pragma once

#include <string>
#include <vector>

#include "apply/login.hpp"
#include "base/result.hpp"
#include "directory/store.hpp"
#include "plan/plan.hpp"

namespace rollcall::apply {

// Per plan row: the login for a created row ("" for the others). A login the file gives is used
// as the base of its row.
Result<std::vector<std::string>> AllocateLogins(directory::Store& store, const plan::Plan& plan,
                                                const LoginMaker& maker);

}  // namespace rollcall::apply
