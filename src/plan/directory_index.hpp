// Hash indexes over a Snapshot, built once per plan so that planning is O(rows). A million
// accounts make a million of everything, so the per-account lists (affiliations, memberships,
// guardian links) are one flat array each, sliced by the account's position in the snapshot,
// rather than a hash map of small vectors. Keys are views into the snapshot, which must outlive
// the index.
//
// The indexes by name fold every name with ICU, which costs more than the rest of a plan, and the
// index by birth date serves only the possible-duplicate warnings of created rows: both are built
// on first use only (a file whose rows all carry known external ids never needs them).
//
// Not thread-safe (the lazy indexes); one planner uses it.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "directory/model.hpp"

namespace rollcall::plan {

// Folded last and first name, the key people are matched and compared by.
std::string NameKey(std::string_view last_name, std::string_view first_name);

// An account born on some date, with what the possible-duplicate check looks at before folding
// names: the lengths and first bytes of its names.
struct BirthDateCandidate {
  const directory::Account* account = nullptr;
  std::size_t name_length = 0;  // last name + first name, in bytes
  char last_initial = ' ';      // first byte, ASCII upper-cased
  char first_initial = ' ';
  // How many candidates from this one on have the very same names, byte for byte, so that the
  // possible-duplicate check compares them once (30,000 namesakes born on one day: issue 14).
  // Set on the first of each run; 1 throughout a date with few candidates.
  std::uint32_t same_names = 1;
  // DirectoryIndex::CandidateNameKey's cache: 0, or the key's index + 1.
  mutable std::uint32_t name_key = 0;
};

class DirectoryIndex {
 public:
  DirectoryIndex(const directory::Snapshot& snapshot, const std::string& source);

  const directory::Snapshot& snapshot() const { return snapshot_; }
  const directory::Account* Account(directory::Id id) const;
  // The account's position in snapshot().accounts, or -1.
  std::int64_t PositionOf(directory::Id account) const;
  // The account the source knows by this external id (any org), or 0.
  directory::Id BySourceExternalId(std::string_view external_id) const;
  // Accounts with an affiliation of (org, profile, source) whose names fold to `name_key`.
  const std::vector<directory::Id>& OwnedByName(const std::string& profile,
                                                const std::string& name_key) const;
  // Every account of the org (any source, any profile) whose names fold to `name_key`.
  const std::vector<directory::Id>& AnyByName(const std::string& name_key) const;
  // Accounts of the org born on `birth_date` (any source, any profile).
  std::span<const BirthDateCandidate> ByBirthDate(std::string_view birth_date) const;
  // NameKey of a candidate's names, folded once however many created rows compare with it.
  const std::string& CandidateNameKey(const BirthDateCandidate& candidate) const;
  std::span<const directory::Affiliation* const> AffiliationsOf(directory::Id account) const;
  // The account's affiliation of (org, profile, source), or null.
  const directory::Affiliation* AffiliationHere(directory::Id account,
                                                std::string_view profile) const;
  const directory::Group* Group(directory::Id id) const;
  // The org's group of that name in that period that is not archived, or null.
  const directory::Group* GroupNamed(std::string_view name, std::string_view period) const;
  std::span<const directory::Membership* const> MembershipsOf(directory::Id account) const;
  std::span<const directory::GuardianLink* const> LinksOfGuardian(directory::Id account) const;

  // A name's first byte, ASCII upper-cased, as BirthDateCandidate keeps it.
  static char Initial(std::string_view name);

 private:
  // Items of type T grouped by account position: those of position p are
  // items[offsets[p]] .. items[offsets[p + 1]], in snapshot order.
  template <class T>
  struct PerAccount {
    std::vector<std::uint32_t> offsets;
    std::vector<const T*> items;
    std::span<const T* const> Of(std::int64_t position) const;
  };
  template <class T, class AccountOf>
  PerAccount<T> ByAccount(const std::vector<T>& all, AccountOf account_of) const;

  void BuildNameIndexes() const;
  void BuildBirthDateIndex() const;
  static void GroupSameNames(std::vector<BirthDateCandidate>& candidates);
  bool InOrg(directory::Id account) const;

  const directory::Snapshot& snapshot_;
  std::string source_;
  mutable bool name_indexes_built_ = false;
  mutable bool birth_date_index_built_ = false;
  std::unordered_map<directory::Id, std::uint32_t> positions_;
  // The source's external ids, open addressing with linear probing in a power-of-two number of
  // slots, at most two thirds full: a million lookups into a node-based map miss the cache on the
  // bucket, the node and the key; here on the slot and the affiliation, which holds the key (a
  // short id sits inside its std::string) and the account. Eight bytes a slot.
  struct ExternalIdSlot {
    std::uint32_t hash = 0;         // the key's hash, truncated
    std::uint32_t affiliation = 0;  // its position in snapshot().affiliations + 1; 0: free
  };
  void IndexExternalIds();
  std::vector<ExternalIdSlot> by_external_id_;
  mutable std::unordered_map<std::string, std::vector<directory::Id>> owned_by_name_;
  mutable std::unordered_map<std::string, std::vector<directory::Id>> any_by_name_;
  mutable std::unordered_map<std::string_view, std::vector<BirthDateCandidate>> by_birth_date_;
  mutable std::vector<std::string> candidate_name_keys_;
  PerAccount<directory::Affiliation> affiliations_;
  PerAccount<directory::Membership> memberships_;
  PerAccount<directory::GuardianLink> links_;  // by guardian
  std::unordered_map<directory::Id, const directory::Group*> groups_;
  std::unordered_map<std::string, const directory::Group*> groups_by_name_;  // name + period
};

}  // namespace rollcall::plan
