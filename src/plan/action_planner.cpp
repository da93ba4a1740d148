// MakeActionPlan, steps: 1. index the snapshot by login; 2. plan each action in file order,
// keeping what earlier lines did (created users, changed accounts, ended affiliations,
// memberships) so that later lines see it; 3. settle which accounts end up pending deletion;
// 4. count.
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <utility>

#include "plan/actions.hpp"
#include "plan/counting.hpp"

namespace rollcall::plan {
namespace {

using records::ActionField;
using records::ActionKind;

// The fields an UPDATE may change on the account, with the schema field each one is.
constexpr std::pair<ActionField, std::string_view> kUpdatedFields[] = {
    {ActionField::kFirstName, "first_name"},
    {ActionField::kLastName, "last_name"},
    {ActionField::kEmail, "email"},
    {ActionField::kIsActive, "is_active"},
};

// The fields a CREATE gives the new account, with the schema field each one is.
constexpr std::pair<ActionField, std::string_view> kCreatedFields[] = {
    {ActionField::kUsername, "login"},       {ActionField::kOrgDefinedId, "external_id"},
    {ActionField::kFirstName, "first_name"}, {ActionField::kLastName, "last_name"},
    {ActionField::kPassword, "password"},    {ActionField::kIsActive, "is_active"},
    {ActionField::kEmail, "email"},
};

class ActionPlanner {
 public:
  ActionPlanner(const directory::Snapshot& snapshot, const records::ActionFile& file,
                const mapping::Schema& schema, const ActionContext& context,
                const PlanOptions& options)
      : snapshot_(snapshot), file_(file), schema_(schema), context_(context), options_(options) {}

  ActionPlan Run() {
    IndexSnapshot();  // 1.
    result_.plan.rows.reserve(file_.actions.size());
    for (const Diagnostic& diagnostic : file_.diagnostics) {
      result_.plan.diagnostics.push_back(diagnostic);
    }
    for (const records::Action& action : file_.actions) {  // 2.
      RowPlan row;
      row.line = action.line;
      row.diagnostics = action.diagnostics;
      row.operation = Operation::kSkip;
      if (action.kind && !action.Blocked()) PlanAction(action, row);
      if (row.Blocked()) row.operation = Operation::kSkip;
      result_.plan.rows.push_back(std::move(row));
    }
    SettlePendingDeletions();                             // 3.
    CountPlan(result_.plan, options_.skip_invalid_rows);  // 4.
    return std::move(result_);
  }

 private:
  void IndexSnapshot() {
    for (const directory::Account& account : snapshot_.accounts) {
      accounts_[account.id] = &account;
      accounts_by_login_[LoginKey(account.login)] = account.id;
    }
    for (const directory::Affiliation& affiliation : snapshot_.affiliations) {
      affiliations_[affiliation.account].push_back(&affiliation);
    }
    for (const directory::Membership& membership : snapshot_.memberships) {
      memberships_[{PersonRef{membership.account, -1}, membership.group}] = true;
    }
  }

  int RowIndex() const { return static_cast<int>(result_.plan.rows.size()); }

  void Say(RowPlan& row, Severity severity, std::string code,
           std::vector<std::pair<std::string, std::string>> params = {}) const {
    DiagnosticBuilder builder(severity, std::move(code), row.line);
    for (auto& [key, value] : params) builder.With(std::move(key), std::move(value));
    row.diagnostics.push_back(std::move(builder).Build());
  }

  void PlanAction(const records::Action& action, RowPlan& row) {
    switch (*action.kind) {
      case ActionKind::kCreate:
        PlanCreate(action, row);
        break;
      case ActionKind::kImport:
        if (PlanCreate(action, row)) PlanEnroll(action, row);
        break;
      case ActionKind::kUpdate:
        PlanUpdate(action, row);
        break;
      case ActionKind::kDelete:
        PlanDelete(action, row);
        break;
      case ActionKind::kEnroll:
        PlanEnroll(action, row);
        break;
      case ActionKind::kUnenroll:
        PlanUnenroll(action, row);
        break;
    }
  }

  // The profile of the action's role, or an error on the row.
  std::optional<std::string> ProfileOf(const records::Action& action, RowPlan& row) const {
    const std::string_view role = action.Text(ActionField::kRoleName);
    const auto found = context_.profiles_by_role.find(role);
    if (found != context_.profiles_by_role.end()) return found->second;
    Say(row, Severity::kError, "action_unknown_role", {{"role", std::string(role)}});
    return std::nullopt;
  }

  // The user the action names, existing or created by an earlier line; else an error.
  std::optional<PersonRef> FindUser(const records::Action& action, RowPlan& row) {
    const std::string_view username = action.Text(ActionField::kUsername);
    const std::string key = LoginKey(username);
    if (const auto created = created_by_login_.find(key); created != created_by_login_.end()) {
      row.person = PersonRef{0, created->second};
      row.login = key;
      row.profile = result_.plan.rows[static_cast<std::size_t>(created->second)].profile;
      return row.person;
    }
    if (const auto found = accounts_by_login_.find(key); found != accounts_by_login_.end()) {
      row.person = PersonRef{found->second, -1};
      row.login = accounts_.at(found->second)->login;
      return row.person;
    }
    Say(row, Severity::kError, "action_unknown_user", {{"username", std::string(username)}});
    return std::nullopt;
  }

  // Returns whether the user exists after the line (created now, or already there).
  bool PlanCreate(const records::Action& action, RowPlan& row) {
    const std::string_view username = action.Text(ActionField::kUsername);
    const std::string key = LoginKey(username);
    if (!username.empty() &&
        (accounts_by_login_.contains(key) || created_by_login_.contains(key))) {
      FindUser(action, row);
      row.operation = Operation::kUnchanged;
      Say(row, Severity::kWarning, "action_user_exists", {{"username", std::string(username)}});
      return true;
    }
    if (!username.empty() && context_.retired_logins.contains(key)) {
      Say(row, Severity::kError, "action_login_retired", {{"username", std::string(username)}});
      return false;
    }
    std::optional<std::string> profile = ProfileOf(action, row);
    if (!profile) return false;
    std::vector<records::FieldValue>& values = result_.values.emplace_back();
    for (const auto& [action_field, field] : kCreatedFields) {
      records::FieldValue value = action.Get(action_field);
      if (value.state != records::ValueState::kSet) continue;
      value.spec = schema_.Field(field);
      if (value.spec == nullptr) continue;  // a deployment schema without the field
      if (action_field == ActionField::kUsername) value.text = StoredText(key);
      values.push_back(value);
    }
    row.values = values;
    created_values_[static_cast<std::size_t>(RowIndex())] = &values;
    row.operation = Operation::kCreate;
    row.profile = std::move(*profile);
    row.external_id = std::string(action.Text(ActionField::kOrgDefinedId));
    row.person = PersonRef{0, RowIndex()};
    if (!username.empty()) {
      row.login = key;
      created_by_login_[key] = RowIndex();
    }
    Say(row, Severity::kInfo, "action_created", {{"profile", row.profile}});
    return true;
  }

  // Owned copies of texts the actions do not hold (lower-cased user names).
  std::string_view StoredText(std::string text) {
    return result_.texts.emplace_back(std::move(text));
  }

  const directory::Account& CurrentAccount(directory::Id id) {
    const auto changed = changed_accounts_.find(id);
    return changed != changed_accounts_.end() ? changed->second : *accounts_.at(id);
  }

  void PlanUpdate(const records::Action& action, RowPlan& row) {
    const std::optional<PersonRef> person = FindUser(action, row);
    if (!person) return;
    if (person->account == 0) {
      UpdateCreated(action, *person, row);
      return;
    }
    for (const ActionField name : {ActionField::kFirstName, ActionField::kLastName}) {
      if (action.Get(name).state != records::ValueState::kClear) continue;
      // An account always has names: the file may change them, not remove them.
      Say(row, Severity::kError, "cannot_clear_required",
          {{"field", std::string(records::ActionFieldId(name))}});
    }
    if (row.Blocked()) return;
    directory::Account account = CurrentAccount(person->account);
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
      std::vector<records::FieldValue>& values = result_.values.emplace_back();
      values.push_back(password);
      values.back().spec = schema_.Field("password");
      if (values.back().spec != nullptr) row.values = values;
    }
    if (row.changes.empty() && row.values.empty()) {
      row.operation = Operation::kUnchanged;
      Say(row, Severity::kInfo, "action_nothing_to_change");
      return;
    }
    row.operation = account.state == directory::AccountState::kPendingDeletion ? Operation::kRestore
                                                                               : Operation::kUpdate;
    changed_accounts_[person->account] = std::move(account);
    Say(row, Severity::kInfo, row.values.empty() ? "action_updated" : "action_password_set",
        {{"fields", std::to_string(row.changes.size())}});
  }

  // An UPDATE of a user an earlier line creates changes what that line will create.
  void UpdateCreated(const records::Action& action, const PersonRef& person, RowPlan& row) {
    const auto created_row = static_cast<std::size_t>(person.created_row);
    std::vector<records::FieldValue>& values = *created_values_.at(created_row);
    const auto update = [&](ActionField action_field, std::string_view field) {
      const records::FieldValue& value = action.Get(action_field);
      if (value.state == records::ValueState::kUnchanged) return;
      const std::string after(value.state == records::ValueState::kSet ? value.text : "");
      auto current = std::find_if(values.begin(), values.end(),
                                  [&](const auto& existing) { return existing.field() == field; });
      const std::string before(
          current != values.end() && current->state == records::ValueState::kSet ? current->text
                                                                                 : "");
      if (before == after) return;
      if (current == values.end()) {
        const mapping::FieldSpec* spec = schema_.Field(field);
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
    update(ActionField::kPassword, "password");
    result_.plan.rows[created_row].values = values;  // the vector may have grown
    row.operation = Operation::kUnchanged;           // the creating line does it
    Say(row, Severity::kInfo, "action_updated_before_creation",
        {{"line", std::to_string(result_.plan.rows[created_row].line)}});
  }

  // Whether an earlier line gives the account an affiliation to the org.
  bool GainsAffiliation(directory::Id account) const {
    const auto next = added_affiliations_.lower_bound({account, std::string()});
    return next != added_affiliations_.end() && next->first.first == account;
  }

  // The active affiliations of the account to the org, after the earlier lines.
  std::vector<const directory::Affiliation*> ActiveAffiliationsHere(directory::Id account) const {
    std::vector<const directory::Affiliation*> here;
    const auto found = affiliations_.find(account);
    if (found == affiliations_.end()) return here;
    for (const directory::Affiliation* affiliation : found->second) {
      if (affiliation->org == snapshot_.org.id && affiliation->active &&
          !ended_affiliations_.contains(affiliation->id)) {
        here.push_back(affiliation);
      }
    }
    return here;
  }

  // Ends the account's affiliations to the org (the expiries of a DELETE, or of UNENROLL from
  // the org itself); false when it has none.
  bool EndAffiliationsHere(directory::Id account_id, RowPlan& row) {
    const std::vector<const directory::Affiliation*> here = ActiveAffiliationsHere(account_id);
    const bool added = GainsAffiliation(account_id);
    if (here.empty() && !added) {
      Say(row, Severity::kWarning, "action_not_in_org", {{"username", row.login}});
      return false;
    }
    if (added) {
      // An affiliation this very file added cannot be ended by it: apply the file first.
      Say(row, Severity::kError, "action_user_enrolled_in_file", {{"username", row.login}});
      return false;
    }
    const directory::Account& account = CurrentAccount(account_id);
    for (const directory::Affiliation* affiliation : here) {
      ended_affiliations_.insert(affiliation->id);
      expiry_of_affiliation_[affiliation->id] = result_.plan.expiries.size();
      result_.plan.expiries.push_back(Expiry{account_id, affiliation->id, account.login,
                                             account.first_name + " " + account.last_name,
                                             affiliation->profile, false, ""});
      if (row.profile.empty()) row.profile = affiliation->profile;
    }
    return true;
  }

  void PlanDelete(const records::Action& action, RowPlan& row) {
    const std::optional<PersonRef> person = FindUser(action, row);
    if (!person) return;
    if (person->account == 0) {
      Say(row, Severity::kError, "action_user_created_in_file", {{"username", row.login}});
      return;
    }
    if (!EndAffiliationsHere(person->account, row)) {
      row.operation = Operation::kUnchanged;
      return;
    }
    row.operation = Operation::kDelete;
    Say(row, Severity::kInfo, "action_deleted", {{"org", snapshot_.org.code}});
  }

  // The org's group an org unit code names: not archived, of the import's period when several
  // share the name. Null (with an error on the row) when there is none or it is ambiguous.
  const directory::Group* FindOrgUnit(std::string_view code, RowPlan& row) const {
    const std::string wanted = LoginKey(code);
    std::vector<const directory::Group*> named;
    for (const directory::Group& group : snapshot_.groups) {
      if (!group.archived && LoginKey(group.name) == wanted) named.push_back(&group);
    }
    if (named.size() > 1) {
      const auto in_period = std::find_if(named.begin(), named.end(), [&](const auto* group) {
        return group->period == options_.period;
      });
      if (in_period != named.end()) return *in_period;
    }
    if (named.size() == 1) return named.front();
    Say(row, Severity::kError,
        named.empty() ? "action_unknown_org_unit" : "action_ambiguous_org_unit",
        {{"org_unit", std::string(code)}, {"org", snapshot_.org.code}});
    return nullptr;
  }

  bool NamesTheOrg(std::string_view code) const {
    return code.empty() || LoginKey(code) == LoginKey(context_.org_code);
  }

  bool IsMember(const PersonRef& person, directory::Id group) const {
    const auto found = memberships_.find({person, group});
    return found != memberships_.end() && found->second;
  }

  // Gives an existing account an active affiliation to the org with `profile`, unless it has
  // one (of any source); restores one this source had. Returns whether anything changes.
  bool EnsureAffiliation(directory::Id account_id, const std::string& profile, RowPlan& row) {
    for (const directory::Affiliation* affiliation : ActiveAffiliationsHere(account_id)) {
      if (affiliation->profile == profile) {
        row.affiliation = affiliation->id;
        return false;
      }
    }
    if (added_affiliations_.contains({account_id, profile})) return false;
    const auto found = affiliations_.find(account_id);
    if (found == affiliations_.end()) {
      row.new_affiliation = true;
      added_affiliations_[{account_id, profile}] = RowIndex();
      return true;
    }
    for (const directory::Affiliation* affiliation : found->second) {
      if (affiliation->org != snapshot_.org.id || affiliation->profile != profile) continue;
      if (const auto expiry = expiry_of_affiliation_.find(affiliation->id);
          expiry != expiry_of_affiliation_.end() && ended_affiliations_.contains(affiliation->id)) {
        cancelled_expiries_.insert(expiry->second);  // a DELETE above, undone
        ended_affiliations_.erase(affiliation->id);
        return true;
      }
    }
    for (const directory::Affiliation* affiliation : found->second) {
      const bool ours = affiliation->org == snapshot_.org.id && affiliation->profile == profile &&
                        affiliation->source == options_.source;
      if (!ours) continue;
      row.affiliation = affiliation->id;  // ended by an earlier sync: restored
      added_affiliations_[{account_id, profile}] = RowIndex();
      return true;
    }
    row.new_affiliation = true;
    added_affiliations_[{account_id, profile}] = RowIndex();
    return true;
  }

  void PlanEnroll(const records::Action& action, RowPlan& row) {
    const bool importing = *action.kind == ActionKind::kImport;
    std::optional<PersonRef> person = importing ? std::optional(row.person) : FindUser(action, row);
    if (!person) return;
    std::optional<std::string> profile = ProfileOf(action, row);
    if (!profile) return;
    const std::string_view unit = action.Text(ActionField::kOrgUnitCode);
    const directory::Group* group = NamesTheOrg(unit) ? nullptr : FindOrgUnit(unit, row);
    if (!NamesTheOrg(unit) && group == nullptr) return;
    bool changed = false;
    if (person->account != 0) {
      if (EnsureAffiliation(person->account, *profile, row)) {
        changed = true;
        if (row.profile.empty()) row.profile = *profile;
        Say(row, Severity::kInfo, "action_joined_org",
            {{"org", snapshot_.org.code}, {"profile", *profile}});
      }
    } else if (*profile != row.profile) {
      Say(row, Severity::kWarning, "action_role_differs",
          {{"role", std::string(action.Text(ActionField::kRoleName))}, {"profile", row.profile}});
    }
    if (row.profile.empty()) row.profile = *profile;
    if (group != nullptr) {
      if (IsMember(*person, group->id)) {
        Say(row, Severity::kInfo, "action_already_enrolled", {{"org_unit", group->name}});
      } else {
        memberships_[{*person, group->id}] = true;
        result_.plan.memberships.push_back(MembershipChange{MembershipChange::Kind::kEnroll,
                                                            *person, GroupRef{group->id, -1},
                                                            group->name, RowIndex()});
        Say(row, Severity::kInfo, "action_enrolled", {{"org_unit", group->name}});
        changed = true;
      }
    } else if (!changed && person->account != 0) {
      Say(row, Severity::kInfo, "action_already_in_org", {{"org", snapshot_.org.code}});
    }
    // A person created by the file changes through its memberships only: the row that creates
    // it does the rest.
    if (person->account == 0) {
      if (!importing) row.operation = Operation::kUnchanged;
      return;
    }
    const bool pending =
        CurrentAccount(person->account).state == directory::AccountState::kPendingDeletion;
    if (changed) {
      row.operation = pending ? Operation::kRestore : Operation::kUpdate;
    } else if (!importing) {
      row.operation = Operation::kUnchanged;
    }
  }

  void PlanUnenroll(const records::Action& action, RowPlan& row) {
    const std::optional<PersonRef> person = FindUser(action, row);
    if (!person) return;
    row.operation = Operation::kUnchanged;
    const std::string_view unit = action.Text(ActionField::kOrgUnitCode);
    if (NamesTheOrg(unit)) {
      if (person->account == 0) {
        Say(row, Severity::kError, "action_user_created_in_file", {{"username", row.login}});
      } else if (EndAffiliationsHere(person->account, row)) {
        row.operation = Operation::kDelete;
        Say(row, Severity::kInfo, "action_left_org", {{"org", snapshot_.org.code}});
      }
      return;
    }
    const directory::Group* group = FindOrgUnit(unit, row);
    if (group == nullptr) return;
    if (!IsMember(*person, group->id)) {
      Say(row, Severity::kWarning, "action_not_enrolled", {{"org_unit", group->name}});
      return;
    }
    memberships_[{*person, group->id}] = false;
    result_.plan.memberships.push_back(MembershipChange{MembershipChange::Kind::kUnenroll, *person,
                                                        GroupRef{group->id, -1}, group->name,
                                                        RowIndex()});
    // A person the file creates changes through the membership only (see PlanEnroll).
    if (person->account != 0) row.operation = Operation::kUpdate;
    Say(row, Severity::kInfo, "action_unenrolled", {{"org_unit", group->name}});
  }

  // An account whose affiliations all ended becomes pending deletion, once (on its last expiry);
  // a later line of the file may have given it a new one.
  void SettlePendingDeletions() {
    std::vector<Expiry> kept;
    for (std::size_t expiry_idx = 0; expiry_idx < result_.plan.expiries.size(); ++expiry_idx) {
      if (!cancelled_expiries_.contains(expiry_idx)) {
        kept.push_back(std::move(result_.plan.expiries[expiry_idx]));
      }
    }
    const std::string purge_date = AddDays(options_.today, options_.retention_days);
    std::set<directory::Id> settled;
    for (auto expiry = kept.rbegin(); expiry != kept.rend(); ++expiry) {
      if (!settled.insert(expiry->account).second) continue;
      const auto affiliations = affiliations_.find(expiry->account);
      const bool active_elsewhere = std::any_of(
          affiliations->second.begin(), affiliations->second.end(), [&](const auto* affiliation) {
            return affiliation->active && !ended_affiliations_.contains(affiliation->id);
          });
      if (active_elsewhere || GainsAffiliation(expiry->account)) continue;
      expiry->account_pending_deletion = true;
      expiry->purge_date = purge_date;
    }
    result_.plan.expiries = std::move(kept);
  }

  const directory::Snapshot& snapshot_;
  const records::ActionFile& file_;
  const mapping::Schema& schema_;
  const ActionContext& context_;
  const PlanOptions& options_;
  ActionPlan result_;
  std::unordered_map<directory::Id, const directory::Account*> accounts_;
  std::unordered_map<std::string, directory::Id> accounts_by_login_;  // by LoginKey
  std::unordered_map<std::string, int> created_by_login_;             // LoginKey → row
  std::unordered_map<std::size_t, std::vector<records::FieldValue>*> created_values_;  // by row
  std::unordered_map<directory::Id, directory::Account> changed_accounts_;
  std::unordered_map<directory::Id, std::vector<const directory::Affiliation*>> affiliations_;
  std::set<directory::Id> ended_affiliations_;
  std::map<directory::Id, std::size_t> expiry_of_affiliation_;  // → index in plan.expiries
  std::set<std::size_t> cancelled_expiries_;
  std::map<std::pair<directory::Id, std::string>, int> added_affiliations_;  // → row
  std::map<std::pair<PersonRef, directory::Id>, bool> memberships_;          // whether a member now
};

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
  return ActionPlanner(snapshot, file, schema, context, options).Run();
}

}  // namespace rollcall::plan
