#include "service/orgs.hpp"

#include <fmt/format.h>

namespace rollcall::service {

Result<directory::Org> FindOrgByCode(directory::Store& store, const std::string& code) {
  Result<std::optional<directory::Org>> org = store.FindOrg(code);
  if (!org) return org.error();
  if (!*org) return MakeError(ErrorCode::kNotFound, fmt::format("unknown org '{}'", code));
  return std::move(org)->value();
}

Result<directory::Org> FindOrgById(directory::Store& store, directory::Id id) {
  Result<std::vector<directory::Org>> orgs = store.ListOrgs();
  if (!orgs) return orgs.error();
  for (directory::Org& org : *orgs) {
    if (org.id == id) return std::move(org);
  }
  return MakeError(ErrorCode::kNotFound, fmt::format("no org with id {}", id));
}

}  // namespace rollcall::service
