#include "service/custom_roles.hpp"

#include <fmt/format.h>

#include "plan/roles.hpp"
#include "records/roles.hpp"
#include "report/messages.hpp"
#include "table/read.hpp"

namespace rollcall::service {
namespace {

std::string QuoteCell(const std::string& cell) {
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string CsvLine(const std::vector<std::string>& cells) {
  std::string line;
  for (const std::string& cell : cells) {
    if (!line.empty()) line += ',';
    line += QuoteCell(cell);
  }
  return line + "\n";
}

// The request as a two-line role.csv, so that a hand-made role obeys exactly the file's rules.
Result<records::RoleFile> ParseRequest(const ManualRoleRequest& request) {
  std::vector<std::string> header = {"Name"}, line = {request.name};
  for (const auto& [entity, levels] : request.access) {
    header.push_back(entity);
    line.push_back(levels);
  }
  header.insert(header.end(),
                {"Catalog Scope Specifier", "User Group Scope Specifier", "Description"});
  line.insert(line.end(), {request.catalog_scope, request.user_group_scope, request.description});
  table::ReadOptions options;
  options.delimiter = ',';
  options.header = true;
  Result<table::ReadOutcome> read = table::ReadCsv(CsvLine(header) + CsvLine(line), options);
  if (!read) return read.error();
  return records::ParseRoleFile(read->table);
}

Error Invalid(const std::vector<Diagnostic>& diagnostics, Language language) {
  std::string message;
  for (const Diagnostic& diagnostic : diagnostics) {
    if (diagnostic.severity < Severity::kError) continue;
    if (!message.empty()) message += "; ";
    message += report::RenderMessage(diagnostic, language);
  }
  return MakeError(ErrorCode::kInvalidArgument, message);
}

Result<std::optional<directory::CustomRole>> RoleNamed(directory::Store& store,
                                                       const std::string& name) {
  Result<std::vector<directory::CustomRole>> roles = store.ListCustomRoles();
  if (!roles) return roles.error();
  const std::string key = records::RoleNameKey(name);
  for (directory::CustomRole& role : *roles) {
    if (role.name_key == key) return std::optional(std::move(role));
  }
  return std::optional<directory::CustomRole>();
}

}  // namespace

Result<directory::CustomRole> AddManualRole(directory::Store& store,
                                            const ManualRoleRequest& request, const Clock& clock,
                                            Language language) {
  Result<records::RoleFile> file = ParseRequest(request);
  if (!file) return file.error();
  if (file->roles.size() != 1) return Invalid(file->diagnostics, language);
  std::vector<std::string> groups;
  if (file->roles[0].user_group_scope.kind == records::UserGroupScopeKind::kGroup) {
    Result<std::vector<std::string>> existing =
        store.ExistingGroupNames({file->roles[0].user_group_scope.name});
    if (!existing) return existing.error();
    groups = std::move(existing).value();
  }
  records::CheckScopeGroups(*file, [&](std::string_view name) {
    return std::find(groups.begin(), groups.end(), name) != groups.end();
  });
  const records::Role& parsed = file->roles[0];
  if (parsed.Blocked()) return Invalid(parsed.diagnostics, language);
  Result<std::optional<directory::CustomRole>> taken = RoleNamed(store, parsed.name);
  if (!taken) return taken.error();
  if (*taken) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("a role named \"{}\" already exists ({})", (*taken)->name, (*taken)->source));
  }
  directory::CustomRole role = plan::ToCustomRole(parsed);
  role.source = directory::kManualSource;
  role.created_at = role.updated_at = clock.now;
  Result<std::unique_ptr<directory::Transaction>> transaction = store.Begin();
  if (!transaction) return transaction.error();
  Result<directory::Id> id = (*transaction)->InsertCustomRole(role);
  if (!id) return id.error();
  if (Status committed = (*transaction)->Commit(); !committed) return committed.error();
  role.id = *id;
  return role;
}

Result<directory::RoleAssignment> AssignRoleByHand(directory::Store& store,
                                                   const std::string& login,
                                                   const std::string& role_name) {
  Result<std::optional<directory::Account>> account = store.FindAccountByLogin(login);
  if (!account) return account.error();
  if (!*account) return MakeError(ErrorCode::kNotFound, fmt::format("no user '{}'", login));
  Result<std::optional<directory::CustomRole>> role = RoleNamed(store, role_name);
  if (!role) return role.error();
  if (!*role) return MakeError(ErrorCode::kNotFound, fmt::format("no role '{}'", role_name));
  if ((*role)->source == directory::kRolesCsvSource) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("the role \"{}\" comes from role.csv: assign it in "
                                 "user_role.csv",
                                 (*role)->name));
  }
  const directory::RoleAssignment assignment{(*account)->id, (*role)->id,
                                             std::string(directory::kManualSource)};
  Result<std::unique_ptr<directory::Transaction>> transaction = store.Begin();
  if (!transaction) return transaction.error();
  if (Status set = (*transaction)->SetRoleAssignment(assignment); !set) return set.error();
  if (Status committed = (*transaction)->Commit(); !committed) return committed.error();
  return assignment;
}

}  // namespace rollcall::service
