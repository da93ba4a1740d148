#include "plan/directory_index.hpp"

#include <algorithm>
#include <functional>
#include <tuple>
#include <utility>

#include "text/normalize.hpp"

namespace rollcall::plan {
namespace {

template <class Map>
const typename Map::mapped_type& FindOrEmpty(const Map& map, const typename Map::key_type& key) {
  static const typename Map::mapped_type kEmpty{};
  const auto found = map.find(key);
  return found == map.end() ? kEmpty : found->second;
}

std::string GroupKey(std::string_view name, std::string_view period) {
  std::string key(name);
  key += '\x1f';
  key += period;
  return key;
}

}  // namespace

std::string NameKey(std::string_view last_name, std::string_view first_name) {
  std::string key = text::FoldForMatching(text::TrimView(last_name));
  key += '\x1f';
  key += text::FoldForMatching(text::TrimView(first_name));
  return key;
}

char DirectoryIndex::Initial(std::string_view name) {
  const char c = name.empty() ? ' ' : name.front();
  return static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
}

template <class T>
std::span<const T* const> DirectoryIndex::PerAccount<T>::Of(std::int64_t position) const {
  if (position < 0) return {};
  const auto at = static_cast<std::size_t>(position);
  return std::span<const T* const>(items).subspan(offsets[at], offsets[at + 1] - offsets[at]);
}

// A counting sort by account position: stable, so each account's items keep snapshot order.
// Items of accounts outside the snapshot are left out (nothing asks for them).
template <class T, class AccountOf>
DirectoryIndex::PerAccount<T> DirectoryIndex::ByAccount(const std::vector<T>& all,
                                                        AccountOf account_of) const {
  PerAccount<T> grouped;
  grouped.offsets.assign(snapshot_.accounts.size() + 1, 0);
  std::vector<std::int64_t> positions(all.size());
  for (std::size_t item_idx = 0; item_idx < all.size(); ++item_idx) {
    positions[item_idx] = PositionOf(account_of(all[item_idx]));
    if (positions[item_idx] >= 0) ++grouped.offsets[static_cast<std::size_t>(positions[item_idx])];
  }
  std::uint32_t total = 0;
  for (std::uint32_t& offset : grouped.offsets) total += std::exchange(offset, total);
  grouped.items.resize(total);
  std::vector<std::uint32_t> next(grouped.offsets.begin(), grouped.offsets.end() - 1);
  for (std::size_t item_idx = 0; item_idx < all.size(); ++item_idx) {
    if (positions[item_idx] < 0) continue;
    grouped.items[next[static_cast<std::size_t>(positions[item_idx])]++] = &all[item_idx];
  }
  return grouped;
}

DirectoryIndex::DirectoryIndex(const directory::Snapshot& snapshot, const std::string& source)
    : snapshot_(snapshot), source_(source) {
  positions_.reserve(snapshot.accounts.size());
  for (std::size_t position = 0; position < snapshot.accounts.size(); ++position) {
    positions_.emplace(snapshot.accounts[position].id, static_cast<std::uint32_t>(position));
  }
  IndexExternalIds();
  affiliations_ = ByAccount(snapshot.affiliations,
                            [](const directory::Affiliation& item) { return item.account; });
  memberships_ = ByAccount(snapshot.memberships,
                           [](const directory::Membership& item) { return item.account; });
  links_ =
      ByAccount(snapshot.links, [](const directory::GuardianLink& item) { return item.guardian; });
  for (const directory::Group& group : snapshot.groups) {
    groups_[group.id] = &group;
    if (!group.archived) groups_by_name_.emplace(GroupKey(group.name, group.period), &group);
  }
}

std::int64_t DirectoryIndex::PositionOf(directory::Id account) const {
  const auto found = positions_.find(account);
  return found == positions_.end() ? -1 : static_cast<std::int64_t>(found->second);
}

bool DirectoryIndex::InOrg(directory::Id account) const {
  const auto affiliations = AffiliationsOf(account);
  return std::any_of(affiliations.begin(), affiliations.end(),
                     [&](const auto* affiliation) { return affiliation->org == snapshot_.org.id; });
}

void DirectoryIndex::BuildNameIndexes() const {
  if (name_indexes_built_) return;
  name_indexes_built_ = true;
  for (const directory::Account& account : snapshot_.accounts) {
    if (!InOrg(account.id)) continue;
    const std::string key = NameKey(account.last_name, account.first_name);
    for (const directory::Affiliation* affiliation : AffiliationsOf(account.id)) {
      if (affiliation->org == snapshot_.org.id && affiliation->source == source_) {
        auto& owners = owned_by_name_[affiliation->profile + '\x1e' + key];
        if (owners.empty() || owners.back() != account.id) owners.push_back(account.id);
      }
    }
    any_by_name_[key].push_back(account.id);
  }
}

void DirectoryIndex::BuildBirthDateIndex() const {
  if (birth_date_index_built_) return;
  birth_date_index_built_ = true;
  for (const directory::Account& account : snapshot_.accounts) {
    if (account.birth_date.empty() || !InOrg(account.id)) continue;
    by_birth_date_[account.birth_date].push_back(
        BirthDateCandidate{&account, account.last_name.size() + account.first_name.size(),
                           Initial(account.last_name), Initial(account.first_name)});
  }
  for (auto& [birth_date, candidates] : by_birth_date_) GroupSameNames(candidates);
}

// Only dates with many candidates are worth sorting: a region's ordinary day has a few hundred.
void DirectoryIndex::GroupSameNames(std::vector<BirthDateCandidate>& candidates) {
  constexpr std::size_t kWorthGrouping = 256;
  if (candidates.size() < kWorthGrouping) return;
  const auto names = [](const BirthDateCandidate& candidate) {
    return std::tie(candidate.account->last_name, candidate.account->first_name);
  };
  std::stable_sort(candidates.begin(), candidates.end(),
                   [&](const auto& a, const auto& b) { return names(a) < names(b); });
  for (std::size_t run_start = 0; run_start < candidates.size();) {
    std::size_t run_end = run_start + 1;
    while (run_end < candidates.size() &&
           names(candidates[run_end]) == names(candidates[run_start])) {
      ++run_end;
    }
    candidates[run_start].same_names = static_cast<std::uint32_t>(run_end - run_start);
    run_start = run_end;
  }
}

const directory::Account* DirectoryIndex::Account(directory::Id id) const {
  const std::int64_t position = PositionOf(id);
  return position < 0 ? nullptr : &snapshot_.accounts[static_cast<std::size_t>(position)];
}

// An id held twice (two orgs of a regional source) keeps its first account, in snapshot order.
void DirectoryIndex::IndexExternalIds() {
  const std::vector<directory::Affiliation>& affiliations = snapshot_.affiliations;
  std::size_t slot_count = 16;
  while (slot_count < affiliations.size() + affiliations.size() / 2) slot_count *= 2;
  by_external_id_.assign(slot_count, ExternalIdSlot{});
  const std::size_t mask = slot_count - 1;
  for (std::size_t affiliation_idx = 0; affiliation_idx < affiliations.size(); ++affiliation_idx) {
    const directory::Affiliation& affiliation = affiliations[affiliation_idx];
    if (affiliation.source != source_ || affiliation.external_id.empty()) continue;
    const std::size_t hash = std::hash<std::string_view>{}(affiliation.external_id);
    for (std::size_t slot_idx = hash & mask;; slot_idx = (slot_idx + 1) & mask) {
      ExternalIdSlot& slot = by_external_id_[slot_idx];
      if (slot.affiliation == 0) {
        slot = {static_cast<std::uint32_t>(hash), static_cast<std::uint32_t>(affiliation_idx + 1)};
        break;
      }
      const bool same = slot.hash == static_cast<std::uint32_t>(hash) &&
                        affiliations[slot.affiliation - 1].external_id == affiliation.external_id;
      if (same) break;
    }
  }
}

directory::Id DirectoryIndex::BySourceExternalId(std::string_view external_id) const {
  if (external_id.empty()) return 0;
  const std::size_t hash = std::hash<std::string_view>{}(external_id);
  const std::size_t mask = by_external_id_.size() - 1;
  for (std::size_t slot_idx = hash & mask;; slot_idx = (slot_idx + 1) & mask) {
    const ExternalIdSlot& slot = by_external_id_[slot_idx];
    if (slot.affiliation == 0) return 0;
    if (slot.hash != static_cast<std::uint32_t>(hash)) continue;
    const directory::Affiliation& affiliation = snapshot_.affiliations[slot.affiliation - 1];
    if (affiliation.external_id == external_id) return affiliation.account;
  }
}

const std::vector<directory::Id>& DirectoryIndex::OwnedByName(const std::string& profile,
                                                              const std::string& name_key) const {
  BuildNameIndexes();
  return FindOrEmpty(owned_by_name_, profile + '\x1e' + name_key);
}

const std::vector<directory::Id>& DirectoryIndex::AnyByName(const std::string& name_key) const {
  BuildNameIndexes();
  return FindOrEmpty(any_by_name_, name_key);
}

std::span<const BirthDateCandidate> DirectoryIndex::ByBirthDate(std::string_view birth_date) const {
  BuildBirthDateIndex();
  return FindOrEmpty(by_birth_date_, birth_date);
}

const std::string& DirectoryIndex::CandidateNameKey(const BirthDateCandidate& candidate) const {
  if (candidate.name_key == 0) {
    candidate_name_keys_.push_back(
        NameKey(candidate.account->last_name, candidate.account->first_name));
    candidate.name_key = static_cast<std::uint32_t>(candidate_name_keys_.size());
  }
  return candidate_name_keys_[candidate.name_key - 1];
}

std::span<const directory::Affiliation* const> DirectoryIndex::AffiliationsOf(
    directory::Id account) const {
  return affiliations_.Of(PositionOf(account));
}

const directory::Affiliation* DirectoryIndex::AffiliationHere(directory::Id account,
                                                              std::string_view profile) const {
  for (const directory::Affiliation* affiliation : AffiliationsOf(account)) {
    if (affiliation->org == snapshot_.org.id && affiliation->profile == profile &&
        affiliation->source == source_) {
      return affiliation;
    }
  }
  return nullptr;
}

const directory::Group* DirectoryIndex::Group(directory::Id id) const {
  const auto found = groups_.find(id);
  return found == groups_.end() ? nullptr : found->second;
}

const directory::Group* DirectoryIndex::GroupNamed(std::string_view name,
                                                   std::string_view period) const {
  const auto found = groups_by_name_.find(GroupKey(name, period));
  return found == groups_by_name_.end() ? nullptr : found->second;
}

std::span<const directory::Membership* const> DirectoryIndex::MembershipsOf(
    directory::Id account) const {
  return memberships_.Of(PositionOf(account));
}

std::span<const directory::GuardianLink* const> DirectoryIndex::LinksOfGuardian(
    directory::Id account) const {
  return links_.Of(PositionOf(account));
}

}  // namespace rollcall::plan
