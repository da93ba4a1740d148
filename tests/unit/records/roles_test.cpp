// Custom roles from role.csv and user_role.csv (the Captivate Prime guide): levels in French and
// English, scopes, account-level features, and user assignments where the later line wins.
#include "records/roles.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "table/read.hpp"

namespace rollcall::records {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

table::Table Read(std::string text) {
  table::ReadOptions options;
  options.delimiter = ',';
  Result<table::ReadOutcome> read = table::ReadCsv(std::move(text), options);
  EXPECT_TRUE(read.has_value());
  return std::move(read).value().table;
}

RoleFile ParseRoles(std::string text) { return ParseRoleFile(Read(std::move(text))); }
UserRoleFile ParseUserRoles(std::string text) { return ParseUserRoleFile(Read(std::move(text))); }

template <typename Line>
std::vector<std::string> Codes(const Line& line) {
  std::vector<std::string> codes;
  for (const Diagnostic& diagnostic : line.diagnostics) codes.push_back(diagnostic.code);
  return codes;
}

constexpr std::string_view kFrenchHeader =
    "Nom,Cours,Catalogue,Plan d’apprentissage,Spécificateur du champ d’application du catalogue,"
    "Champ d’application des groupes d’utilisateurs Spécificateur,Description\n";
constexpr std::string_view kEnglishHeader =
    "Name,Course,Learning Plans,Catalog Scope Specifier,User Group Scope Specifier,Description\n";

// The guide's example line.
TEST(RoleFileTest, GuideExampleParses) {
  const RoleFile file = ParseRoles(std::string(kFrenchHeader) +
                                   "Auteur ventes,ÉCRITURE | RAPPORT,COMPLET,AUCUN,Catalogue de "
                                   "vente | Catalogue général,location=London,Accès complet à "
                                   "l’auteur aux Objets d’apprentissage dans le catalogue de "
                                   "vente\n");
  EXPECT_THAT(file.diagnostics, IsEmpty());
  ASSERT_EQ(file.entities.size(), 3u);
  EXPECT_EQ(file.entities[0].key, "course");
  EXPECT_EQ(file.entities[0].display_name, "Cours");
  EXPECT_EQ(file.entities[1].key, "catalog");
  EXPECT_EQ(file.entities[2].key, "learning_plan");
  EXPECT_EQ(file.entities[2].display_name, "Plan d’apprentissage");
  EXPECT_TRUE(file.entities[2].account_level);
  ASSERT_EQ(file.roles.size(), 1u);
  const Role& role = file.roles[0];
  EXPECT_THAT(role.diagnostics, IsEmpty());
  EXPECT_EQ(role.line, 2u);
  EXPECT_EQ(role.name, "Auteur ventes");
  EXPECT_EQ(role.LevelsFor("course")->ToString(), "WRITE|REPORT");
  EXPECT_EQ(role.LevelsFor("catalog")->ToString(), "FULL");
  EXPECT_TRUE(role.LevelsFor("learning_plan")->IsNone());
  EXPECT_EQ(role.LevelsFor("badge"), nullptr);
  EXPECT_FALSE(role.catalog_scope.all);
  EXPECT_THAT(role.catalog_scope.catalogs, ElementsAre("Catalogue de vente", "Catalogue général"));
  EXPECT_EQ(role.user_group_scope.kind, UserGroupScopeKind::kAttribute);
  EXPECT_EQ(role.user_group_scope.name, "location");
  EXPECT_EQ(role.user_group_scope.value, "London");
  EXPECT_FALSE(role.scopes_forced_full);
  EXPECT_EQ(role.description,
            "Accès complet à l’auteur aux Objets d’apprentissage dans le catalogue de vente");
}

TEST(RoleFileTest, EnglishAndFrenchLevelsInAnyCase) {
  const RoleFile file = ParseRoles(std::string(kEnglishHeader) +
                                   "Sales author,write|report,none,Sales,Sales team,\n"
                                   "Enroller,Enroll | Inscription,aucune,Sales,Sales team,\n"
                                   "Writer,Ecriture,None,Sales,Sales team,\n"
                                   "Owner,full | write,NONE,FULL,ALL,\n");
  ASSERT_EQ(file.roles.size(), 4u);
  for (const Role& role : file.roles) EXPECT_THAT(role.diagnostics, IsEmpty()) << role.name;
  EXPECT_EQ(file.roles[0].LevelsFor("course")->ToString(), "WRITE|REPORT");
  EXPECT_EQ(file.roles[1].LevelsFor("course")->ToString(), "ENROLL");
  EXPECT_EQ(file.roles[2].LevelsFor("course")->ToString(), "WRITE");
  EXPECT_EQ(file.roles[3].LevelsFor("course")->ToString(), "FULL|WRITE");
  EXPECT_TRUE(file.roles[3].catalog_scope.all);
  EXPECT_EQ(file.roles[3].user_group_scope.kind, UserGroupScopeKind::kAll);
  EXPECT_EQ(file.roles[0].user_group_scope.kind, UserGroupScopeKind::kGroup);
  EXPECT_EQ(file.roles[0].user_group_scope.name, "Sales team");
  EXPECT_EQ(file.roles[0].description, "");
}

TEST(RoleFileTest, EntityColumnsAreWhateverTheHeaderSays) {
  const RoleFile file = ParseRoles(
      "Rôle,Aides à la tâche,Job aids,Quiz bank,Ludification,Modèles de courriers électroniques,"
      "Catalog scope,User group scope\n");
  ASSERT_EQ(file.entities.size(), 4u);
  EXPECT_EQ(file.entities[0].key, "job_aid");
  EXPECT_EQ(file.entities[1].key, "quiz_bank");
  EXPECT_EQ(file.entities[1].display_name, "Quiz bank");
  EXPECT_FALSE(file.entities[1].account_level);
  EXPECT_EQ(file.entities[2].key, "gamification");
  EXPECT_TRUE(file.entities[2].account_level);
  EXPECT_EQ(file.entities[3].key, "email_template");
  EXPECT_TRUE(file.entities[3].account_level);
  // "Job aids" names the same entity type as "Aides à la tâche": the second column is ignored.
  ASSERT_EQ(file.diagnostics.size(), 1u);
  EXPECT_EQ(file.diagnostics[0].code, "duplicate_column");
  EXPECT_EQ(file.diagnostics[0].column, 3);
}

TEST(RoleFileTest, MissingFixedColumnsAreCritical) {
  const RoleFile file = ParseRoles("Name,Course,Description\nA,FULL,x\n");
  std::set<std::string> missing;
  for (const Diagnostic& diagnostic : file.diagnostics) {
    EXPECT_EQ(diagnostic.severity, Severity::kCritical);
    EXPECT_EQ(diagnostic.code, "missing_required_column");
    missing.insert(std::string(diagnostic.Param("field")));
  }
  EXPECT_EQ(missing, (std::set<std::string>{"catalog_scope", "user_group_scope"}));
  EXPECT_THAT(file.roles, IsEmpty());

  const RoleFile without_entities = ParseRoles("Name,Catalog scope,User group scope\nA,x,y\n");
  ASSERT_EQ(without_entities.diagnostics.size(), 1u);
  EXPECT_EQ(without_entities.diagnostics[0].code, "role_file_without_entities");
}

TEST(RoleFileTest, EveryColumnButDescriptionIsRequired) {
  const RoleFile file = ParseRoles(std::string(kEnglishHeader) +
                                   ",FULL,NONE,Sales,Team,\n"
                                   "A,,NONE,Sales,Team,\n"
                                   "B,FULL,NONE,,,\n"
                                   "C,FULL,NONE,Sales,Team,\n");
  ASSERT_EQ(file.roles.size(), 4u);
  EXPECT_THAT(Codes(file.roles[0]), ElementsAre("missing_required_value"));
  EXPECT_EQ(file.roles[0].diagnostics[0].field, "name");
  EXPECT_THAT(Codes(file.roles[1]), ElementsAre("missing_required_value"));
  EXPECT_EQ(file.roles[1].diagnostics[0].field, "course");
  EXPECT_EQ(file.roles[1].diagnostics[0].column, 2);
  EXPECT_EQ(file.roles[1].diagnostics[0].line, 3);
  EXPECT_THAT(Codes(file.roles[2]),
              ElementsAre("missing_required_value", "missing_required_value"));
  EXPECT_EQ(file.roles[2].diagnostics[0].field, "catalog_scope");
  EXPECT_EQ(file.roles[2].diagnostics[1].field, "user_group_scope");
  EXPECT_THAT(file.roles[3].diagnostics, IsEmpty());
  EXPECT_TRUE(file.roles[2].Blocked());
  EXPECT_FALSE(file.roles[3].Blocked());
}

TEST(RoleFileTest, UnknownLevelsAndNoneWithOthersAreErrors) {
  const RoleFile file = ParseRoles(std::string(kEnglishHeader) +
                                   "A,READ,NONE,Sales,Team,\n"
                                   "B,NONE | WRITE,NONE,Sales,Team,\n"
                                   "C,AUCUN|RAPPORT,NONE,Sales,Team,\n"
                                   "D, | ,NONE,Sales,Team,\n");
  EXPECT_THAT(Codes(file.roles[0]), ElementsAre("unknown_access_level"));
  EXPECT_EQ(file.roles[0].diagnostics[0].Param("value"), "READ");
  EXPECT_EQ(file.roles[0].diagnostics[0].Param("entity"), "Course");
  EXPECT_THAT(Codes(file.roles[1]), ElementsAre("none_combined_with_levels"));
  EXPECT_THAT(Codes(file.roles[2]), ElementsAre("none_combined_with_levels"));
  EXPECT_THAT(Codes(file.roles[3]), ElementsAre("missing_required_value"));
}

TEST(RoleFileTest, CatalogScopes) {
  const RoleFile file = ParseRoles(std::string(kEnglishHeader) +
                                   "A,FULL,NONE,Sales | Sales | General,Team,\n"
                                   "B,FULL,NONE,complet,Team,\n"
                                   "C,FULL,NONE, | ,Team,\n"
                                   "D,FULL,NONE,FULL | Sales,Team,\n");
  EXPECT_THAT(file.roles[0].catalog_scope.catalogs, ElementsAre("Sales", "General"));
  EXPECT_TRUE(file.roles[1].catalog_scope.all);
  EXPECT_THAT(Codes(file.roles[2]), ElementsAre("empty_scope"));
  EXPECT_EQ(file.roles[2].diagnostics[0].field, "catalog_scope");
  EXPECT_THAT(Codes(file.roles[3]), ElementsAre("full_scope_with_names"));
}

TEST(RoleFileTest, UserGroupScopeKinds) {
  const RoleFile file = ParseRoles(std::string(kEnglishHeader) +
                                   "A,FULL,NONE,S,Tous les auteurs,\n"
                                   "B,FULL,NONE,S,Department = HR,\n"
                                   "C,FULL,NONE,S,self_registration=Stagiaires,\n"
                                   "D,FULL,NONE,S,manager_direct=Anne.Chef@Ecole.FR,\n"
                                   "E,FULL,NONE,S,Manager_Org=dir@ecole.fr,\n"
                                   "F,FULL,NONE,S,manager_org=not-an-address,\n"
                                   "G,FULL,NONE,S,=London,\n"
                                   "H,FULL,NONE,S,Team A | Team B,\n"
                                   "I,FULL,NONE,S, | ,\n");
  ASSERT_EQ(file.roles.size(), 9u);
  const auto scope = [&](std::size_t idx) { return file.roles[idx].user_group_scope; };
  EXPECT_EQ(scope(0).kind, UserGroupScopeKind::kGroup);
  EXPECT_EQ(scope(0).name, "Tous les auteurs");
  EXPECT_EQ(scope(1).kind, UserGroupScopeKind::kAttribute);
  EXPECT_EQ(scope(1).name, "Department");
  EXPECT_EQ(scope(1).value, "HR");
  EXPECT_EQ(scope(2).kind, UserGroupScopeKind::kSelfRegistration);
  EXPECT_EQ(scope(2).value, "Stagiaires");
  EXPECT_EQ(scope(3).kind, UserGroupScopeKind::kManagerDirect);
  EXPECT_EQ(scope(3).value, "Anne.Chef@ecole.fr");
  EXPECT_EQ(scope(4).kind, UserGroupScopeKind::kManagerOrg);
  for (std::size_t idx = 0; idx < 5; ++idx) EXPECT_THAT(file.roles[idx].diagnostics, IsEmpty());
  EXPECT_THAT(Codes(file.roles[5]), ElementsAre("invalid_email"));
  EXPECT_EQ(file.roles[5].diagnostics[0].field, "user_group_scope");
  EXPECT_THAT(Codes(file.roles[6]), ElementsAre("invalid_user_group_scope"));
  EXPECT_THAT(Codes(file.roles[7]), ElementsAre("several_user_group_scopes"));
  EXPECT_THAT(Codes(file.roles[8]), ElementsAre("empty_scope"));
}

// Guide: FULL on an account-level feature makes both scopes FULL, replacing the names given.
TEST(RoleFileTest, AccountLevelFullForcesFullScopes) {
  const RoleFile file = ParseRoles(
      "Nom,Cours,Ludification,Annonces,Spécificateur du champ d’application du catalogue,"
      "Champ d’application des groupes d’utilisateurs Spécificateur\n"
      "Animateur,NONE,COMPLET,NONE,Catalogue de vente,location=London\n"
      "Large,NONE,COMPLET,NONE,COMPLET,COMPLET\n"
      "Rédacteur,NONE,ÉCRITURE,NONE,Catalogue de vente,location=London\n"
      "Annonceur,NONE,NONE,FULL,COMPLET,Équipe\n");
  ASSERT_EQ(file.roles.size(), 4u);
  const Role& widened = file.roles[0];
  EXPECT_TRUE(widened.scopes_forced_full);
  EXPECT_TRUE(widened.catalog_scope.all);
  EXPECT_THAT(widened.catalog_scope.catalogs, IsEmpty());
  EXPECT_EQ(widened.user_group_scope.kind, UserGroupScopeKind::kAll);
  EXPECT_THAT(Codes(widened), ElementsAre("scope_widened_to_full"));
  EXPECT_EQ(widened.diagnostics[0].severity, Severity::kWarning);
  EXPECT_EQ(widened.diagnostics[0].Param("entity"), "Ludification");
  EXPECT_FALSE(widened.Blocked());
  // Already full: nothing to say.
  EXPECT_TRUE(file.roles[1].scopes_forced_full);
  EXPECT_THAT(file.roles[1].diagnostics, IsEmpty());
  // WRITE is not FULL: the scopes stay as written.
  EXPECT_FALSE(file.roles[2].scopes_forced_full);
  EXPECT_THAT(file.roles[2].catalog_scope.catalogs, ElementsAre("Catalogue de vente"));
  // A narrower group scope alone is enough for the warning.
  EXPECT_THAT(Codes(file.roles[3]), ElementsAre("scope_widened_to_full"));
  EXPECT_EQ(file.roles[3].diagnostics[0].Param("entity"), "Annonces");
}

TEST(RoleFileTest, EnglishAccountLevelFeatures) {
  const RoleFile file = ParseRoles(
      "Name,Announcements,Skills,Gamification,Users,Learning plans,Email templates,Courses,"
      "Catalog scope,User group scope\n"
      "Admin,NONE,NONE,NONE,NONE,FULL,NONE,NONE,Sales,Team\n");
  for (const EntityColumn& entity : file.entities) {
    EXPECT_EQ(entity.account_level, entity.key != "course") << entity.key;
  }
  EXPECT_TRUE(file.roles[0].scopes_forced_full);
  EXPECT_EQ(file.roles[0].diagnostics[0].Param("entity"), "Learning plans");
}

TEST(RoleFileTest, DuplicateRoleNameIsAnErrorOnTheSecondLine) {
  const RoleFile file = ParseRoles(std::string(kEnglishHeader) +
                                   "Auteur ventes,FULL,NONE,S,T,\n"
                                   "Other,FULL,NONE,S,T,\n"
                                   "AUTEUR VENTES,WRITE,NONE,S,T,\n");
  EXPECT_THAT(file.roles[0].diagnostics, IsEmpty());
  EXPECT_THAT(Codes(file.roles[2]), ElementsAre("duplicate_role_name"));
  EXPECT_EQ(file.roles[2].diagnostics[0].line, 4);
  EXPECT_EQ(file.roles[2].diagnostics[0].Param("first_line"), "2");
}

TEST(RoleFileTest, ScopeGroupsAreCheckedThroughTheHook) {
  RoleFile file = ParseRoles(std::string(kEnglishHeader) +
                             "A,FULL,NONE,S,Known,\n"
                             "B,FULL,NONE,S,Unknown,\n"
                             "C,FULL,NONE,S,location=Unknown,\n");
  CheckScopeGroups(file, [](std::string_view group) { return group == "Known"; });
  EXPECT_THAT(file.roles[0].diagnostics, IsEmpty());
  EXPECT_THAT(Codes(file.roles[1]), ElementsAre("unknown_scope_group"));
  EXPECT_EQ(file.roles[1].diagnostics[0].Param("group"), "Unknown");
  EXPECT_EQ(file.roles[1].diagnostics[0].column, 5);
  EXPECT_THAT(file.roles[2].diagnostics, IsEmpty());
}

TEST(UserRoleFileTest, GuideColumnsIdAndCustomRole) {
  const UserRoleFile file = ParseUserRoles(
      "Id,CustomRole\n"
      "anne.martin@ecole.fr,Auteur ventes\n"
      "paul@ecole.fr,Relecteur\n");
  EXPECT_EQ(file.header_line, 1u);
  EXPECT_THAT(file.diagnostics, IsEmpty());
  ASSERT_EQ(file.assignments.size(), 2u);
  EXPECT_EQ(file.assignments[0].email, "anne.martin@ecole.fr");
  EXPECT_EQ(file.assignments[0].role_name, "Auteur ventes");
  EXPECT_EQ(file.assignments[1].line, 3u);
  EXPECT_TRUE(file.assignments[1].Effective());
}

TEST(UserRoleFileTest, FrenchHeadersInAnyOrderAndNoHeader) {
  const UserRoleFile french = ParseUserRoles("Nom du rôle,Courriel\nAuteur ventes,a@ecole.fr\n");
  EXPECT_EQ(french.email_column_idx, 1u);
  EXPECT_EQ(french.role_name_column_idx, 0u);
  EXPECT_EQ(french.assignments[0].email, "a@ecole.fr");

  const UserRoleFile bare = ParseUserRoles("a@ecole.fr,Auteur ventes\n");
  EXPECT_EQ(bare.header_line, 0u);
  ASSERT_EQ(bare.assignments.size(), 1u);
  EXPECT_EQ(bare.assignments[0].line, 1u);
  EXPECT_EQ(bare.assignments[0].role_name, "Auteur ventes");

  const UserRoleFile unknown = ParseUserRoles("Who,What\na@ecole.fr,X\n");
  EXPECT_THAT(unknown.assignments, IsEmpty());
  std::vector<std::string> codes;
  for (const Diagnostic& diagnostic : unknown.diagnostics) codes.push_back(diagnostic.code);
  EXPECT_THAT(codes, ElementsAre("unmapped_column", "unmapped_column", "missing_required_column",
                                 "missing_required_column"));
}

TEST(UserRoleFileTest, BothColumnsRequiredAndEmailValidated) {
  const UserRoleFile file = ParseUserRoles(
      "email,role\n"
      ",Auteur\n"
      "a@ecole.fr,\n"
      "not-an-address,Auteur\n");
  EXPECT_THAT(Codes(file.assignments[0]), ElementsAre("missing_required_value"));
  EXPECT_EQ(file.assignments[0].diagnostics[0].field, "email");
  EXPECT_THAT(Codes(file.assignments[1]), ElementsAre("missing_required_value"));
  EXPECT_EQ(file.assignments[1].diagnostics[0].field, "role_name");
  EXPECT_THAT(Codes(file.assignments[2]), ElementsAre("invalid_email"));
  EXPECT_EQ(file.assignments[2].diagnostics[0].line, 4);
  for (const RoleAssignment& assignment : file.assignments) EXPECT_FALSE(assignment.Effective());
}

// A user holds one custom role: the later line wins.
TEST(UserRoleFileTest, LaterLineReplacesTheUsersRole) {
  const UserRoleFile file = ParseUserRoles(
      "Id,CustomRole\n"
      "anne@ecole.fr,Auteur ventes\n"
      "paul@ecole.fr,Relecteur\n"
      "ANNE@ECOLE.FR,Relecteur\n"
      "paul@ecole.fr,relecteur\n"
      "anne@ecole.fr,\n");
  const auto& a = file.assignments;
  ASSERT_EQ(a.size(), 5u);
  EXPECT_EQ(a[0].replaced_by_line, 4u);
  EXPECT_FALSE(a[0].Effective());
  EXPECT_THAT(Codes(a[2]), ElementsAre("user_role_replaced"));
  EXPECT_EQ(a[2].diagnostics[0].severity, Severity::kWarning);
  EXPECT_EQ(a[2].diagnostics[0].Param("previous_role"), "Auteur ventes");
  EXPECT_EQ(a[2].diagnostics[0].Param("previous_line"), "2");
  EXPECT_TRUE(a[2].Effective());
  // The same role again is only worth an info.
  EXPECT_EQ(a[1].replaced_by_line, 5u);
  EXPECT_THAT(Codes(a[3]), ElementsAre("user_role_repeated"));
  EXPECT_EQ(a[3].diagnostics[0].severity, Severity::kInfo);
  // A blocked line replaces nothing.
  EXPECT_TRUE(a[4].Blocked());
  EXPECT_EQ(a[2].replaced_by_line, 0u);
}

TEST(UserRoleFileTest, AssignedRolesAreCheckedThroughTheHook) {
  UserRoleFile file = ParseUserRoles("Id,CustomRole\na@ecole.fr,Auteur ventes\nb@ecole.fr,Nope\n");
  const RoleFile roles = ParseRoles(std::string(kEnglishHeader) + "Auteur ventes,FULL,NONE,S,T,\n");
  CheckAssignedRoles(file, [&](std::string_view name) {
    for (const Role& role : roles.roles) {
      if (RoleNameKey(role.name) == RoleNameKey(name)) return true;
    }
    return false;
  });
  EXPECT_THAT(file.assignments[0].diagnostics, IsEmpty());
  EXPECT_THAT(Codes(file.assignments[1]), ElementsAre("unknown_role"));
  EXPECT_EQ(file.assignments[1].diagnostics[0].Param("role"), "Nope");
  EXPECT_EQ(file.assignments[1].diagnostics[0].column, 2);
}

}  // namespace
}  // namespace rollcall::records
