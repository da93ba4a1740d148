// Inside the records module: reading the cells of role.csv and user_role.csv. Each Read* function
// parses one trimmed cell and adds what is wrong with it to the line's diagnostics.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostic.hpp"
#include "records/roles.hpp"
#include "table/table.hpp"

namespace rollcall::records::role_values {

// Adds diagnostics for one line, each tied to a column and a field.
class LineDiagnostics {
 public:
  LineDiagnostics(std::uint32_t line, std::vector<Diagnostic>& out) : line_(line), out_(out) {}
  void Add(Severity severity, std::string code, std::size_t column_idx, std::string_view field,
           std::initializer_list<std::pair<std::string_view, std::string_view>> params = {});
  std::uint32_t line() const { return line_; }

 private:
  std::uint32_t line_;
  std::vector<Diagnostic>& out_;
};

// True when every cell of the row is empty or spaces.
bool RowIsBlank(const table::Table& table, std::size_t row_idx);

// Any error or critical diagnostic.
bool HasBlockingDiagnostic(const std::vector<Diagnostic>& diagnostics);

enum class RoleColumnKind : std::uint8_t {
  kName,
  kDescription,
  kCatalogScope,
  kUserGroupScope,
  kUnknownScope,  // says "scope" but neither catalog nor group: ignored with a warning
  kEntity,
};

// What a role.csv header names; kEntity for anything that is not one of the fixed columns.
RoleColumnKind ClassifyRoleHeader(std::string_view header);

// What a user_role.csv header names.
enum class UserRoleColumnKind : std::uint8_t { kEmail, kRoleName, kOther };
UserRoleColumnKind ClassifyUserRoleHeader(std::string_view header);

// `cell` is trimmed and not empty.
AccessLevels ReadAccessLevels(std::string_view cell, std::size_t column_idx,
                              const EntityColumn& entity, LineDiagnostics& diagnostics);
CatalogScope ReadCatalogScope(std::string_view cell, std::size_t column_idx,
                              LineDiagnostics& diagnostics);
// False (with a diagnostic) when the cell is not a usable scope.
bool ReadUserGroupScope(std::string_view cell, std::size_t column_idx, UserGroupScope& scope,
                        LineDiagnostics& diagnostics);

}  // namespace rollcall::records::role_values
