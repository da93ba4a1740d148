// The user directory's domain types (DESIGN.md §1): orgs, accounts and their affiliations,
// groups and memberships, guardian links, custom roles and their assignments, and import records.
//
// One account per person: a teacher in two schools is one Account with two Affiliations. Every
// affiliation, membership and guardian link records the `source` that owns it; an import of
// source S changes only what S owns (DESIGN.md §4.1). Dates are ISO `yyyy-mm-dd`, timestamps ISO
// `yyyy-mm-ddThh:mm:ssZ`; both are set by the caller (time is injected, never read here).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "directory/attributes.hpp"

namespace rollcall::directory {

using Id = std::int64_t;

inline constexpr std::string_view kManualSource = "manual";
// The source of custom roles and assignments that role.csv / user_role.csv own (issue 6).
inline constexpr std::string_view kRolesCsvSource = "roles-csv";

struct Org {
  Id id = 0;
  std::string code;  // unique, e.g. the UAI "0751234A"
  std::string name;
  std::optional<Id> parent;

  bool operator==(const Org&) const = default;
};

enum class AccountState { kActive, kPendingConsent, kPendingDeletion, kDeleted };
std::string_view AccountStateName(AccountState state);
std::optional<AccountState> ParseAccountState(std::string_view name);

struct Account {
  Id id = 0;
  std::string login;  // unique across the directory and across time
  std::string last_name;
  std::string first_name;
  std::string birth_date;  // ISO date or ""
  Attributes attributes;
  AccountState state = AccountState::kActive;
  std::string purge_date;  // ISO date, when pending deletion
  std::string created_at;
  std::string updated_at;

  std::string_view Attribute(std::string_view field) const;
  // Sets (or with an empty value removes) one attribute, keeping the order.
  void SetAttribute(std::string_view field, std::string value);

  bool operator==(const Account&) const = default;
};

struct Affiliation {
  Id id = 0;
  Id account = 0;
  Id org = 0;
  std::string profile;      // student, guardian, teacher, staff, guest
  std::string source;       // owner: "csv", "onde", "manual"…
  std::string external_id;  // the source's id of the person; may be empty
  bool active = true;       // false once ended by a sync (the account may be pending deletion)
  std::string ended_at;
  // For a person the source gives no external id: the key of the row that last wrote the
  // affiliation (plan::RowMatchKey), so that the same row finds the same account among
  // namesakes. Empty when unknown.
  std::string match_key = {};

  bool operator==(const Affiliation&) const = default;
};

enum class GroupKind { kClass, kCourse, kGroup, kProtected };
std::string_view GroupKindName(GroupKind kind);
std::optional<GroupKind> ParseGroupKind(std::string_view name);

struct Group {
  Id id = 0;
  Id org = 0;
  GroupKind kind = GroupKind::kClass;
  std::string name;
  std::string period;  // e.g. "2026-2027"; may be empty for groups outside any period
  bool archived = false;
  std::string source;  // who created it ("manual" for hand-made groups)

  bool operator==(const Group&) const = default;
};

struct Membership {
  Id account = 0;
  Id group = 0;
  std::string source;  // owner of the membership

  bool operator==(const Membership&) const = default;
};

struct GuardianLink {
  Id guardian = 0;
  Id child = 0;
  std::string source;

  bool operator==(const GuardianLink&) const = default;
};

enum class ImportState { kDraft, kAnalyzed, kApplying, kApplied, kCancelled, kFailed, kReverted };
std::string_view ImportStateName(ImportState state);
std::optional<ImportState> ParseImportState(std::string_view name);

// One entity type's access in a custom role: `levels` is "NONE", or levels in the order FULL,
// WRITE, ENROLL, REPORT joined by `|` ("WRITE|REPORT").
struct RoleAccess {
  std::string entity;  // "course", "catalog", "learning_plan", …
  std::string levels;

  bool operator==(const RoleAccess&) const = default;
};

// A custom role (seed 004): per-entity access levels plus where they apply. Deployment-wide (no
// org). Names are unique by `name_key`, a folded form the caller computes (records::RoleNameKey),
// whatever the source: a file role may not take a hand-made role's name.
struct CustomRole {
  Id id = 0;
  std::string name;
  std::string name_key;
  std::string description;
  std::vector<RoleAccess> access;  // by entity
  bool all_catalogs = false;
  std::vector<std::string> catalogs;  // when not all_catalogs
  // "all", "group" (name), "attribute" (name=value), "self_registration", "manager_direct",
  // "manager_org" (value).
  std::string user_group_scope = "all";
  std::string user_group_name;
  std::string user_group_value;
  std::string source;  // owner: "roles-csv" or "manual"
  std::string created_at;
  std::string updated_at;

  bool operator==(const CustomRole&) const = default;
};

// An account holds at most one custom role.
struct RoleAssignment {
  Id account = 0;
  Id role = 0;
  std::string source;  // owner: "roles-csv" or "manual"

  bool operator==(const RoleAssignment&) const = default;
};

// The three kinds of input that go through one import pipeline.
inline constexpr const char kUserFiles[] = "users";
inline constexpr const char kActionFile[] = "actions";
inline constexpr const char kRoleFiles[] = "roles";

struct ImportRecord {
  std::string id;  // derived from the inputs: the same inputs give the same draft
  Id org = 0;      // 0 for deployment-wide imports (role files), which belong to no org
  std::string source;
  std::string period;
  ImportState state = ImportState::kDraft;
  std::string kind = kUserFiles;  // kUserFiles, kActionFile or kRoleFiles
  std::string options_json;       // what was asked (files, options, decisions), for re-analysis
  std::string summary_json;       // the plan summary printed to the user
  // The directory versions (Snapshot::version, source_version) the stored plan was made
  // against: applying it when they moved is refused as stale.
  std::int64_t org_version = 0;
  std::int64_t source_version = 0;
  std::string created_at;
  std::string updated_at;

  bool operator==(const ImportRecord&) const = default;
};

// Everything a plan for (org, source) may read, loaded at once (one query per table).
struct Snapshot {
  Org org;
  std::string source;
  // Accounts affiliated with the org (any source, active or not), and accounts holding an
  // affiliation of `source` in any org (a regional source exports one teacher for two schools).
  std::vector<Account> accounts;
  std::vector<Affiliation> affiliations;  // every affiliation of those accounts
  std::vector<Group> groups;              // the org's groups, every period, archived too
  std::vector<Membership> memberships;    // memberships in the org's groups
  std::vector<GuardianLink> links;        // links where the guardian or the child is in `accounts`
  std::int64_t version = 0;               // changes whenever anything of the org changes
  std::int64_t source_version = 0;        // changes whenever anything the source owns changes
};

// The initial credential of an account, stored only as a hash (DESIGN.md §4.8).
struct Credential {
  Id account = 0;
  std::string kind;  // "password", "activation_code" (generated, keyed hash), "chosen_password"
  std::string secret_hash;
  bool must_change = true;  // to be replaced at first login
  std::string created_at;

  bool operator==(const Credential&) const = default;
};

// An import's generated credential, sealed under the deployment key, kept until `expires_at` so
// that the result protocol can be fetched again, then wiped.
struct SealedCredential {
  std::string import_id;
  Id account = 0;
  std::string sealed;
  std::string expires_at;  // timestamp

  bool operator==(const SealedCredential&) const = default;
};

// One entity's state in the audit log; monostate where the entity does not exist.
// A value kept on the heap, with value semantics (copies copy the value, == compares values).
template <class T>
class Boxed {
 public:
  Boxed(T value)  // NOLINT(google-explicit-constructor): a Boxed<T> stands for its T
      : value_(std::make_unique<T>(std::move(value))) {}
  Boxed(const Boxed& other) : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& other) { return *this = Boxed(other); }
  Boxed& operator=(Boxed&&) noexcept = default;
  ~Boxed() = default;

  // REQUIRES: not moved from.
  const T& operator*() const { return *value_; }
  const T* operator->() const { return value_.get(); }
  bool operator==(const Boxed& other) const {
    return value_ && other.value_ ? *value_ == *other.value_ : value_ == other.value_;
  }

 private:
  std::unique_ptr<T> value_;
};

// A custom role is boxed: held inline it would make every audit entry a third larger, and a
// revert of a million-row import loads millions of entries that are never roles.
using EntityState = std::variant<std::monostate, Account, Affiliation, Group, Membership,
                                 GuardianLink, Boxed<CustomRole>, RoleAssignment>;

// One change an import made: the entity before and after (DESIGN.md §2.7). Revert walks an
// import's entries backwards. Credentials never appear here.
struct AuditEntry {
  std::string import_id;
  std::int64_t seq = 0;  // order within the import, from 1
  EntityState before;    // monostate: created
  EntityState after;     // monostate: deleted
  std::string at;        // timestamp

  bool operator==(const AuditEntry&) const = default;
};

// How an org's drop folder is synced (issue 6): the folder, whether the daily sync runs, at what
// time, and how the last scheduled or "sync now" run went.
struct SyncSettings {
  Id org = 0;
  std::string folder;        // absolute path of the connector folder
  bool enabled = false;      // the scheduler runs it daily
  std::string daily_time;    // "HH:MM", the server's local time
  std::string last_run_at;   // timestamp; "" = never ran
  std::string last_outcome;  // one line ("ok: …", "blocked: …", "failed: …"); "" = never

  bool operator==(const SyncSettings&) const = default;
};

// The lock that keeps two syncs of one org apart, also across processes: held by `holder` until
// it is released or `expires_at` passes (a crashed holder does not lock the org for ever).
struct OrgLock {
  Id org = 0;
  std::string holder;       // who holds it, for the message of the one refused ("host pid 123 …")
  std::string acquired_at;  // timestamp
  std::string expires_at;   // timestamp

  bool operator==(const OrgLock&) const = default;
};

}  // namespace rollcall::directory
