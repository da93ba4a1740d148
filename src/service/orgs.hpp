// Finding the org a request or a stored import names, with the error every caller gives.
#pragma once

#include <string>

#include "base/result.hpp"
#include "directory/store.hpp"

namespace rollcall::service {

// kNotFound "unknown org 'CODE'" when no org has the code.
Result<directory::Org> FindOrgByCode(directory::Store& store, const std::string& code);
// kNotFound when no org has the id.
Result<directory::Org> FindOrgById(directory::Store& store, directory::Id id);

}  // namespace rollcall::service
