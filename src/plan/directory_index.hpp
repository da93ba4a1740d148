// Hash indexes over a Snapshot, built once per plan so that planning is O(rows). The indexes by
// name fold every name with ICU, which costs more than the rest of a plan: they are built on
// first use only (a file whose rows all carry external ids never needs them).
//
// Not thread-safe (the lazy indexes); one planner uses it.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "directory/model.hpp"

namespace rollcall::plan {

// Folded last and first name, the key people are matched and compared by.
std::string NameKey(std::string_view last_name, std::string_view first_name);

class DirectoryIndex {
 public:
  DirectoryIndex(const directory::Snapshot& snapshot, const std::string& source);

  const directory::Snapshot& snapshot() const { return snapshot_; }
  const directory::Account* Account(directory::Id id) const;
  // The account the source knows by this external id (any org), or 0.
  directory::Id BySourceExternalId(std::string_view external_id) const;
  // Accounts with an affiliation of (org, profile, source) whose names fold to `name_key`.
  const std::vector<directory::Id>& OwnedByName(const std::string& profile,
                                                const std::string& name_key) const;
  // Every account of the org (any source, any profile) whose names fold to `name_key`.
  const std::vector<directory::Id>& AnyByName(const std::string& name_key) const;
  // Accounts of the org born on `birth_date` (any source, any profile).
  const std::vector<directory::Id>& ByBirthDate(const std::string& birth_date) const;
  const std::vector<const directory::Affiliation*>& AffiliationsOf(directory::Id account) const;
  // The account's affiliation of (org, profile, source), or null.
  const directory::Affiliation* AffiliationHere(directory::Id account,
                                                std::string_view profile) const;
  const directory::Group* Group(directory::Id id) const;
  // The org's group of that name in that period that is not archived, or null.
  const directory::Group* GroupNamed(std::string_view name, std::string_view period) const;
  const std::vector<const directory::Membership*>& MembershipsOf(directory::Id account) const;
  const std::vector<const directory::GuardianLink*>& LinksOfGuardian(directory::Id account) const;

 private:
  void BuildNameIndexes() const;
  bool InOrg(directory::Id account) const;

  const directory::Snapshot& snapshot_;
  std::string source_;
  mutable bool name_indexes_built_ = false;
  std::unordered_map<directory::Id, const directory::Account*> accounts_;
  std::unordered_map<std::string, directory::Id> by_external_id_;
  mutable std::unordered_map<std::string, std::vector<directory::Id>> owned_by_name_;
  mutable std::unordered_map<std::string, std::vector<directory::Id>> any_by_name_;
  std::unordered_map<std::string, std::vector<directory::Id>> by_birth_date_;
  std::unordered_map<directory::Id, std::vector<const directory::Affiliation*>> affiliations_;
  std::unordered_map<directory::Id, const directory::Group*> groups_;
  std::unordered_map<std::string, const directory::Group*> groups_by_name_;  // name + period
  std::unordered_map<directory::Id, std::vector<const directory::Membership*>> memberships_;
  std::unordered_map<directory::Id, std::vector<const directory::GuardianLink*>> links_;
};

}  // namespace rollcall::plan
