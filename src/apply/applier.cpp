// ApplyPlan, steps: 1. begin the transaction and check the versions the plan was made from;
// 2. allocate the created accounts' logins (one store query for the whole batch); 3. create and
// archive groups; 4. create, change and restore people, with credentials; 5. memberships, links
// and expiries; 6. mark the org and the source changed, save the import record, commit.
#include "apply/applier.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "apply/login_batch.hpp"

namespace rollcall::apply {
namespace {}  // namespace

std::string SealedLetterJson(std::string_view credential, std::string_view group_name,
                             std::string_view profile) {
  // nlohmann::json would build a map per created account; its key order (sorted) is kept.
  std::string json = "{";
  for (const auto& [key, value] :
       {std::pair{"class", group_name}, std::pair{"credential", credential},
        std::pair{"profile", profile}}) {
    if (json.size() > 1) json += ',';
    json += fmt::format("\"{}\":", key);
    json += nlohmann::json(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return json + "}";
}

bool PlanChangesAnything(const plan::Plan& plan) {
  const bool row_changes =
      std::any_of(plan.rows.begin(), plan.rows.end(), [](const plan::RowPlan& row) {
        return row.operation == plan::Operation::kCreate ||
               row.operation == plan::Operation::kUpdate ||
               row.operation == plan::Operation::kRestore;
      });
  return row_changes || !plan.expiries.empty() || !plan.memberships.empty() ||
         !plan.links.empty() || !plan.groups.empty();
}

Applier::Applier(directory::Store& store, const directory::Snapshot& snapshot,
                 const plan::Plan& plan, const ApplyOptions& options, const LoginMaker& logins)
    : store_(store),
      snapshot_(snapshot),
      plan_(plan),
      options_(options),
      login_maker_(logins),
      sealed_until_(plan::AddDays(options.now, options.credential_retention_days)) {
  result_.accounts.assign(plan.rows.size(), 0);
}

// Only a plan that changes something needs them: an unchanged re-import of a million accounts
// should not build two hash maps of a million entries to write nothing.
void Applier::IndexSnapshot() {
  snapshot_accounts_.reserve(snapshot_.accounts.size());
  for (const directory::Account& account : snapshot_.accounts) {
    snapshot_accounts_[account.id] = &account;
  }
  snapshot_affiliations_.reserve(snapshot_.affiliations.size());
  for (const directory::Affiliation& affiliation : snapshot_.affiliations) {
    snapshot_affiliations_[affiliation.id] = &affiliation;
  }
}

Result<ApplyResult> Applier::Run() {
  if (plan_.blocked) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the plan has blocking diagnostics; fix them or skip the invalid rows");
  }
  Result<std::unique_ptr<directory::Transaction>> begun = store_.Begin();  // 1.
  if (!begun) return begun.error();
  transaction_ = std::move(begun).value();
  if (Status current = CheckVersions(); !current) return current.error();
  for (std::size_t row_idx = 0; row_idx < plan_.rows.size(); ++row_idx) {
    result_.accounts[row_idx] = plan_.rows[row_idx].person.account;
  }
  if (PlanChangesAnything(plan_)) {
    result_.logins.assign(plan_.rows.size(), "");
    result_.credentials.assign(plan_.rows.size(), "");
    result_.classes.assign(plan_.rows.size(), "");
    IndexSnapshot();
    FindClasses();
    PrepareCredentials();
    const auto creates = std::count_if(plan_.rows.begin(), plan_.rows.end(), [](const auto& row) {
      return row.operation == plan::Operation::kCreate;
    });
    Status expected = transaction_->ExpectBulkCreate(static_cast<std::size_t>(creates));
    if (!expected) return expected.error();
    touched_orgs_.insert(snapshot_.org.id);
    using Step = Status (Applier::*)();
    struct Phase {
      std::string_view name;
      Step step;
    };
    for (const Phase& phase :
         {Phase{"logins", &Applier::AllocateLogins}, Phase{"groups", &Applier::ApplyGroups},
          Phase{"people", &Applier::ApplyRows}, Phase{"memberships", &Applier::ApplyMemberships},
          Phase{"links", &Applier::ApplyLinks}, Phase{"expiries", &Applier::ApplyExpiries},
          Phase{"versions", &Applier::TouchVersions}}) {
      if (Status going = Report(phase.name, 0); !going) return going.error();
      if (Status done = (this->*phase.step)(); !done) return done.error();
    }
    result_.wrote = true;
  }
  if (Status going = Report("commit", plan_.rows.size()); !going) return going.error();
  // Sealed credentials past their retention go at the next apply (and at every purge).
  Result<std::size_t> wiped = transaction_->WipeExpiredCredentials(options_.now);
  if (!wiped) return wiped.error();
  if (Status saved = transaction_->SaveImport(options_.import); !saved) return saved.error();  // 6.
  if (Status committed = transaction_->Commit(); !committed) return committed.error();
  credentials_.reset();  // it read result_
  return std::move(result_);
}

Status Applier::CheckVersions() {
  Result<std::pair<std::int64_t, std::int64_t>> versions =
      store_.Versions(snapshot_.org.id, snapshot_.source);
  if (!versions) return versions.error();
  if (versions->first != snapshot_.version || versions->second != snapshot_.source_version) {
    return MakeError(ErrorCode::kConflict,
                     "the directory changed since the import was analysed; analyse it again");
  }
  return {};
}

// A created person's first class, for the letter (classes only: courses and functional groups
// say less about where a pupil sits).
void Applier::FindClasses() {
  std::unordered_map<directory::Id, const directory::Group*> groups;
  for (const directory::Group& group : snapshot_.groups) groups[group.id] = &group;
  for (const plan::MembershipChange& change : plan_.memberships) {
    if (change.kind != plan::MembershipChange::Kind::kEnroll || change.row < 0) continue;
    const directory::GroupKind kind =
        change.group.group != 0
            ? groups.at(change.group.group)->kind
            : plan_.groups[static_cast<std::size_t>(change.group.created_group)].group_kind;
    std::string& group_name = result_.classes[static_cast<std::size_t>(change.row)];
    if (kind == directory::GroupKind::kClass && group_name.empty()) group_name = change.group_name;
  }
}

// The created rows without a chosen password, in order: GiveCredential takes theirs in the same
// order. Reads only the plan and the classes, which no step changes after FindClasses.
void Applier::PrepareCredentials() {
  std::vector<std::size_t> rows;
  for (std::size_t row_idx = 0; row_idx < plan_.rows.size(); ++row_idx) {
    const plan::RowPlan& row = plan_.rows[row_idx];
    if (row.operation == plan::Operation::kCreate && row.Value("password").empty()) {
      rows.push_back(row_idx);
    }
  }
  if (rows.empty()) return;
  // About a thousand ahead: enough to never keep the writer waiting, while all of a million
  // would hold 300 MB.
  constexpr std::size_t kChunkSize = 256;
  constexpr std::size_t kMaxChunks = 4;
  const std::size_t count = rows.size();
  credentials_ = std::make_unique<OrderedPrefetch<PreparedCredential>>(
      count, kChunkSize, kMaxChunks, [this, rows = std::move(rows)](std::size_t job) {
        PreparedCredential prepared{rows[job], GenerateCredential(options_.credential), "", ""};
        prepared.hash = options_.key->HashCredential(prepared.secret);
        prepared.sealed = options_.key->Seal(SealedLetterJson(
            prepared.secret, result_.classes[prepared.row], plan_.rows[prepared.row].profile));
        return prepared;
      });
}

// Step 2: logins are allocated up front, so that the store is asked once for every login that
// could collide, not once per person.
Status Applier::AllocateLogins() {
  Result<std::vector<std::string>> logins = apply::AllocateLogins(store_, plan_, login_maker_);
  if (!logins) return logins.error();
  for (std::size_t row_idx = 0; row_idx < plan_.rows.size(); ++row_idx) {
    if (!(*logins)[row_idx].empty()) result_.logins[row_idx] = std::move((*logins)[row_idx]);
  }
  return {};
}

Status Applier::ApplyGroups() {  // 3.
  created_groups_.assign(plan_.groups.size(), 0);
  for (std::size_t group_idx = 0; group_idx < plan_.groups.size(); ++group_idx) {
    const plan::GroupChange& change = plan_.groups[group_idx];
    if (change.kind == plan::GroupChange::Kind::kCreate) {
      directory::Group group{
          0,     snapshot_.org.id,      change.group_kind, change.name, change.period,
          false, options_.import.source};
      Result<directory::Id> id = transaction_->InsertGroup(group);
      if (!id) return id.error();
      group.id = created_groups_[group_idx] = *id;
      if (Status logged = Audit({}, group); !logged) return logged;
      continue;
    }
    const auto existing =
        std::find_if(snapshot_.groups.begin(), snapshot_.groups.end(),
                     [&](const directory::Group& group) { return group.id == change.group; });
    if (existing == snapshot_.groups.end()) {
      return MakeError(ErrorCode::kConflict, fmt::format("group {} is gone", change.group));
    }
    directory::Group archived = *existing;
    archived.archived = true;
    if (Status updated = transaction_->UpdateGroup(archived); !updated) return updated;
    if (Status logged = Audit(*existing, archived); !logged) return logged;
  }
  return {};
}

Status Applier::Report(std::string_view phase, std::size_t done) {
  if (!options_.progress) return {};
  if (!options_.progress(ApplyProgress{phase, done, plan_.rows.size()})) {
    return MakeError(ErrorCode::kCancelled, "the apply was cancelled; nothing was written");
  }
  return {};
}

Status Applier::ApplyRows() {  // 4.
  constexpr std::size_t kRowsBetweenReports = 4096;
  for (std::size_t row_idx = 0; row_idx < plan_.rows.size(); ++row_idx) {
    if (row_idx % kRowsBetweenReports == kRowsBetweenReports - 1) {
      if (Status going = Report("people", row_idx); !going) return going;
    }
    switch (plan_.rows[row_idx].operation) {
      case plan::Operation::kCreate:
        if (Status created = CreatePerson(row_idx); !created) return created;
        break;
      case plan::Operation::kUpdate:
      case plan::Operation::kRestore:
        if (Status changed = ChangePerson(row_idx); !changed) return changed;
        break;
      case plan::Operation::kUnchanged:
      case plan::Operation::kSkip:
      case plan::Operation::kDelete:  // the expiries end its affiliations
        break;
    }
  }
  return {};
}

Status Applier::CreatePerson(std::size_t row_idx) {
  const plan::RowPlan& row = plan_.rows[row_idx];
  directory::Account account;
  account.login = result_.logins[row_idx];
  for (const records::FieldValue& value : row.values) {
    const bool written = value.state == records::ValueState::kSet && !value.text.empty() &&
                         plan::IsAccountField(value.field());
    if (written) plan::SetAccountField(account, value.field(), std::string(value.text));
  }
  account.created_at = account.updated_at = options_.now;
  Result<directory::Id> id = transaction_->InsertAccount(account);
  if (!id) return id.error();
  account.id = result_.accounts[row_idx] = *id;
  if (Status logged = Audit({}, account); !logged) return logged;
  directory::Affiliation affiliation{
      0,    *id, snapshot_.org.id, row.profile, options_.import.source, row.external_id,
      true, "",  row.match_key};
  Result<directory::Id> affiliation_id = transaction_->InsertAffiliation(affiliation);
  if (!affiliation_id) return affiliation_id.error();
  affiliation.id = *affiliation_id;
  if (Status logged = Audit({}, affiliation); !logged) return logged;
  return GiveCredential(row_idx, *id);
}

// A password the file gives is one the person (or the school) chose: Argon2id, no forced
// change, nothing to report. Otherwise a generated credential, reported once and kept sealed
// for a while.
Status Applier::GiveCredential(std::size_t row_idx, directory::Id account) {
  const std::string_view chosen = plan_.rows[row_idx].Value("password");
  directory::Credential credential{account, "", "", true, options_.now};
  if (!chosen.empty()) {
    Result<std::string> hash = HashChosenPassword(chosen);
    if (!hash) return hash.error();
    credential.kind = "chosen_password";
    credential.secret_hash = std::move(hash).value();
    credential.must_change = false;
    return transaction_->SetCredential(credential);
  }
  PreparedCredential prepared = credentials_->Take();
  ROLLCALL_CHECK(prepared.row == row_idx);
  credential.kind = std::string(CredentialKindName(options_.credential.kind));
  credential.secret_hash = std::move(prepared.hash);
  if (Status set = transaction_->SetCredential(credential); !set) return set;
  const directory::SealedCredential sealed{options_.import.id, account, std::move(prepared.sealed),
                                           sealed_until_};
  if (Status saved = transaction_->SaveSealedCredential(sealed); !saved) return saved;
  result_.credentials[row_idx] = std::move(prepared.secret);
  return {};
}

Status Applier::ChangePerson(std::size_t row_idx) {
  const plan::RowPlan& row = plan_.rows[row_idx];
  const directory::Id id = row.person.account;
  const directory::Account before = CurrentAccount(id);
  directory::Account& account = CurrentAccount(id);
  for (const plan::FieldChange& change : row.changes) {
    plan::SetAccountField(account, change.field, change.after);
  }
  if (row.operation == plan::Operation::kRestore &&
      account.state == directory::AccountState::kPendingDeletion) {
    account.state = directory::AccountState::kActive;
    account.purge_date.clear();
  }
  if (account != before) {
    account.updated_at = options_.now;
    if (Status updated = transaction_->UpdateAccount(account); !updated) return updated;
    if (Status logged = Audit(before, account); !logged) return logged;
    for (const directory::Affiliation& affiliation : snapshot_.affiliations) {
      if (affiliation.account == id) touched_orgs_.insert(affiliation.org);
    }
  }
  // An action file's UPDATE may give a new password.
  if (const std::string_view chosen = row.Value("password"); !chosen.empty()) {
    Result<std::string> hash = HashChosenPassword(chosen);
    if (!hash) return hash.error();
    const directory::Credential credential{id, "chosen_password", std::move(hash).value(), false,
                                           options_.now};
    if (Status set = transaction_->SetCredential(credential); !set) return set;
  }
  if (row.new_affiliation) {
    directory::Affiliation affiliation{
        0,    id, snapshot_.org.id, row.profile, options_.import.source, row.external_id,
        true, "", row.match_key};
    Result<directory::Id> affiliation_id = transaction_->InsertAffiliation(affiliation);
    if (!affiliation_id) return affiliation_id.error();
    affiliation.id = *affiliation_id;
    return Audit({}, affiliation);
  }
  // A restored affiliation becomes active again; any written one remembers its row's key.
  const auto here = snapshot_affiliations_.find(row.affiliation);
  if (here == snapshot_affiliations_.end()) return {};
  directory::Affiliation written = *here->second;
  if (!written.active) {
    written.active = true;
    written.ended_at.clear();
  }
  if (!row.match_key.empty()) written.match_key = row.match_key;
  if (written == *here->second) return {};
  if (Status updated = transaction_->UpdateAffiliation(written); !updated) return updated;
  return Audit(*here->second, written);
}

directory::Account& Applier::CurrentAccount(directory::Id id) {
  auto [account, inserted] = changed_accounts_.try_emplace(id);
  if (inserted) account->second = *snapshot_accounts_.at(id);
  return account->second;
}

Status Applier::TouchVersions() {  // 6.
  for (directory::Id org : touched_orgs_) {
    if (Status touched = transaction_->TouchOrg(org); !touched) return touched;
  }
  return transaction_->TouchSource(options_.import.source);
}

Status Applier::Audit(directory::EntityState before, directory::EntityState after) {
  ++result_.entities_written;
  return transaction_->AppendAudit(directory::AuditEntry{
      options_.import.id, ++audit_seq_, std::move(before), std::move(after), options_.now});
}

Result<ApplyResult> ApplyPlan(directory::Store& store, const directory::Snapshot& snapshot,
                              const plan::Plan& plan, const ApplyOptions& options) {
  ROLLCALL_CHECK(options.key != nullptr);
  Result<LoginMaker> logins = LoginMaker::Create(options.login);
  if (!logins) return logins.error();
  return Applier(store, snapshot, plan, options, *logins).Run();
}

}  // namespace rollcall::apply
