// The vocabulary of role files: header names, entity types, access levels and scopes, in the
// French and English spellings of the product guide.
#include "records/role_values.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "mapping/header_key.hpp"
#include "records/values.hpp"
#include "text/normalize.hpp"

namespace rollcall::records {
namespace {

// Headers compare by their compact key (case, accents, punctuation and small words folded), with
// one trailing "s" dropped so that singular and plural meet.
std::string HeaderMatchKey(std::string_view header) {
  std::string compact = mapping::MakeHeaderKey(header).compact;
  if (compact.size() > 1 && compact.back() == 's') compact.pop_back();
  return compact;
}

bool HeaderIsOneOf(std::string_view header, std::initializer_list<std::string_view> names) {
  const std::string key = HeaderMatchKey(header);
  return std::any_of(names.begin(), names.end(),
                     [&](std::string_view name) { return HeaderMatchKey(name) == key; });
}

struct KnownEntity {
  std::string_view key;
  bool account_level;
  std::array<std::string_view, 8> names;  // French and English; unused slots are empty
};

constexpr KnownEntity kKnownEntities[] = {
    {"course", false, {"course", "cours"}},
    {"catalog", false, {"catalog", "catalogue"}},
    {"learning_program",
     false,
     {"learning program", "learning programme", "programme d'apprentissage",
      "programmes d'apprentissage"}},
    {"certification", false, {"certification"}},
    {"job_aid", false, {"job aid", "aide à la tâche", "aides à la tâche"}},
    {"badge", false, {"badge"}},
    {"user_group", false, {"user group", "groupe d'utilisateurs", "groupes d'utilisateurs"}},
    {"announcement", true, {"announcement", "annonce"}},
    {"skill", true, {"skill", "compétence"}},
    {"gamification", true, {"gamification", "ludification"}},
    {"user", true, {"user", "utilisateur"}},
    {"learning_plan", true, {"learning plan", "plan d'apprentissage", "plans d'apprentissage"}},
    {"email_template",
     true,
     {"email template", "e-mail template", "modèle de courrier électronique",
      "modèles de courriers électroniques", "modèle d'e-mail", "modèles d'e-mail",
      "modèle de courriel", "modèles de courriels"}},
};

const KnownEntity* FindKnownEntity(std::string_view header) {
  const std::string key = HeaderMatchKey(header);
  for (const KnownEntity& entity : kKnownEntities) {
    for (std::string_view name : entity.names) {
      if (!name.empty() && HeaderMatchKey(name) == key) return &entity;
    }
  }
  return nullptr;
}

// The access level words, French and English, folded; nullopt is NONE.
struct LevelWord {
  std::string_view word;
  std::optional<AccessLevel> level;
};
constexpr LevelWord kLevelWords[] = {
    {"full", AccessLevel::kFull},
    {"complet", AccessLevel::kFull},
    {"write", AccessLevel::kWrite},
    {"ecriture", AccessLevel::kWrite},
    {"enroll", AccessLevel::kEnroll},
    {"enrol", AccessLevel::kEnroll},
    {"inscription", AccessLevel::kEnroll},
    {"report", AccessLevel::kReport},
    {"rapport", AccessLevel::kReport},
    {"none", std::nullopt},
    {"aucun", std::nullopt},
    {"aucune", std::nullopt},
};

// A whole scope cell that means "every catalog" / "every group".
bool IsAllScope(std::string_view cell) {
  const std::string folded = text::FoldForMatching(text::TrimView(cell));
  return folded == "full" || folded == "complet" || folded == "all" || folded == "tous";
}

// "Self_Registration", "self-registration", "self registration" → "selfregistration".
std::string ScopeKeyword(std::string_view key) {
  std::string folded = text::FoldForMatching(key);
  std::erase_if(folded, [](char c) { return c == '_' || c == '-' || c == ' '; });
  return folded;
}

}  // namespace

std::string AccessLevels::ToString() const {
  if (IsNone()) return "NONE";
  std::string joined;
  const std::pair<AccessLevel, std::string_view> names[] = {{AccessLevel::kFull, "FULL"},
                                                            {AccessLevel::kWrite, "WRITE"},
                                                            {AccessLevel::kEnroll, "ENROLL"},
                                                            {AccessLevel::kReport, "REPORT"}};
  for (const auto& [level, name] : names) {
    if (!Has(level)) continue;
    if (!joined.empty()) joined += "|";
    joined += name;
  }
  return joined;
}

std::string EntityKey(std::string_view header) {
  if (const KnownEntity* known = FindKnownEntity(header)) return std::string(known->key);
  const mapping::HeaderKey key = mapping::MakeHeaderKey(header);
  std::string entity = key.folded;
  std::replace(entity.begin(), entity.end(), ' ', '_');
  if (key.index != 0) entity += "_" + std::to_string(key.index);
  return entity;
}

bool IsAccountLevelEntity(std::string_view entity_key) {
  return std::any_of(
      std::begin(kKnownEntities), std::end(kKnownEntities),
      [&](const KnownEntity& entity) { return entity.account_level && entity.key == entity_key; });
}

std::string RoleNameKey(std::string_view name) {
  return text::FoldForMatching(text::Nfc(text::TrimView(name)));
}

namespace role_values {

void LineDiagnostics::Add(
    Severity severity, std::string code, std::size_t column_idx, std::string_view field,
    std::initializer_list<std::pair<std::string_view, std::string_view>> params) {
  DiagnosticBuilder builder =
      MakeDiagnostic(severity, std::move(code), line_, static_cast<int>(column_idx + 1));
  builder.With("field", std::string(field));
  for (const auto& [key, value] : params) builder.With(std::string(key), std::string(value));
  Diagnostic diagnostic = std::move(builder).Build();
  diagnostic.field = field;
  out_.push_back(std::move(diagnostic));
}

bool RowIsBlank(const table::Table& table, std::size_t row_idx) {
  for (std::size_t column_idx = 0; column_idx < table.cell_count(row_idx); ++column_idx) {
    if (!text::TrimView(table.Cell(row_idx, column_idx)).empty()) return false;
  }
  return true;
}

bool HasBlockingDiagnostic(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& diagnostic) {
    return diagnostic.severity == Severity::kError || diagnostic.severity == Severity::kCritical;
  });
}

RoleColumnKind ClassifyRoleHeader(std::string_view header) {
  if (HeaderIsOneOf(header, {"name", "nom", "role", "role name", "nom du rôle", "rôle"})) {
    return RoleColumnKind::kName;
  }
  if (HeaderIsOneOf(header, {"description"})) return RoleColumnKind::kDescription;
  const std::string folded = mapping::MakeHeaderKey(header).folded;
  const auto mentions = [&](std::string_view word) { return folded.find(word) != folded.npos; };
  const bool scope = mentions("scope") || mentions("champ d application") ||
                     mentions("specificateur") || mentions("specifier") || mentions("perimetre") ||
                     mentions("portee");
  if (!scope) return RoleColumnKind::kEntity;
  if (mentions("catalog")) return RoleColumnKind::kCatalogScope;
  if (mentions("group")) return RoleColumnKind::kUserGroupScope;
  return RoleColumnKind::kUnknownScope;
}

UserRoleColumnKind ClassifyUserRoleHeader(std::string_view header) {
  if (HeaderIsOneOf(header, {"id", "email", "e-mail", "mail", "courriel", "courrier électronique",
                             "adresse électronique", "user email", "user e-mail", "user",
                             "utilisateur", "email id", "id de courrier électronique"})) {
    return UserRoleColumnKind::kEmail;
  }
  if (HeaderIsOneOf(header, {"customrole", "custom role", "role", "rôle", "role name",
                             "nom du rôle", "rôle personnalisé", "rôle configurable"})) {
    return UserRoleColumnKind::kRoleName;
  }
  return UserRoleColumnKind::kOther;
}

AccessLevels ReadAccessLevels(std::string_view cell, std::size_t column_idx,
                              const EntityColumn& entity, LineDiagnostics& diagnostics) {
  AccessLevels levels;
  bool none = false;
  bool known_parts = true;
  for (const std::string& part : SplitList(cell)) {
    const std::string folded = text::FoldForMatching(part);
    const auto word = std::find_if(std::begin(kLevelWords), std::end(kLevelWords),
                                   [&](const LevelWord& level) { return level.word == folded; });
    if (word == std::end(kLevelWords)) {
      diagnostics.Add(Severity::kError, "unknown_access_level", column_idx, entity.key,
                      {{"entity", entity.display_name}, {"value", part}});
      known_parts = false;
    } else if (!word->level) {
      none = true;
    } else {
      levels.Add(*word->level);
    }
  }
  if (none && !levels.IsNone()) {
    diagnostics.Add(Severity::kError, "none_combined_with_levels", column_idx, entity.key,
                    {{"entity", entity.display_name}, {"value", cell}});
  } else if (!none && levels.IsNone() && known_parts) {  // only separators: "|"
    diagnostics.Add(Severity::kError, "missing_required_value", column_idx, entity.key);
  }
  return levels;
}

CatalogScope ReadCatalogScope(std::string_view cell, std::size_t column_idx,
                              LineDiagnostics& diagnostics) {
  CatalogScope scope;
  if (IsAllScope(cell)) {
    scope.all = true;
    return scope;
  }
  scope.catalogs = SplitList(cell);
  if (scope.catalogs.empty()) {
    diagnostics.Add(Severity::kError, "empty_scope", column_idx, "catalog_scope");
  } else if (std::any_of(scope.catalogs.begin(), scope.catalogs.end(), IsAllScope)) {
    diagnostics.Add(Severity::kError, "full_scope_with_names", column_idx, "catalog_scope",
                    {{"value", cell}});
  }
  return scope;
}

bool ReadUserGroupScope(std::string_view cell, std::size_t column_idx, UserGroupScope& scope,
                        LineDiagnostics& diagnostics) {
  constexpr std::string_view kField = "user_group_scope";
  const std::vector<std::string> parts = SplitList(cell);
  if (parts.empty()) {
    diagnostics.Add(Severity::kError, "empty_scope", column_idx, kField);
    return false;
  }
  if (parts.size() > 1) {  // the product allows one group per role
    diagnostics.Add(Severity::kError, "several_user_group_scopes", column_idx, kField,
                    {{"value", cell}});
    return false;
  }
  const std::string& scope_text = parts.front();
  if (IsAllScope(scope_text)) {
    scope = {UserGroupScopeKind::kAll, "", ""};
    return true;
  }
  const std::size_t equals = scope_text.find('=');
  if (equals == std::string::npos) {
    scope = {UserGroupScopeKind::kGroup, scope_text, ""};
    return true;
  }
  const std::string key(text::TrimView(std::string_view(scope_text).substr(0, equals)));
  const std::string value(text::TrimView(std::string_view(scope_text).substr(equals + 1)));
  if (key.empty() || value.empty()) {
    diagnostics.Add(Severity::kError, "invalid_user_group_scope", column_idx, kField,
                    {{"value", scope_text}});
    return false;
  }
  const std::string keyword = ScopeKeyword(key);
  if (keyword == "selfregistration") {
    scope = {UserGroupScopeKind::kSelfRegistration, "", value};
    return true;
  }
  if (keyword != "managerdirect" && keyword != "managerorg") {
    scope = {UserGroupScopeKind::kAttribute, key, value};
    return true;
  }
  const std::optional<std::string> email = ParseEmail(value);
  if (!email) {
    diagnostics.Add(Severity::kError, "invalid_email", column_idx, kField, {{"value", value}});
    return false;
  }
  scope = {keyword == "managerdirect" ? UserGroupScopeKind::kManagerDirect
                                      : UserGroupScopeKind::kManagerOrg,
           "", *email};
  return true;
}

}  // namespace role_values
}  // namespace rollcall::records
