// The reconciliation plan: exactly what an import would do to the directory, row by row, before
// anything is written (DESIGN.md §2.5 and §4).
//
// MakePlan() is pure and deterministic: the same snapshot, records and options give the same plan
// in the same order. It is always recomputed from scratch (after an edit, an exclusion, a group
// decision), never patched.
//
// People are referred to by PersonRef: an existing account, or a person the plan creates (the
// index of the creating row). Groups by GroupRef: an existing group, or one the plan creates.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "directory/model.hpp"
#include "mapping/schema.hpp"
#include "records/record.hpp"

namespace rollcall::plan {

enum class Mode { kAdd, kSync, kCreateOnly, kUpdateOnly };
std::string_view ModeName(Mode mode);
std::optional<Mode> ParseMode(std::string_view name);

struct GroupDecision {
  enum class Kind { kCreate, kIgnore, kExisting };
  Kind kind = Kind::kCreate;
  std::string existing;  // kExisting: the name of the org's group to use
};

// A user's decision on one row, by (file, line).
struct RowDecision {
  bool exclude = false;                // leave the person alone (and never expire them)
  std::optional<directory::Id> match;  // resolve a conflict: this account
  bool create_new = false;             // resolve a conflict: a new account
};

struct PlanOptions {
  std::string source = "csv";
  std::string period;
  Mode mode = Mode::kAdd;
  bool school_year_change = false;
  bool ignore_unmapped_groups = false;
  std::map<std::string, GroupDecision> groups;  // by the name the file uses
  int retention_days = 90;
  bool skip_invalid_rows = false;
  std::string today;             // ISO date, injected: purge dates are computed from it
  std::set<directory::Id> keep;  // accounts a sync must not expire ("do not pre-delete")
};

// One file's records, ready to plan.
struct PlanFile {
  std::string name;
  const mapping::ProfileSpec* profile = nullptr;
  const records::RecordSet* records = nullptr;
  std::map<std::uint32_t, RowDecision> decisions;  // by line
  std::vector<Diagnostic> diagnostics;             // of reading and mapping the file
};

// Whether a record's field is written to the account (names, birth date, attributes): not its
// identity (external id, login), secrets, groups or children. Only these are diffed.
bool IsAccountField(std::string_view field);

// An account field's value (names, birth date, else the attribute), and setting it; what plans
// diff and apply writes.
std::string_view AccountFieldValue(const directory::Account& account, std::string_view field);
void SetAccountField(directory::Account& account, std::string_view field, std::string value);

// kDelete: an action file's DELETE line (its affiliations end through Plan::expiries).
enum class Operation { kCreate, kUpdate, kUnchanged, kRestore, kSkip, kDelete };
std::string_view OperationName(Operation operation);

struct PersonRef {
  directory::Id account = 0;  // an existing account, or
  int created_row = -1;       // the index in Plan::rows of the row that creates the person
  bool operator==(const PersonRef&) const = default;
  bool operator<(const PersonRef& other) const {
    return account != other.account ? account < other.account : created_row < other.created_row;
  }
};

struct GroupRef {
  directory::Id group = 0;  // an existing group, or
  int created_group = -1;   // the index in Plan::groups of the group the plan creates
  bool operator==(const GroupRef&) const = default;
};

struct FieldChange {
  std::string field;
  std::string before;
  std::string after;
};

struct RowPlan {
  std::size_t file_idx = 0;
  std::uint32_t line = 0;
  std::string profile;
  Operation operation = Operation::kSkip;
  PersonRef person;   // who the row is (for kSkip: the matched account, if any)
  std::string login;  // existing login; "" for a person to create
  std::vector<FieldChange> changes;
  bool new_affiliation = false;   // an existing account gains an affiliation here
  directory::Id affiliation = 0;  // else its affiliation here (of the org, profile and source)
  std::vector<Diagnostic> diagnostics;
  // Creates only: the record's values (views into its RecordSet, which must outlive the plan);
  // read them with Value(). Updates carry their writes in `changes`.
  std::span<const records::FieldValue> values;
  std::string external_id;
  // Rows without an external id: the key the affiliation remembers (plan/match_key.hpp).
  std::string match_key = {};
  bool Blocked() const;
  // The text a created row's record sets for `field`; "" when it leaves or clears it.
  std::string_view Value(std::string_view field) const;
};

struct Expiry {
  directory::Id account = 0;
  directory::Id affiliation = 0;
  std::string login, display_name, profile;
  bool account_pending_deletion = false;  // no other active affiliation remains
  std::string purge_date;                 // when account_pending_deletion
};

struct MembershipChange {
  enum class Kind { kEnroll, kUnenroll };
  Kind kind = Kind::kEnroll;
  PersonRef person;
  GroupRef group;
  std::string group_name;
  int row = -1;  // the row that asks for it
};

struct LinkChange {
  enum class Kind { kLink, kUnlink };
  Kind kind = Kind::kLink;
  PersonRef guardian;
  PersonRef child;
  int row = -1;
};

struct GroupChange {
  enum class Kind { kCreate, kArchive };
  Kind kind = Kind::kCreate;
  directory::Id group = 0;  // kArchive
  std::string name;
  directory::GroupKind group_kind = directory::GroupKind::kClass;
  std::string period;
};

struct Counts {
  std::map<std::string, std::size_t> by_operation;  // create, update, unchanged, delete, restore,
                                                    // enroll, unenroll, link, unlink, skip
  std::map<std::string, std::map<std::string, std::size_t>> by_profile;
  SeverityCounts diagnostics;
};

struct Plan {
  std::vector<RowPlan> rows;  // in file order, students' files first, guardians' last
  std::vector<Expiry> expiries;
  std::vector<MembershipChange> memberships;
  std::vector<LinkChange> links;
  std::vector<GroupChange> groups;
  std::vector<std::string> groups_existing, groups_ignored;  // names from the files
  std::vector<Diagnostic> diagnostics;                       // not tied to a row
  Counts counts;
  bool blocked = false;  // a critical, or an error without --skip-invalid-rows
};

// Adds `days` to an ISO date (yyyy-mm-dd); anything after the date (a time) is kept.
std::string AddDays(const std::string& iso_date, int days);

// REQUIRES: the files' records outlive the plan (created rows view their values).
Plan MakePlan(const directory::Snapshot& snapshot, const std::vector<PlanFile>& files,
              const PlanOptions& options);

}  // namespace rollcall::plan
