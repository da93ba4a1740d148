// MakeActionPlan, steps: 1. index the snapshot by login; 2. plan each action in file order,
// keeping what earlier lines did (created users, changed accounts, ended affiliations,
// memberships) so that later lines see it; 3. settle which accounts end up pending deletion;
// 4. count.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

#include "plan/actions.hpp"
#include "plan/counting.hpp"
#include "plan/directory_index.hpp"
#include "records/field_names.hpp"

namespace rollcall::plan {
namespace {

using records::ActionField;
using records::ActionKind;

namespace field = records::field;

// The fields an UPDATE may change on the account, with the schema field each one is.
constexpr std::pair<ActionField, std::string_view> kUpdatedFields[] = {
    {ActionField::kFirstName, field::kFirstName},
    {ActionField::kLastName, field::kLastName},
    {ActionField::kEmail, field::kEmail},
    {ActionField::kIsActive, field::kIsActive},
};

// The fields a CREATE gives the new account, with the schema field each one is.
constexpr std::pair<ActionField, std::string_view> kCreatedFields[] = {
    {ActionField::kUsername, field::kLogin},      {ActionField::kOrgDefinedId, field::kExternalId},
    {ActionField::kFirstName, field::kFirstName}, {ActionField::kLastName, field::kLastName},
    {ActionField::kPassword, field::kPassword},   {ActionField::kIsActive, field::kIsActive},
    {ActionField::kEmail, field::kEmail},
};

// What every line reads and none changes: the inputs, and the snapshot indexed once.
struct ActionInputs {
  const DirectoryIndex& index;
  const mapping::Schema& schema;
  const ActionContext& context;
  const PlanOptions& options;
  std::unordered_map<std::string, directory::Id> accounts_by_login;  // by LoginKey
};

// The directory as the earlier lines leave it, and the plan they have made so far.
struct LinesSoFar {
  ActionPlan result;
  std::unordered_map<std::string, int> created_by_login;  // LoginKey → row
  std::unordered_map<std::size_t, std::vector<records::FieldValue>*> created_values;  // by row
  std::unordered_map<directory::Id, directory::Account> changed_accounts;
  std::set<directory::Id> ended_affiliations;
  std::map<directory::Id, std::size_t> expiry_of_affiliation;  // → index in plan.expiries
  std::set<std::size_t> cancelled_expiries;
  std::map<std::pair<directory::Id, std::string>, int> added_affiliations;  // → row
  std::map<std::pair<PersonRef, directory::Id>, bool> memberships;          // whether a member now
};

int RowIndex(const LinesSoFar& so_far) { return static_cast<int>(so_far.result.plan.rows.size()); }

void Say(RowPlan& row, Severity severity, std::string code,
         std::vector<std::pair<std::string, std::string>> params = {}) {
  DiagnosticBuilder builder(severity, std::move(code), row.line);
  for (auto& [key, value] : params) builder.With(std::move(key), std::move(value));
  row.diagnostics.push_back(std::move(builder).Build());
}

// The profile of the action's role, or an error on the row.
std::optional<std::string> ProfileOf(const ActionInputs& in, const records::Action& action,
                                     RowPlan& row) {
  const std::string_view role = action.Text(ActionField::kRoleName);
  const auto found = in.context.profiles_by_role.find(role);
  if (found != in.context.profiles_by_role.end()) return found->second;
  Say(row, Severity::kError, "action_unknown_role", {{"role", std::string(role)}});
  return std::nullopt;
}

// The user the action names, existing or created by an earlier line; else an error.
std::optional<PersonRef> FindUser(const ActionInputs& in, const LinesSoFar& so_far,
                                  const records::Action& action, RowPlan& row) {
  const std::string_view username = action.Text(ActionField::kUsername);
  const std::string key = LoginKey(username);
  if (const auto created = so_far.created_by_login.find(key);
      created != so_far.created_by_login.end()) {
    row.person = PersonRef{0, created->second};
    row.login = key;
    row.profile = so_far.result.plan.rows[static_cast<std::size_t>(created->second)].profile;
    return row.person;
  }
  if (const auto found = in.accounts_by_login.find(key); found != in.accounts_by_login.end()) {
    row.person = PersonRef{found->second, -1};
    row.login = in.index.Account(found->second)->login;
    return row.person;
  }
  Say(row, Severity::kError, "action_unknown_user", {{"username", std::string(username)}});
  return std::nullopt;
}

// Owned copies of texts the actions do not hold (lower-cased user names).
std::string_view StoredText(LinesSoFar& so_far, std::string text) {
  return so_far.result.texts.emplace_back(std::move(text));
}

// Returns whether the user exists after the line (created now, or already there).
bool PlanCreate(const ActionInputs& in, LinesSoFar& so_far, const records::Action& action,
                RowPlan& row) {
  const std::string_view username = action.Text(ActionField::kUsername);
  const std::string key = LoginKey(username);
  if (!username.empty() &&
      (in.accounts_by_login.contains(key) || so_far.created_by_login.contains(key))) {
    FindUser(in, so_far, action, row);
    row.operation = Operation::kUnchanged;
    Say(row, Severity::kWarning, "action_user_exists", {{"username", std::string(username)}});
    return true;
  }
  if (!username.empty() && in.context.retired_logins.contains(key)) {
    Say(row, Severity::kError, "action_login_retired", {{"username", std::string(username)}});
    return false;
  }
  std::optional<std::string> profile = ProfileOf(in, action, row);
  if (!profile) return false;
  std::vector<records::FieldValue>& values = so_far.result.values.emplace_back();
  for (const auto& [action_field, field] : kCreatedFields) {
    records::FieldValue value = action.Get(action_field);
    if (value.state != records::ValueState::kSet) continue;
    value.spec = in.schema.Field(field);
    if (value.spec == nullptr) continue;  // a deployment schema without the field
    if (action_field == ActionField::kUsername) value.text = StoredText(so_far, key);
    values.push_back(value);
  }
  row.values = values;
  so_far.created_values[static_cast<std::size_t>(RowIndex(so_far))] = &values;
  row.operation = Operation::kCreate;
  row.profile = std::move(*profile);
  row.external_id = std::string(action.Text(ActionField::kOrgDefinedId));
  row.person = PersonRef{0, RowIndex(so_far)};
  if (!username.empty()) {
    row.login = key;
    so_far.created_by_login[key] = RowIndex(so_far);
  }
  Say(row, Severity::kInfo, "action_created", {{"profile", row.profile}});
  return true;
}

const directory::Account& CurrentAccount(const ActionInputs& in, const LinesSoFar& so_far,
                                         directory::Id id) {
  const auto changed = so_far.changed_accounts.find(id);
  return changed != so_far.changed_accounts.end() ? changed->second : *in.index.Account(id);
}

// An UPDATE of a user an earlier line creates changes what that line will create.
void UpdateCreated(const ActionInputs& in, LinesSoFar& so_far, const records::Action& action,
                   const PersonRef& person, RowPlan& row) {
  const auto created_row = static_cast<std::size_t>(person.created_row);
  std::vector<records::FieldValue>& values = *so_far.created_values.at(created_row);
  const auto update = [&](ActionField action_field, std::string_view field) {
    const records::FieldValue& value = action.Get(action_field);
    if (value.state == records::ValueState::kUnchanged) return;
    const std::string after(value.state == records::ValueState::kSet ? value.text : "");
    auto current = std::find_if(values.begin(), values.end(),
                                [&](const auto& existing) { return existing.field() == field; });
    const std::string before(current != values.end() && current->state == records::ValueState::kSet
                                 ? current->text
                                 : "");
    if (before == after) return;
    if (current == values.end()) {
      const mapping::FieldSpec* spec = in.schema.Field(field);
      if (spec == nullptr) return;
      values.push_back(value);
      current = values.end() - 1;
      current->spec = spec;
    }
    current->state = value.state;
    current->text = value.text;
    if (action_field != ActionField::kPassword) {
      row.changes.push_back(FieldChange{std::string(field), before, after});
    }
  };
  for (const auto& [action_field, field] : kUpdatedFields) update(action_field, field);
  update(ActionField::kPassword, field::kPassword);
  so_far.result.plan.rows[created_row].values = values;  // the vector may have grown
  row.operation = Operation::kUnchanged;                 // the creating line does it
  Say(row, Severity::kInfo, "action_updated_before_creation",
      {{"line", std::to_string(so_far.result.plan.rows[created_row].line)}});
}

void PlanUpdate(const ActionInputs& in, LinesSoFar& so_far, const records::Action& action,
                RowPlan& row) {
  const std::optional<PersonRef> person = FindUser(in, so_far, action, row);
  if (!person) return;
  if (person->account == 0) {
    UpdateCreated(in, so_far, action, *person, row);
    return;
  }
  for (const ActionField name : {ActionField::kFirstName, ActionField::kLastName}) {
    if (action.Get(name).state != records::ValueState::kClear) continue;
    // An account always has names: the file may change them, not remove them.
    Say(row, Severity::kError, "cannot_clear_required",
        {{"field", std::string(records::ActionFieldId(name))}});
  }
  if (row.Blocked()) return;
  directory::Account account = CurrentAccount(in, so_far, person->account);
  for (const auto& [action_field, field] : kUpdatedFields) {
    const records::FieldValue& value = action.Get(action_field);
    if (value.state == records::ValueState::kUnchanged) continue;
    const std::string after(value.state == records::ValueState::kSet ? value.text : "");
    const std::string before(AccountFieldValue(account, field));
    if (before == after) continue;
    row.changes.push_back(FieldChange{std::string(field), before, after});
    SetAccountField(account, field, after);
  }
  const records::FieldValue& password = action.Get(ActionField::kPassword);
  if (password.state == records::ValueState::kSet) {
    std::vector<records::FieldValue>& values = so_far.result.values.emplace_back();
    values.push_back(password);
    values.back().spec = in.schema.Field(field::kPassword);
    if (values.back().spec != nullptr) row.values = values;
  }
  if (row.changes.empty() && row.values.empty()) {
    row.operation = Operation::kUnchanged;
    Say(row, Severity::kInfo, "action_nothing_to_change");
    return;
  }
  row.operation = account.state == directory::AccountState::kPendingDeletion ? Operation::kRestore
                                                                             : Operation::kUpdate;
  so_far.changed_accounts[person->account] = std::move(account);
  Say(row, Severity::kInfo, row.values.empty() ? "action_updated" : "action_password_set",
      {{"fields", std::to_string(row.changes.size())}});
}

// Whether an earlier line gives the account an affiliation to the org.
bool GainsAffiliation(const LinesSoFar& so_far, directory::Id account) {
  const auto next = so_far.added_affiliations.lower_bound({account, std::string()});
  return next != so_far.added_affiliations.end() && next->first.first == account;
}

// The active affiliations of the account to the org, after the earlier lines.
std::vector<const directory::Affiliation*> ActiveAffiliationsHere(const ActionInputs& in,
                                                                  const LinesSoFar& so_far,
                                                                  directory::Id account) {
  std::vector<const directory::Affiliation*> here;
  for (const directory::Affiliation* affiliation : in.index.AffiliationsOf(account)) {
    if (affiliation->org == in.index.snapshot().org.id && affiliation->active &&
        !so_far.ended_affiliations.contains(affiliation->id)) {
      here.push_back(affiliation);
    }
  }
  return here;
}

// Ends the account's affiliations to the org (the expiries of a DELETE, or of UNENROLL from
// the org itself); false when it has none.
bool EndAffiliationsHere(const ActionInputs& in, LinesSoFar& so_far, directory::Id account_id,
                         RowPlan& row) {
  const std::vector<const directory::Affiliation*> here =
      ActiveAffiliationsHere(in, so_far, account_id);
  const bool added = GainsAffiliation(so_far, account_id);
  if (here.empty() && !added) {
    Say(row, Severity::kWarning, "action_not_in_org", {{"username", row.login}});
    return false;
  }
  if (added) {
    // An affiliation this very file added cannot be ended by it: apply the file first.
    Say(row, Severity::kError, "action_user_enrolled_in_file", {{"username", row.login}});
    return false;
  }
  const directory::Account& account = CurrentAccount(in, so_far, account_id);
  for (const directory::Affiliation* affiliation : here) {
    so_far.ended_affiliations.insert(affiliation->id);
    so_far.expiry_of_affiliation[affiliation->id] = so_far.result.plan.expiries.size();
    so_far.result.plan.expiries.push_back(Expiry{account_id, affiliation->id, account.login,
                                                 account.first_name + " " + account.last_name,
                                                 affiliation->profile, false, ""});
    if (row.profile.empty()) row.profile = affiliation->profile;
  }
  return true;
}

void PlanDelete(const ActionInputs& in, LinesSoFar& so_far, const records::Action& action,
                RowPlan& row) {
  const std::optional<PersonRef> person = FindUser(in, so_far, action, row);
  if (!person) return;
  if (person->account == 0) {
    Say(row, Severity::kError, "action_user_created_in_file", {{"username", row.login}});
    return;
  }
  if (!EndAffiliationsHere(in, so_far, person->account, row)) {
    row.operation = Operation::kUnchanged;
    return;
  }
  row.operation = Operation::kDelete;
  Say(row, Severity::kInfo, "action_deleted", {{"org", in.index.snapshot().org.code}});
}

// The org's group an org unit code names: not archived, of the import's period when several
// share the name. Null (with an error on the row) when there is none or it is ambiguous.
const directory::Group* FindOrgUnit(const ActionInputs& in, std::string_view code, RowPlan& row) {
  const std::string wanted = LoginKey(code);
  std::vector<const directory::Group*> named;
  for (const directory::Group& group : in.index.snapshot().groups) {
    if (!group.archived && LoginKey(group.name) == wanted) named.push_back(&group);
  }
  if (named.size() > 1) {
    const auto in_period = std::find_if(named.begin(), named.end(), [&](const auto* group) {
      return group->period == in.options.period;
    });
    if (in_period != named.end()) return *in_period;
  }
  if (named.size() == 1) return named.front();
  Say(row, Severity::kError,
      named.empty() ? "action_unknown_org_unit" : "action_ambiguous_org_unit",
      {{"org_unit", std::string(code)}, {"org", in.index.snapshot().org.code}});
  return nullptr;
}

bool NamesTheOrg(const ActionInputs& in, std::string_view code) {
  return code.empty() || LoginKey(code) == LoginKey(in.context.org_code);
}

bool IsMember(const LinesSoFar& so_far, const PersonRef& person, directory::Id group) {
  const auto found = so_far.memberships.find({person, group});
  return found != so_far.memberships.end() && found->second;
}

// Gives an existing account an active affiliation to the org with `profile`, unless it has
// one (of any source); restores one this source had. Returns whether anything changes.
bool EnsureAffiliation(const ActionInputs& in, LinesSoFar& so_far, directory::Id account_id,
                       const std::string& profile, RowPlan& row) {
  for (const directory::Affiliation* affiliation : ActiveAffiliationsHere(in, so_far, account_id)) {
    if (affiliation->profile == profile) {
      row.affiliation = affiliation->id;
      return false;
    }
  }
  if (so_far.added_affiliations.contains({account_id, profile})) return false;
  const auto affiliations = in.index.AffiliationsOf(account_id);
  if (affiliations.empty()) {
    row.new_affiliation = true;
    so_far.added_affiliations[{account_id, profile}] = RowIndex(so_far);
    return true;
  }
  for (const directory::Affiliation* affiliation : affiliations) {
    if (affiliation->org != in.index.snapshot().org.id || affiliation->profile != profile) continue;
    if (const auto expiry = so_far.expiry_of_affiliation.find(affiliation->id);
        expiry != so_far.expiry_of_affiliation.end() &&
        so_far.ended_affiliations.contains(affiliation->id)) {
      so_far.cancelled_expiries.insert(expiry->second);  // a DELETE above, undone
      so_far.ended_affiliations.erase(affiliation->id);
      return true;
    }
  }
  for (const directory::Affiliation* affiliation : affiliations) {
    const bool ours = affiliation->org == in.index.snapshot().org.id &&
                      affiliation->profile == profile && affiliation->source == in.options.source;
    if (!ours) continue;
    row.affiliation = affiliation->id;  // ended by an earlier sync: restored
    so_far.added_affiliations[{account_id, profile}] = RowIndex(so_far);
    return true;
  }
  row.new_affiliation = true;
  so_far.added_affiliations[{account_id, profile}] = RowIndex(so_far);
  return true;
}

void PlanEnroll(const ActionInputs& in, LinesSoFar& so_far, const records::Action& action,
                RowPlan& row) {
  const bool importing = *action.kind == ActionKind::kImport;
  std::optional<PersonRef> person =
      importing ? std::optional(row.person) : FindUser(in, so_far, action, row);
  if (!person) return;
  std::optional<std::string> profile = ProfileOf(in, action, row);
  if (!profile) return;
  const std::string_view unit = action.Text(ActionField::kOrgUnitCode);
  const directory::Group* group = NamesTheOrg(in, unit) ? nullptr : FindOrgUnit(in, unit, row);
  if (!NamesTheOrg(in, unit) && group == nullptr) return;
  bool changed = false;
  if (person->account != 0) {
    if (EnsureAffiliation(in, so_far, person->account, *profile, row)) {
      changed = true;
      if (row.profile.empty()) row.profile = *profile;
      Say(row, Severity::kInfo, "action_joined_org",
          {{"org", in.index.snapshot().org.code}, {"profile", *profile}});
    }
  } else if (*profile != row.profile) {
    Say(row, Severity::kWarning, "action_role_differs",
        {{"role", std::string(action.Text(ActionField::kRoleName))}, {"profile", row.profile}});
  }
  if (row.profile.empty()) row.profile = *profile;
  if (group != nullptr) {
    if (IsMember(so_far, *person, group->id)) {
      Say(row, Severity::kInfo, "action_already_enrolled", {{"org_unit", group->name}});
    } else {
      so_far.memberships[{*person, group->id}] = true;
      so_far.result.plan.memberships.push_back(MembershipChange{MembershipChange::Kind::kEnroll,
                                                                *person, GroupRef{group->id, -1},
                                                                group->name, RowIndex(so_far)});
      Say(row, Severity::kInfo, "action_enrolled", {{"org_unit", group->name}});
      changed = true;
    }
  } else if (!changed && person->account != 0) {
    Say(row, Severity::kInfo, "action_already_in_org", {{"org", in.index.snapshot().org.code}});
  }
  // A person created by the file changes through its memberships only: the row that creates
  // it does the rest.
  if (person->account == 0) {
    if (!importing) row.operation = Operation::kUnchanged;
    return;
  }
  const bool pending = CurrentAccount(in, so_far, person->account).state ==
                       directory::AccountState::kPendingDeletion;
  if (changed) {
    row.operation = pending ? Operation::kRestore : Operation::kUpdate;
  } else if (!importing) {
    row.operation = Operation::kUnchanged;
  }
}

void PlanUnenroll(const ActionInputs& in, LinesSoFar& so_far, const records::Action& action,
                  RowPlan& row) {
  const std::optional<PersonRef> person = FindUser(in, so_far, action, row);
  if (!person) return;
  row.operation = Operation::kUnchanged;
  const std::string_view unit = action.Text(ActionField::kOrgUnitCode);
  if (NamesTheOrg(in, unit)) {
    if (person->account == 0) {
      Say(row, Severity::kError, "action_user_created_in_file", {{"username", row.login}});
    } else if (EndAffiliationsHere(in, so_far, person->account, row)) {
      row.operation = Operation::kDelete;
      Say(row, Severity::kInfo, "action_left_org", {{"org", in.index.snapshot().org.code}});
    }
    return;
  }
  const directory::Group* group = FindOrgUnit(in, unit, row);
  if (group == nullptr) return;
  if (!IsMember(so_far, *person, group->id)) {
    Say(row, Severity::kWarning, "action_not_enrolled", {{"org_unit", group->name}});
    return;
  }
  so_far.memberships[{*person, group->id}] = false;
  so_far.result.plan.memberships.push_back(MembershipChange{MembershipChange::Kind::kUnenroll,
                                                            *person, GroupRef{group->id, -1},
                                                            group->name, RowIndex(so_far)});
  // A person the file creates changes through the membership only (see PlanEnroll).
  if (person->account != 0) row.operation = Operation::kUpdate;
  Say(row, Severity::kInfo, "action_unenrolled", {{"org_unit", group->name}});
}

void PlanAction(const ActionInputs& in, LinesSoFar& so_far, const records::Action& action,
                RowPlan& row) {
  switch (*action.kind) {
    case ActionKind::kCreate:
      PlanCreate(in, so_far, action, row);
      break;
    case ActionKind::kImport:
      if (PlanCreate(in, so_far, action, row)) PlanEnroll(in, so_far, action, row);
      break;
    case ActionKind::kUpdate:
      PlanUpdate(in, so_far, action, row);
      break;
    case ActionKind::kDelete:
      PlanDelete(in, so_far, action, row);
      break;
    case ActionKind::kEnroll:
      PlanEnroll(in, so_far, action, row);
      break;
    case ActionKind::kUnenroll:
      PlanUnenroll(in, so_far, action, row);
      break;
  }
}

// An account whose affiliations all ended becomes pending deletion, once (on its last expiry);
// a later line of the file may have given it a new one.
void SettlePendingDeletions(const ActionInputs& in, LinesSoFar& so_far) {
  std::vector<Expiry> kept;
  for (std::size_t expiry_idx = 0; expiry_idx < so_far.result.plan.expiries.size(); ++expiry_idx) {
    if (!so_far.cancelled_expiries.contains(expiry_idx)) {
      kept.push_back(std::move(so_far.result.plan.expiries[expiry_idx]));
    }
  }
  const std::string purge_date = AddDays(in.options.today, in.options.retention_days);
  std::set<directory::Id> settled;
  for (auto expiry = kept.rbegin(); expiry != kept.rend(); ++expiry) {
    if (!settled.insert(expiry->account).second) continue;
    const auto affiliations = in.index.AffiliationsOf(expiry->account);
    const bool active_elsewhere =
        std::any_of(affiliations.begin(), affiliations.end(), [&](const auto* affiliation) {
          return affiliation->active && !so_far.ended_affiliations.contains(affiliation->id);
        });
    if (active_elsewhere || GainsAffiliation(so_far, expiry->account)) continue;
    expiry->account_pending_deletion = true;
    expiry->purge_date = purge_date;
  }
  so_far.result.plan.expiries = std::move(kept);
}

}  // namespace

std::string LoginKey(std::string_view login) {
  std::string key(login);
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return key;
}

ActionPlan MakeActionPlan(const directory::Snapshot& snapshot, const records::ActionFile& file,
                          const mapping::Schema& schema, const ActionContext& context,
                          const PlanOptions& options) {
  const DirectoryIndex index(snapshot, options.source);  // 1.
  ActionInputs in{index, schema, context, options, {}};
  for (const directory::Account& account : snapshot.accounts) {
    in.accounts_by_login[LoginKey(account.login)] = account.id;
  }
  LinesSoFar so_far;
  for (const directory::Membership& membership : snapshot.memberships) {
    so_far.memberships[{PersonRef{membership.account, -1}, membership.group}] = true;
  }
  ActionPlan& result = so_far.result;
  result.plan.rows.reserve(file.actions.size());
  for (const Diagnostic& diagnostic : file.diagnostics)
    result.plan.diagnostics.push_back(diagnostic);
  for (const records::Action& action : file.actions) {  // 2.
    RowPlan row;
    row.line = action.line;
    row.diagnostics = action.diagnostics;
    row.operation = Operation::kSkip;
    if (action.kind && !action.Blocked()) PlanAction(in, so_far, action, row);
    if (row.Blocked()) row.operation = Operation::kSkip;
    result.plan.rows.push_back(std::move(row));
  }
  SettlePendingDeletions(in, so_far);                 // 3.
  CountPlan(result.plan, options.skip_invalid_rows);  // 4.
  return std::move(result);
}

}  // namespace rollcall::plan
