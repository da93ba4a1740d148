// Custom roles from CSV: role.csv (what each role may do, and where) and user_role.csv (who holds
// which role), as typed values with diagnostics per line.
//
// role.csv has a header. Its columns are found by name, in French or English: the role name, a
// catalog scope, a user-group scope, an optional description, and one column per entity type
// (course, catalog, learning plan, …) — every other column is an entity type, named by its header.
// A cell of an entity column holds access levels: FULL, WRITE, ENROLL, REPORT or NONE, or several
// joined by `|` (French COMPLET, ÉCRITURE, INSCRIPTION, RAPPORT, AUCUN; any case).
// The catalog scope is catalog names joined by `|`; the user-group scope is one group name or one
// `attribute=value` (`location=London`, `self_registration=profile`, `manager_direct=e-mail`,
// `manager_org=e-mail`). FULL (or COMPLET, ALL, TOUS) as a whole scope cell means every catalog /
// every group. FULL on an account-level feature (announcements, skills, gamification, users,
// learning plans, e-mail templates) makes both scopes full: such features cannot be limited.
//
// user_role.csv has two columns, the user's e-mail and the role name; a user holds one custom role,
// so when a user appears twice the later line wins.
//
// Whether a scope's group or an assigned role exists is a question for the directory: the Check*
// hooks below take a predicate and add the diagnostics, so this module stays pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.hpp"
#include "table/table.hpp"

namespace rollcall::records {

enum class AccessLevel : std::uint8_t { kFull = 1, kWrite = 2, kEnroll = 4, kReport = 8 };

// A set of access levels; empty is NONE.
class AccessLevels {
 public:
  bool Has(AccessLevel level) const { return (bits_ & static_cast<std::uint8_t>(level)) != 0; }
  bool IsNone() const { return bits_ == 0; }
  void Add(AccessLevel level) {
    bits_ = static_cast<std::uint8_t>(bits_ | static_cast<int>(level));
  }
  // "NONE", or the levels in the order FULL, WRITE, ENROLL, REPORT joined by `|`.
  std::string ToString() const;
  bool operator==(const AccessLevels&) const = default;

 private:
  std::uint8_t bits_ = 0;
};

// One entity-type column of role.csv.
struct EntityColumn {
  // "course", "catalog", "learning_plan", … for the entity types Rollcall knows under their French
  // and English names; otherwise the folded header with `_` between words ("Job aids" and
  // "Aides à la tâche" → "job_aid"; "Quiz bank" → "quiz_bank").
  std::string key;
  std::string display_name;  // the header as written (trimmed, NFC)
  std::size_t column_idx = 0;
  bool account_level = false;  // FULL on it makes the role's scopes full
};

// The entity key of a role.csv header, as EntityColumn::key.
std::string EntityKey(std::string_view header);
bool IsAccountLevelEntity(std::string_view entity_key);

struct EntityAccess {
  std::string entity;  // EntityColumn::key
  AccessLevels levels;
};

struct CatalogScope {
  bool all = false;                   // every catalog
  std::vector<std::string> catalogs;  // when not all: the names, in file order, without repeats
};

enum class UserGroupScopeKind : std::uint8_t {
  kAll,               // every group
  kGroup,             // a group, by name
  kAttribute,         // users whose attribute `name` has `value` (location=London)
  kSelfRegistration,  // the self-registration (or external enrolment) profile `value`
  kManagerDirect,     // the direct reports of the manager whose e-mail is `value`
  kManagerOrg,        // the whole organisation under the manager whose e-mail is `value`
};

struct UserGroupScope {
  UserGroupScopeKind kind = UserGroupScopeKind::kAll;
  std::string name;   // kGroup: the group; kAttribute: the attribute as written
  std::string value;  // kAttribute, kSelfRegistration: as written; kManager*: ParseEmail() form
};

struct Role {
  std::uint32_t line = 0;
  std::size_t row_idx = 0;
  std::vector<std::string> cells;    // as read, for the report
  std::string name;                  // trimmed, NFC
  std::string description;           // "" when none
  std::vector<EntityAccess> access;  // one per entity column, in column order
  CatalogScope catalog_scope;
  UserGroupScope user_group_scope;
  bool scopes_forced_full = false;  // an account-level feature has FULL
  std::vector<Diagnostic> diagnostics;

  // The levels for `entity_key`, or null when the file has no such column.
  const AccessLevels* LevelsFor(std::string_view entity_key) const;
  bool Blocked() const;
};

struct RoleFile {
  std::uint32_t header_line = 0;  // 0 when the table is empty
  // Where the fixed columns are (0-based), when the header has them.
  std::optional<std::size_t> name_column_idx, description_column_idx, catalog_scope_column_idx,
      user_group_scope_column_idx;
  std::vector<EntityColumn> entities;
  std::vector<Role> roles;              // one per non-blank data line, in file order
  std::vector<Diagnostic> diagnostics;  // about the header; a critical one makes roles empty
};

// Reads role.csv; row 0 of `table` is its header.
RoleFile ParseRoleFile(const table::Table& table);

// Role names compare by this key (case and accents folded): names must be unique.
std::string RoleNameKey(std::string_view name);

// Adds an `unknown_scope_group` error to every role whose user-group scope names a group for which
// `group_exists` is false.
void CheckScopeGroups(RoleFile& file, const std::function<bool(std::string_view)>& group_exists);

struct RoleAssignment {
  std::uint32_t line = 0;
  std::size_t row_idx = 0;
  std::vector<std::string> cells;      // as read, for the report
  std::string email;                   // ParseEmail() form; "" when invalid or missing
  std::string role_name;               // trimmed, NFC
  std::uint32_t replaced_by_line = 0;  // a later line gives this user a role: that one wins
  std::vector<Diagnostic> diagnostics;

  bool Blocked() const;
  // Not blocked and not replaced: the assignment to carry out.
  bool Effective() const { return !Blocked() && replaced_by_line == 0; }
};

struct UserRoleFile {
  std::uint32_t header_line = 0;  // 0 when the first line is already an assignment
  std::size_t email_column_idx = 0, role_name_column_idx = 1;
  std::vector<RoleAssignment> assignments;  // one per non-blank data line, in file order
  std::vector<Diagnostic> diagnostics;      // about the header
};

// Reads user_role.csv. Row 0 is its header, unless its first cell is an e-mail address: then the
// file has none and the columns are e-mail, role name.
UserRoleFile ParseUserRoleFile(const table::Table& table);

// Adds an `unknown_role` error to every assignment whose role `role_exists` does not know (the
// roles of role.csv, or those the directory already has).
void CheckAssignedRoles(UserRoleFile& file,
                        const std::function<bool(std::string_view)>& role_exists);

}  // namespace rollcall::records
