// The working state of one ApplyPlan call, shared by its steps (applier.cpp: the transaction,
// groups, people; applier_relations.cpp: memberships, links, expiries). Internal to the module.
#pragma once

#include <memory>
#include <set>
#include <unordered_map>
#include <vector>

#include "apply/apply.hpp"
#include "apply/ordered_prefetch.hpp"

namespace rollcall::apply {

// A generated credential as a created account gets it: the secret for the report, its keyed
// hash, and the sealed copy the import keeps.
struct PreparedCredential {
  std::size_t row = 0;
  std::string secret;
  std::string hash;
  std::string sealed;
};

class Applier {
 public:
  Applier(directory::Store& store, const directory::Snapshot& snapshot, const plan::Plan& plan,
          const ApplyOptions& options, const LoginMaker& logins);
  Result<ApplyResult> Run();

 private:
  // applier.cpp
  Status CheckVersions();
  void IndexSnapshot();
  void FindClasses();
  // Tells options_.progress; kCancelled when it asks to stop.
  Status Report(std::string_view phase, std::size_t done);
  Status AllocateLogins();
  Status ApplyGroups();
  Status ApplyRows();
  Status CreatePerson(std::size_t row_idx);
  Status ChangePerson(std::size_t row_idx);
  void PrepareCredentials();
  Status GiveCredential(std::size_t row_idx, directory::Id account);
  Status TouchVersions();
  // Writes the change and its audit entry.
  Status Audit(directory::EntityState before, directory::EntityState after);
  // The account as this apply last left it (or as the snapshot has it).
  directory::Account& CurrentAccount(directory::Id id);

  // applier_relations.cpp
  Status ApplyMemberships();
  Status ApplyLinks();
  Status ApplyExpiries();
  directory::Id AccountOf(const plan::PersonRef& person) const;
  directory::Id GroupOf(const plan::GroupRef& group) const;

  directory::Store& store_;
  const directory::Snapshot& snapshot_;
  const plan::Plan& plan_;
  const ApplyOptions& options_;
  const LoginMaker& login_maker_;
  const std::string sealed_until_;  // expiry of the sealed credentials
  std::unique_ptr<directory::Transaction> transaction_;
  ApplyResult result_;
  std::vector<directory::Id> created_groups_;  // by index in plan_.groups
  std::unordered_map<directory::Id, const directory::Account*> snapshot_accounts_;
  std::unordered_map<directory::Id, const directory::Affiliation*> snapshot_affiliations_;
  std::unordered_map<directory::Id, directory::Account> changed_accounts_;
  std::set<directory::Id> touched_orgs_;
  std::int64_t audit_seq_ = 0;
  // Made while the rows are written (a tenth of a million-account import's time: random bytes,
  // BLAKE2b, XSalsa20). Last, so that its thread stops before the members it reads go.
  std::unique_ptr<OrderedPrefetch<PreparedCredential>> credentials_;
};

}  // namespace rollcall::apply
