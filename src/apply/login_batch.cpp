#include "apply/login_batch.hpp"

#include <algorithm>

namespace rollcall::apply {
Result<std::vector<std::string>> AllocateLogins(directory::Store& store, const plan::Plan& plan,
                                                const LoginMaker& maker) {
  std::vector<std::string> logins(plan.rows.size());
  std::vector<std::string> bases(plan.rows.size());
  std::vector<std::string> prefixes;
  for (std::size_t row_idx = 0; row_idx < plan.rows.size(); ++row_idx) {
    const plan::RowPlan& row = plan.rows[row_idx];
    if (row.operation != plan::Operation::kCreate) continue;
    const std::string_view given = row.Value("login");
    bases[row_idx] = given.empty() ? maker.Base(row.Value("first_name"), row.Value("last_name"))
                                   : std::string(given);
    prefixes.push_back(given.empty() ? maker.Prefix(bases[row_idx]) : bases[row_idx]);
  }
  if (prefixes.empty()) return logins;
  std::sort(prefixes.begin(), prefixes.end());
  prefixes.erase(std::unique(prefixes.begin(), prefixes.end()), prefixes.end());
  Result<std::vector<std::string>> taken = store.LoginsStartingWith(prefixes);
  if (!taken) return taken.error();
  LoginAllocator allocator(maker);
  for (std::string& login : *taken) allocator.AddTaken(std::move(login));
  for (std::size_t row_idx = 0; row_idx < plan.rows.size(); ++row_idx) {
    if (!bases[row_idx].empty()) logins[row_idx] = allocator.Allocate(bases[row_idx]);
  }
  return logins;
}

}  // namespace rollcall::apply
