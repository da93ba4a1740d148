// ParseRoleFile: 1. classify the header's columns, 2. check the fixed columns are there, then for
// every non-blank line 3. read name, levels, scopes and description, 4. widen the scopes when an
// account-level feature has FULL, 5. flag a role name seen on an earlier line.
#include <algorithm>
#include <map>

#include "records/role_values.hpp"
#include "records/roles.hpp"
#include "text/normalize.hpp"

namespace rollcall::records {
namespace {

using role_values::LineDiagnostics;
using role_values::RoleColumnKind;
using role_values::RowIsBlank;

// The header is row 0; its diagnostics are on its line.
void AddHeaderWarning(RoleFile& file, std::string code, std::size_t column_idx,
                      std::string_view header, std::string_view field) {
  file.diagnostics.push_back(MakeDiagnostic(Severity::kWarning, std::move(code), file.header_line,
                                            static_cast<int>(column_idx + 1))
                                 .With("header", std::string(header))
                                 .With("field", std::string(field))
                                 .Build());
}

// Keeps the first column of a fixed kind; a second one is ignored with a warning.
void AssignFixedColumn(RoleFile& file, std::optional<std::size_t>& slot, std::size_t column_idx,
                       std::string_view header, std::string_view field) {
  if (slot) {
    AddHeaderWarning(file, "duplicate_column", column_idx, header, field);
    return;
  }
  slot = column_idx;
}

void AddEntityColumn(RoleFile& file, std::size_t column_idx, std::string_view header) {
  EntityColumn entity;
  entity.key = EntityKey(header);
  entity.display_name = text::Nfc(header);
  entity.column_idx = column_idx;
  entity.account_level = IsAccountLevelEntity(entity.key);
  const bool repeated =
      std::any_of(file.entities.begin(), file.entities.end(),
                  [&](const EntityColumn& seen) { return seen.key == entity.key; });
  if (repeated) {
    AddHeaderWarning(file, "duplicate_column", column_idx, header, entity.key);
    return;
  }
  file.entities.push_back(std::move(entity));
}

// Step 1.
void ClassifyColumns(const table::Table& table, RoleFile& file) {
  for (std::size_t column_idx = 0; column_idx < table.cell_count(0); ++column_idx) {
    const std::string_view header = text::TrimView(table.Cell(0, column_idx));
    if (header.empty()) {
      AddHeaderWarning(file, "unmapped_column", column_idx, header, "");
      continue;
    }
    switch (role_values::ClassifyRoleHeader(header)) {
      case RoleColumnKind::kName:
        AssignFixedColumn(file, file.name_column_idx, column_idx, header, "name");
        break;
      case RoleColumnKind::kDescription:
        AssignFixedColumn(file, file.description_column_idx, column_idx, header, "description");
        break;
      case RoleColumnKind::kCatalogScope:
        AssignFixedColumn(file, file.catalog_scope_column_idx, column_idx, header, "catalog_scope");
        break;
      case RoleColumnKind::kUserGroupScope:
        AssignFixedColumn(file, file.user_group_scope_column_idx, column_idx, header,
                          "user_group_scope");
        break;
      case RoleColumnKind::kUnknownScope:
        AddHeaderWarning(file, "unmapped_column", column_idx, header, "");
        break;
      case RoleColumnKind::kEntity:
        AddEntityColumn(file, column_idx, header);
        break;
    }
  }
}

// Step 2: true when roles can be read.
bool CheckFixedColumns(RoleFile& file) {
  const auto require = [&](const std::optional<std::size_t>& slot, std::string_view field) {
    if (slot) return;
    file.diagnostics.push_back(
        MakeDiagnostic(Severity::kCritical, "missing_required_column", file.header_line)
            .With("field", std::string(field))
            .Build());
  };
  require(file.name_column_idx, "name");
  require(file.catalog_scope_column_idx, "catalog_scope");
  require(file.user_group_scope_column_idx, "user_group_scope");
  if (file.entities.empty()) {
    file.diagnostics.push_back(
        MakeDiagnostic(Severity::kCritical, "role_file_without_entities", file.header_line)
            .Build());
  }
  return std::none_of(file.diagnostics.begin(), file.diagnostics.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::kCritical; });
}

class RoleReader {
 public:
  RoleReader(const RoleFile& file, const table::Table& table, std::size_t row_idx, Role& role)
      : file_(file),
        table_(table),
        row_idx_(row_idx),
        role_(role),
        diagnostics_(role.line, role.diagnostics) {}

  // Step 3; returns the cell of `column_idx`, trimmed, reporting it when required and empty.
  std::string_view Required(std::size_t column_idx, std::string_view field) {
    const std::string_view cell = text::TrimView(table_.Cell(row_idx_, column_idx));
    if (cell.empty()) {
      diagnostics_.Add(Severity::kError, "missing_required_value", column_idx, field);
    }
    return cell;
  }
  void ReadCells();
  void WidenScopes();  // step 4

 private:
  const RoleFile& file_;
  const table::Table& table_;
  std::size_t row_idx_;
  Role& role_;
  LineDiagnostics diagnostics_;
  bool narrow_group_scope_ = false;  // the file named a valid group scope narrower than all
};

void RoleReader::ReadCells() {
  role_.name = text::Nfc(Required(*file_.name_column_idx, "name"));
  for (const EntityColumn& entity : file_.entities) {
    const std::string_view cell = Required(entity.column_idx, entity.key);
    EntityAccess access{entity.key, {}};
    if (!cell.empty()) {
      access.levels = role_values::ReadAccessLevels(cell, entity.column_idx, entity, diagnostics_);
    }
    role_.access.push_back(std::move(access));
  }
  const std::size_t catalog_idx = *file_.catalog_scope_column_idx;
  if (const std::string_view cell = Required(catalog_idx, "catalog_scope"); !cell.empty()) {
    role_.catalog_scope = role_values::ReadCatalogScope(cell, catalog_idx, diagnostics_);
  }
  const std::size_t group_idx = *file_.user_group_scope_column_idx;
  if (const std::string_view cell = Required(group_idx, "user_group_scope"); !cell.empty()) {
    narrow_group_scope_ =
        role_values::ReadUserGroupScope(cell, group_idx, role_.user_group_scope, diagnostics_) &&
        role_.user_group_scope.kind != UserGroupScopeKind::kAll;
  }
  if (file_.description_column_idx) {
    role_.description =
        text::Nfc(text::TrimView(table_.Cell(row_idx_, *file_.description_column_idx)));
  }
}

void RoleReader::WidenScopes() {
  const auto full_feature =
      std::find_if(file_.entities.begin(), file_.entities.end(), [&](const EntityColumn& entity) {
        const AccessLevels* levels = role_.LevelsFor(entity.key);
        return entity.account_level && levels && levels->Has(AccessLevel::kFull);
      });
  if (full_feature == file_.entities.end()) return;
  const bool narrow_catalogs = !role_.catalog_scope.all && !role_.catalog_scope.catalogs.empty();
  if (narrow_catalogs || narrow_group_scope_) {
    diagnostics_.Add(Severity::kWarning, "scope_widened_to_full", full_feature->column_idx,
                     full_feature->key, {{"entity", full_feature->display_name}});
  }
  role_.scopes_forced_full = true;
  role_.catalog_scope = CatalogScope{true, {}};
  role_.user_group_scope = UserGroupScope{UserGroupScopeKind::kAll, "", ""};
}

}  // namespace

const AccessLevels* Role::LevelsFor(std::string_view entity_key) const {
  for (const EntityAccess& entry : access) {
    if (entry.entity == entity_key) return &entry.levels;
  }
  return nullptr;
}

bool Role::Blocked() const { return role_values::HasBlockingDiagnostic(diagnostics); }

RoleFile ParseRoleFile(const table::Table& table) {
  RoleFile file;
  if (table.row_count() > 0) {
    file.header_line = table.SourceLine(0);
    ClassifyColumns(table, file);
  }
  if (!CheckFixedColumns(file)) return file;
  std::map<std::string, std::uint32_t> first_line_of_name;
  for (std::size_t row_idx = 1; row_idx < table.row_count(); ++row_idx) {
    if (RowIsBlank(table, row_idx)) continue;
    Role& role = file.roles.emplace_back();
    role.line = table.SourceLine(row_idx);
    role.row_idx = row_idx;
    role.cells = table.RowTexts(row_idx);
    RoleReader reader(file, table, row_idx, role);
    reader.ReadCells();
    reader.WidenScopes();
    if (role.name.empty()) continue;
    const auto [seen, inserted] = first_line_of_name.emplace(RoleNameKey(role.name), role.line);
    if (!inserted) {  // step 5
      role_values::LineDiagnostics(role.line, role.diagnostics)
          .Add(Severity::kError, "duplicate_role_name", *file.name_column_idx, "name",
               {{"name", role.name}, {"first_line", std::to_string(seen->second)}});
    }
  }
  return file;
}

void CheckScopeGroups(RoleFile& file, const std::function<bool(std::string_view)>& group_exists) {
  for (Role& role : file.roles) {
    const UserGroupScope& scope = role.user_group_scope;
    if (scope.kind != UserGroupScopeKind::kGroup || group_exists(scope.name)) continue;
    role_values::LineDiagnostics(role.line, role.diagnostics)
        .Add(Severity::kError, "unknown_scope_group", file.user_group_scope_column_idx.value_or(0),
             "user_group_scope", {{"group", scope.name}});
  }
}

}  // namespace rollcall::records
