#include "plan/directory_index.hpp"

#include <algorithm>

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

DirectoryIndex::DirectoryIndex(const directory::Snapshot& snapshot, const std::string& source)
    : snapshot_(snapshot), source_(source) {
  accounts_.reserve(snapshot.accounts.size());
  for (const directory::Account& account : snapshot.accounts) accounts_[account.id] = &account;
  affiliations_.reserve(snapshot.accounts.size());
  for (const directory::Affiliation& affiliation : snapshot.affiliations) {
    affiliations_[affiliation.account].push_back(&affiliation);
    if (affiliation.source == source && !affiliation.external_id.empty()) {
      by_external_id_.emplace(affiliation.external_id, affiliation.account);
    }
  }
  for (const directory::Account& account : snapshot.accounts) {
    if (!account.birth_date.empty() && InOrg(account.id)) {
      by_birth_date_[account.birth_date].push_back(account.id);
    }
  }
  for (const directory::Group& group : snapshot.groups) {
    groups_[group.id] = &group;
    if (!group.archived) groups_by_name_.emplace(GroupKey(group.name, group.period), &group);
  }
  for (const directory::Membership& membership : snapshot.memberships) {
    memberships_[membership.account].push_back(&membership);
  }
  for (const directory::GuardianLink& link : snapshot.links) {
    links_[link.guardian].push_back(&link);
  }
}

bool DirectoryIndex::InOrg(directory::Id account) const {
  const auto& affiliations = AffiliationsOf(account);
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

const directory::Account* DirectoryIndex::Account(directory::Id id) const {
  const auto found = accounts_.find(id);
  return found == accounts_.end() ? nullptr : found->second;
}

directory::Id DirectoryIndex::BySourceExternalId(std::string_view external_id) const {
  const auto found = by_external_id_.find(std::string(external_id));
  return found == by_external_id_.end() ? 0 : found->second;
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

const std::vector<directory::Id>& DirectoryIndex::ByBirthDate(const std::string& birth_date) const {
  return FindOrEmpty(by_birth_date_, birth_date);
}

const std::vector<const directory::Affiliation*>& DirectoryIndex::AffiliationsOf(
    directory::Id account) const {
  return FindOrEmpty(affiliations_, account);
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

const std::vector<const directory::Membership*>& DirectoryIndex::MembershipsOf(
    directory::Id account) const {
  return FindOrEmpty(memberships_, account);
}

const std::vector<const directory::GuardianLink*>& DirectoryIndex::LinksOfGuardian(
    directory::Id account) const {
  return FindOrEmpty(links_, account);
}

}  // namespace rollcall::plan
