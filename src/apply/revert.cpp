// RevertImport, steps: 1. the import must be applied; 2. its audit log; 3. in one transaction,
// newest entry first: check the entity is as the import left it, then put back its state before
// (delete what was created, insert what was deleted, rewrite what was changed); 4. any conflict
// rolls everything back; 5. mark the org and source changed, the import reverted, commit.
#include "apply/revert.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace rollcall::apply {
namespace {

using directory::EntityState;
using RoleState = directory::Boxed<directory::CustomRole>;

std::string Describe(const EntityState& state) {
  return std::visit(
      [](const auto& entity) -> std::string {
        using T = std::decay_t<decltype(entity)>;
        if constexpr (std::is_same_v<T, directory::Account>) {
          return fmt::format("account {} ({})", entity.id, entity.login);
        } else if constexpr (std::is_same_v<T, directory::Affiliation>) {
          return fmt::format("affiliation {} of account {}", entity.id, entity.account);
        } else if constexpr (std::is_same_v<T, directory::Group>) {
          return fmt::format("group {} ({})", entity.id, entity.name);
        } else if constexpr (std::is_same_v<T, directory::Membership>) {
          return fmt::format("membership of account {} in group {}", entity.account, entity.group);
        } else if constexpr (std::is_same_v<T, directory::GuardianLink>) {
          return fmt::format("link of guardian {} to child {}", entity.guardian, entity.child);
        } else if constexpr (std::is_same_v<T, RoleState>) {
          return fmt::format("custom role {} ({})", entity->id, entity->name);
        } else if constexpr (std::is_same_v<T, directory::RoleAssignment>) {
          return fmt::format("role assignment of account {}", entity.account);
        } else {
          return "nothing";
        }
      },
      state);
}

class Reverter {
 public:
  Reverter(directory::Store& store, directory::Transaction& transaction)
      : store_(store), transaction_(transaction) {}

  // Undoes one entry, or records why it cannot be.
  Status Undo(const directory::AuditEntry& entry) {
    const EntityState& known = entry.after.index() != 0 ? entry.after : entry.before;
    Result<EntityState> current = Current(known);
    if (!current) return current.error();
    if (*current != entry.after) {
      conflicts_.push_back({Describe(known), "changed since the import"});
      return {};
    }
    NoteOrg(known);
    if (entry.before.index() == 0) return Remove(entry.after);
    return std::visit(
        [&](const auto& before) -> Status {
          using T = std::decay_t<decltype(before)>;
          if constexpr (std::is_same_v<T, directory::Account>) {
            return transaction_.UpdateAccount(before);
          } else if constexpr (std::is_same_v<T, directory::Affiliation>) {
            return transaction_.UpdateAffiliation(before);
          } else if constexpr (std::is_same_v<T, directory::Group>) {
            return transaction_.UpdateGroup(before);
          } else if constexpr (std::is_same_v<T, directory::Membership>) {
            return transaction_.InsertMembership(before);
          } else if constexpr (std::is_same_v<T, directory::GuardianLink>) {
            return transaction_.InsertLink(before);
          } else if constexpr (std::is_same_v<T, RoleState>) {
            // Deleted roles come back under their id: the assignments restored next refer to it.
            return entry.after.index() == 0 ? transaction_.RestoreCustomRole(*before)
                                            : transaction_.UpdateCustomRole(*before);
          } else if constexpr (std::is_same_v<T, directory::RoleAssignment>) {
            return transaction_.SetRoleAssignment(before);
          } else {
            return {};
          }
        },
        entry.before);
  }

  const std::vector<RevertConflict>& conflicts() const { return conflicts_; }
  const std::set<directory::Id>& orgs() const { return orgs_; }

 private:
  Result<EntityState> Current(const EntityState& known) {
    return std::visit(
        [&](const auto& entity) -> Result<EntityState> {
          using T = std::decay_t<decltype(entity)>;
          if constexpr (std::is_same_v<T, std::monostate>) {
            return EntityState();
          } else {
            Result<std::optional<T>> found = Find(entity);
            if (!found) return found.error();
            if (!*found) return EntityState();
            return EntityState(std::move(**found));
          }
        },
        known);
  }

  Result<std::optional<directory::Account>> Find(const directory::Account& account) {
    return store_.FindAccount(account.id);
  }
  Result<std::optional<directory::Affiliation>> Find(const directory::Affiliation& affiliation) {
    return store_.FindAffiliation(affiliation.id);
  }
  Result<std::optional<directory::Group>> Find(const directory::Group& group) {
    return store_.FindGroup(group.id);
  }
  Result<std::optional<directory::Membership>> Find(const directory::Membership& membership) {
    return store_.FindMembership(membership.account, membership.group);
  }
  Result<std::optional<directory::GuardianLink>> Find(const directory::GuardianLink& link) {
    return store_.FindLink(link.guardian, link.child);
  }
  Result<std::optional<RoleState>> Find(const RoleState& role) {
    Result<std::optional<directory::CustomRole>> found = store_.FindCustomRole(role->id);
    if (!found) return found.error();
    if (!*found) return std::optional<RoleState>();
    return std::optional<RoleState>(std::move(**found));
  }
  Result<std::optional<directory::RoleAssignment>> Find(
      const directory::RoleAssignment& assignment) {
    return store_.FindRoleAssignment(assignment.account);
  }

  // What the import created goes, unless something made since depends on it (entries are
  // undone newest first, so the import's own affiliations and memberships are gone by now).
  Status Remove(const EntityState& created) {
    if (const auto* account = std::get_if<directory::Account>(&created)) {
      Result<std::size_t> references = store_.CountAccountReferences(account->id);
      if (!references) return references.error();
      if (*references > 0) {
        conflicts_.push_back({Describe(created),
                              "has affiliations, memberships or links added "
                              "since the import"});
        return {};
      }
      return transaction_.DeleteAccount(account->id);
    }
    if (const auto* affiliation = std::get_if<directory::Affiliation>(&created)) {
      return transaction_.DeleteAffiliation(affiliation->id);
    }
    if (const auto* group = std::get_if<directory::Group>(&created)) {
      Result<std::size_t> members = store_.CountGroupMembers(group->id);
      if (!members) return members.error();
      if (*members > 0) {
        conflicts_.push_back({Describe(created), "has memberships added since the import"});
        return {};
      }
      return transaction_.DeleteGroup(group->id);
    }
    if (const auto* membership = std::get_if<directory::Membership>(&created)) {
      return transaction_.DeleteMembership(membership->account, membership->group);
    }
    if (const auto* link = std::get_if<directory::GuardianLink>(&created)) {
      return transaction_.DeleteLink(link->guardian, link->child);
    }
    if (const auto* role = std::get_if<RoleState>(&created)) return RemoveRole(**role);
    if (const auto* assignment = std::get_if<directory::RoleAssignment>(&created)) {
      return transaction_.DeleteRoleAssignment(assignment->account);
    }
    return {};
  }

  // A created role goes unless someone was given it since (the import's own assignments are
  // undone before it).
  Status RemoveRole(const directory::CustomRole& role) {
    Result<std::vector<directory::RoleAssignment>> assignments = store_.ListRoleAssignments();
    if (!assignments) return assignments.error();
    const bool held = std::any_of(
        assignments->begin(), assignments->end(),
        [&](const directory::RoleAssignment& assignment) { return assignment.role == role.id; });
    if (held) {
      conflicts_.push_back({Describe(RoleState(role)), "was assigned to users since the import"});
      return {};
    }
    return transaction_.DeleteCustomRole(role.id);
  }

  void NoteOrg(const EntityState& state) {
    if (const auto* affiliation = std::get_if<directory::Affiliation>(&state)) {
      orgs_.insert(affiliation->org);
    } else if (const auto* group = std::get_if<directory::Group>(&state)) {
      orgs_.insert(group->org);
    }
  }

  directory::Store& store_;
  directory::Transaction& transaction_;
  std::vector<RevertConflict> conflicts_;
  std::set<directory::Id> orgs_;
};

}  // namespace

Result<RevertOutcome> RevertImport(directory::Store& store, const std::string& import_id,
                                   const std::string& now) {
  Result<std::optional<directory::ImportRecord>> found = store.FindImport(import_id);  // 1.
  if (!found) return found.error();
  if (!*found) return MakeError(ErrorCode::kNotFound, fmt::format("no import '{}'", import_id));
  directory::ImportRecord record = **found;
  if (record.state != directory::ImportState::kApplied) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("import '{}' is {}, not applied: nothing to revert", import_id,
                                 directory::ImportStateName(record.state)));
  }
  Result<std::vector<directory::AuditEntry>> entries = store.LoadAudit(import_id);  // 2.
  if (!entries) return entries.error();
  Result<std::unique_ptr<directory::Transaction>> transaction = store.Begin();  // 3.
  if (!transaction) return transaction.error();
  Reverter reverter(store, **transaction);
  RevertOutcome outcome;
  for (auto entry = entries->rbegin(); entry != entries->rend(); ++entry) {
    if (Status undone = reverter.Undo(*entry); !undone) return undone.error();
    ++outcome.changes_undone;
  }
  if (!reverter.conflicts().empty()) {  // 4.
    outcome.changes_undone = 0;
    outcome.conflicts = reverter.conflicts();
    return outcome;
  }
  std::set<directory::Id> orgs = reverter.orgs();  // 5.
  if (record.org != 0) orgs.insert(record.org);    // 0: a deployment-wide import (role files)
  for (directory::Id org : orgs) {
    if (Status touched = (*transaction)->TouchOrg(org); !touched) return touched.error();
  }
  if (Status touched = (*transaction)->TouchSource(record.source); !touched) return touched.error();
  if (Status wiped = (*transaction)->DeleteSealedCredentials(import_id); !wiped) {
    return wiped.error();
  }
  record.state = directory::ImportState::kReverted;
  record.updated_at = now;
  if (Status saved = (*transaction)->SaveImport(record); !saved) return saved.error();
  if (Status committed = (*transaction)->Commit(); !committed) return committed.error();
  return outcome;
}

Result<PurgeOutcome> Purge(directory::Store& store, const std::string& today,
                           const std::string& now) {
  Result<std::vector<directory::UserRow>> due = store.AccountsToPurge(today);
  if (!due) return due.error();
  Result<std::unique_ptr<directory::Transaction>> transaction = store.Begin();
  if (!transaction) return transaction.error();
  PurgeOutcome outcome;
  std::set<directory::Id> orgs;
  std::set<std::string> sources;
  for (const directory::UserRow& row : *due) {
    if (Status deleted = (*transaction)->DeleteAccount(row.account.id); !deleted) {
      return deleted.error();
    }
    for (const directory::Affiliation& affiliation : row.affiliations) {
      orgs.insert(affiliation.org);
      sources.insert(affiliation.source);
    }
    outcome.purged.push_back(row.account);
  }
  for (directory::Id org : orgs) {
    if (Status touched = (*transaction)->TouchOrg(org); !touched) return touched.error();
  }
  for (const std::string& source : sources) {
    if (Status touched = (*transaction)->TouchSource(source); !touched) return touched.error();
  }
  Result<std::size_t> wiped = (*transaction)->WipeExpiredCredentials(now);
  if (!wiped) return wiped.error();
  outcome.credentials_wiped = *wiped;
  if (Status committed = (*transaction)->Commit(); !committed) return committed.error();
  return outcome;
}

}  // namespace rollcall::apply
