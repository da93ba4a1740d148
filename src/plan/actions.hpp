// Action files as a plan (DESIGN.md §2: other inputs enter the same plan / apply / report
// machinery). Each action of the file becomes one plan row, in file order, and the lines take
// effect in that order: a CREATE then an ENROLL of the same user in one file works, because the
// planner keeps the directory as the earlier lines leave it.
//
//   CREATE    a new account with its affiliation to the org (profile = the role); an existing
//             user name does nothing and says so; an empty user name gets a generated login.
//   UPDATE    the named account's names, e-mail, is_active, password (empty = unchanged,
//             #CLEAR = clear).
//   DELETE    two-step, as a sync's expiry: the account's affiliations to the org end, and an
//             account left with none becomes pending deletion with a purge date.
//   ENROLL    an affiliation to the org with the role's profile (when the account has none),
//             and a membership of the org unit — a group of the org, by name; an empty unit, or
//             the org's own code, means the org only.
//   UNENROLL  the membership of the org unit ends; the org's own code ends the affiliations.
//   IMPORT    CREATE, then ENROLL in the org unit.
//
// Actions name users explicitly, so they act on any account of the snapshot whatever source
// created it (the caller adds the accounts the file names from other orgs to the snapshot).
// Every line gets a diagnostic saying what it does (info) or why it cannot (warning, error).
// Lines that cannot be carried out are skipped; the plan is blocked unless invalid rows are
// skipped, as for imports.
#pragma once

#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "directory/model.hpp"
#include "mapping/schema.hpp"
#include "plan/plan.hpp"
#include "records/actions.hpp"

namespace rollcall::plan {

// How action files match user names to logins: ASCII letters lower-cased, nothing else changed.
// The caller looking accounts up by login must use the same key.
std::string LoginKey(std::string_view login);

struct ActionContext {
  // The profile id of each role name the file uses (trimmed, as written); absent = unknown role.
  std::map<std::string, std::string, std::less<>> profiles_by_role;
  // Logins that accounts once had but that no account of the snapshot has now (deleted
  // accounts): a CREATE may not give them again.
  std::set<std::string, std::less<>> retired_logins;
  // The org's code: an org unit code naming the org itself means the org, not a group.
  std::string org_code;
};

struct ActionPlan {
  Plan plan;  // rows[i] is the file's actions[i]
  // The values of created rows, which Plan::rows view. A deque: its elements never move, not
  // even when the ActionPlan does.
  std::deque<std::vector<records::FieldValue>> values;
  std::deque<std::string> texts;  // texts those values view that the file does not hold
};

// REQUIRES: `file` and `schema` outlive the plan (created rows view their texts and field specs).
// options.source owns what the actions create; options.period picks among groups of one name.
ActionPlan MakeActionPlan(const directory::Snapshot& snapshot, const records::ActionFile& file,
                          const mapping::Schema& schema, const ActionContext& context,
                          const PlanOptions& options);

}  // namespace rollcall::plan
