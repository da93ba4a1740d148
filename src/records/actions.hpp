// Action files: one user-management action per line, Brightspace style, as typed actions.
//
//   CREATE,   username,  org_defined_id, *first_name, *last_name, password, *role_name, is_active,
//             *email
//   UPDATE,   *username, org_defined_id, first_name,  last_name,  password, is_active,  email
//   DELETE,   *username, org_defined_id
//   ENROLL,   *username, org_defined_id, *role_name,  org_unit_code
//   UNENROLL, *username, org_defined_id, *org_unit_code
//   IMPORT    = the CREATE fields followed by *org_unit_code (create and enrol in one line)
//
// `*` marks a required field. The keyword is matched trimmed and in any case. Every field sits at a
// fixed position after it; cells are trimmed, so `,,` and `, ,` both leave a field empty. An empty
// field means "leave unchanged", `#CLEAR` means "clear it" (an error on a required field).
// `is_active` takes 1/0 or any boolean ParseBoolean() knows. A header line is optional: the first
// non-blank line is a header when its first cell is not an action keyword.
//
// Every non-blank line becomes one Action, in file order, even when it is unusable (unknown
// keyword, wrong field count): its diagnostics say why and Blocked() is true, so the report can
// list it. A password never appears in a diagnostic, and Action::cells holds it masked.
//
// Pure: no I/O, no global state; the planner turns actions into operations.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.hpp"
#include "records/record.hpp"
#include "table/table.hpp"

namespace rollcall::records {

enum class ActionKind : std::uint8_t { kCreate, kUpdate, kDelete, kEnroll, kUnenroll, kImport };

// "CREATE", "UPDATE", … as written in files.
std::string_view ActionKeyword(ActionKind kind);

// The action a first cell names (trimmed, any case), or nullopt.
std::optional<ActionKind> ParseActionKeyword(std::string_view cell);

enum class ActionField : std::uint8_t {
  kUsername,
  kOrgDefinedId,
  kFirstName,
  kLastName,
  kPassword,
  kRoleName,
  kIsActive,
  kEmail,
  kOrgUnitCode,
};
inline constexpr std::size_t kActionFieldCount = 9;

// "username", "org_defined_id", "first_name", "last_name", "password", "role_name", "is_active",
// "email", "org_unit_code": the `field` of diagnostics and of FieldValue.
std::string_view ActionFieldId(ActionField field);

struct ActionFieldSpec {
  ActionField field;
  bool required;
};

// The fields of `kind`, in file order after the keyword.
std::span<const ActionFieldSpec> ActionFormat(ActionKind kind);

// What stands in Action::cells for a password.
inline constexpr std::string_view kMaskedPassword = "********";

struct Action {
  std::optional<ActionKind> kind;  // nullopt: the first cell is no action keyword
  std::uint32_t line = 0;          // source line
  std::size_t row_idx = 0;         // row in the table
  // The line's cells as read (untrimmed), for the report; a non-empty password cell is
  // kMaskedPassword.
  std::vector<std::string> cells;
  // Indexed by ActionField. A field the action does not have, or left empty, is kUnchanged.
  // kSet texts are NFC; email is ParseEmail()'s form; is_active is "1" or "0".
  std::array<FieldValue, kActionFieldCount> values;
  std::vector<Diagnostic> diagnostics;

  const FieldValue& Get(ActionField field) const;
  // The value's text when set, "" otherwise.
  std::string_view Text(ActionField field) const;
  // Any error or critical diagnostic.
  bool Blocked() const;
};

struct ActionOptions {
  // Spreadsheet readers store no cell after a row's last value, so there a short row only means
  // that its last fields are empty. Set it for XLSX/ODS/XLS; CSV/TXT lines must have every field.
  bool missing_trailing_cells_are_empty = false;
};

struct ActionFile {
  std::uint32_t header_line = 0;        // 0 when the file has no header line
  std::vector<Action> actions;          // one per non-blank line after the header, in file order
  std::vector<Diagnostic> diagnostics;  // about the file as a whole (the header line)
  Arena arena;                          // the actions' value texts
};

// Reads every row of `table` (all rows: header detection is done here, not by the table reader).
ActionFile ParseActions(const table::Table& table, const ActionOptions& options = {});

}  // namespace rollcall::records
