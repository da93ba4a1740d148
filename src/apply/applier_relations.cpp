// Step 5 of ApplyPlan: memberships and guardian links as planned, then the expiries of a sync
// (affiliation ended; account pending deletion with its purge date when none remains).
#include <fmt/format.h>

#include "apply/applier.hpp"

namespace rollcall::apply {

directory::Id Applier::AccountOf(const plan::PersonRef& person) const {
  if (person.account != 0) return person.account;
  return result_.accounts[static_cast<std::size_t>(person.created_row)];
}

directory::Id Applier::GroupOf(const plan::GroupRef& group) const {
  if (group.group != 0) return group.group;
  return created_groups_[static_cast<std::size_t>(group.created_group)];
}

Status Applier::ApplyMemberships() {
  for (const plan::MembershipChange& change : plan_.memberships) {
    const directory::Id account = AccountOf(change.person);
    const directory::Id group = GroupOf(change.group);
    if (change.kind == plan::MembershipChange::Kind::kEnroll) {
      const directory::Membership membership{account, group, options_.import.source};
      if (Status inserted = transaction_->InsertMembership(membership); !inserted) return inserted;
      if (Status logged = Audit({}, membership); !logged) return logged;
      continue;
    }
    // The membership may be another source's (import-managed groups follow the file, §4.4):
    // the audit keeps its owner so that revert gives it back as it was.
    Result<std::optional<directory::Membership>> existing = store_.FindMembership(account, group);
    if (!existing) return existing.error();
    if (!*existing) {
      return MakeError(ErrorCode::kConflict,
                       fmt::format("membership of account {} in group {} is gone", account, group));
    }
    if (Status deleted = transaction_->DeleteMembership(account, group); !deleted) return deleted;
    if (Status logged = Audit(**existing, {}); !logged) return logged;
  }
  return {};
}

Status Applier::ApplyLinks() {
  for (const plan::LinkChange& change : plan_.links) {
    const directory::Id guardian = AccountOf(change.guardian);
    const directory::Id child = AccountOf(change.child);
    if (change.kind == plan::LinkChange::Kind::kLink) {
      const directory::GuardianLink link{guardian, child, options_.import.source};
      if (Status inserted = transaction_->InsertLink(link); !inserted) return inserted;
      if (Status logged = Audit({}, link); !logged) return logged;
      continue;
    }
    Result<std::optional<directory::GuardianLink>> existing = store_.FindLink(guardian, child);
    if (!existing) return existing.error();
    if (!*existing) {
      return MakeError(ErrorCode::kConflict,
                       fmt::format("link of guardian {} to child {} is gone", guardian, child));
    }
    if (Status deleted = transaction_->DeleteLink(guardian, child); !deleted) return deleted;
    if (Status logged = Audit(**existing, {}); !logged) return logged;
  }
  return {};
}

Status Applier::ApplyExpiries() {
  const std::string today = options_.now.substr(0, 10);
  for (const plan::Expiry& expiry : plan_.expiries) {
    const auto found = snapshot_affiliations_.find(expiry.affiliation);
    if (found == snapshot_affiliations_.end()) {
      return MakeError(ErrorCode::kConflict,
                       fmt::format("affiliation {} is gone", expiry.affiliation));
    }
    directory::Affiliation ended = *found->second;
    ended.active = false;
    ended.ended_at = today;
    if (Status updated = transaction_->UpdateAffiliation(ended); !updated) return updated;
    if (Status logged = Audit(*found->second, ended); !logged) return logged;
    if (!expiry.account_pending_deletion) continue;
    const directory::Account before = CurrentAccount(expiry.account);
    directory::Account& account = CurrentAccount(expiry.account);
    account.state = directory::AccountState::kPendingDeletion;
    account.purge_date = expiry.purge_date;
    account.updated_at = options_.now;
    if (Status updated = transaction_->UpdateAccount(account); !updated) return updated;
    if (Status logged = Audit(before, account); !logged) return logged;
  }
  return {};
}

}  // namespace rollcall::apply
