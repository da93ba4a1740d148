#include "mapping/mapping.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "files/load.hpp"
#include "support/test_support.hpp"

namespace rollcall::mapping {
namespace {

using ::testing::IsEmpty;

class MappingTest : public ::testing::Test {
 protected:
  Mapping Map(std::string_view profile, std::vector<std::string> headers,
              std::vector<ColumnOverride> overrides = {}) {
    Result<Mapping> mapping =
        MapColumns(schema_, *schema_.Profile(profile), headers, headers.size(), overrides);
    EXPECT_TRUE(mapping.has_value());
    return mapping ? std::move(mapping).value() : Mapping{};
  }
  static std::vector<std::string> Fields(const Mapping& mapping) {
    std::vector<std::string> fields;
    for (const ColumnMapping& column : mapping.columns) {
      fields.push_back(column.field.empty() ? "-" : column.field);
    }
    return fields;
  }
  static std::vector<std::string> Codes(const Mapping& mapping) {
    std::vector<std::string> codes;
    for (const Diagnostic& diagnostic : mapping.diagnostics) codes.push_back(diagnostic.code);
    return codes;
  }
  Schema schema_ = DefaultSchema();
};

using Strings = std::vector<std::string>;

TEST_F(MappingTest, OneTeachersWithTwoClassColumns) {
  const Mapping mapping = Map("teacher", {"Civilité*", "Nom*", "Prénom*", "Classe*", "Classe"});
  EXPECT_EQ(Fields(mapping), (Strings{"gender", "last_name", "first_name", "classes", "classes"}));
  EXPECT_THAT(mapping.diagnostics, IsEmpty());
  for (const ColumnMapping& column : mapping.columns) EXPECT_EQ(column.confidence, 1.0);
}

TEST_F(MappingTest, OneParentsWithTwoChildren) {
  const Mapping mapping =
      Map("guardian",
          {"Nom responsable*", "Prénom responsable*", "Nom de famille enfant*", "Prénom enfant*",
           "Classes enfants*", "Nom de famille enfant", "Prénom enfant", "Classes enfants"});
  EXPECT_EQ(Fields(mapping),
            (Strings{"last_name", "first_name", "child_last_name", "child_first_name",
                     "child_class", "child_last_name", "child_first_name", "child_class"}));
  EXPECT_EQ(mapping.columns[2].group_index, 1);
  EXPECT_EQ(mapping.columns[5].group_index, 2);
  EXPECT_EQ(mapping.columns[7].group_index, 2);
  EXPECT_THAT(mapping.diagnostics, IsEmpty());
}

TEST_F(MappingTest, NumberedGroupsTakeTheirNumber) {
  const Mapping mapping =
      Map("guardian", {"Nom", "Prénom", "Nom enfant 2", "Prénom enfant 2", "Nom enfant 1"});
  EXPECT_EQ(mapping.columns[2].group_index, 2);
  EXPECT_EQ(mapping.columns[3].group_index, 2);
  EXPECT_EQ(mapping.columns[4].group_index, 1);
}

TEST_F(MappingTest, MnsproStudentColumns) {
  const Mapping mapping = Map("student", {"Vorname", "Nachname", "Referenz-ID", "Gruppen#Klasse",
                                          "Gruppen#Kurs", "Mail", "Geburtsdatum"});
  EXPECT_EQ(Fields(mapping), (Strings{"first_name", "last_name", "external_id", "classes",
                                      "courses", "email", "birth_date"}));
  EXPECT_THAT(mapping.diagnostics, IsEmpty());
}

TEST_F(MappingTest, LogineoColumns) {
  const Mapping mapping =
      Map("student", {"Quell-Id", "Nachname", "Vorname", "Gruppen", "Geburtsdatum"});
  EXPECT_EQ(Fields(mapping),
            (Strings{"external_id", "last_name", "first_name", "groups", "birth_date"}));
}

TEST_F(MappingTest, BrightspaceColumns) {
  const Mapping mapping = Map("teacher", {"user name", "org-defined id", "first name", "last name",
                                          "password", "role name", "is active", "e-mail"});
  EXPECT_EQ(Fields(mapping), (Strings{"login", "external_id", "first_name", "last_name", "password",
                                      "-", "is_active", "email"}));
}

TEST_F(MappingTest, SiecleAndOndeStyleNames) {
  const Mapping mapping =
      Map("student", {"Nom élève", "Prénom élève", "Né(e) le", "Libellé classe", "Sexe", "INE"});
  EXPECT_EQ(Fields(mapping),
            (Strings{"last_name", "first_name", "birth_date", "classes", "gender", "external_id"}));
}

TEST_F(MappingTest, MisspeltHeadersMapWithLowerConfidenceAndSaySo) {
  const Mapping mapping = Map("student", {"Nom", "Prenom", "Date naissance", "Nachnahme"});
  EXPECT_EQ(Fields(mapping), (Strings{"last_name", "first_name", "birth_date", "-"}));
  EXPECT_EQ(mapping.columns[0].confidence, 1.0);
  EXPECT_LT(mapping.columns[1].confidence, 1.0);
  EXPECT_LT(mapping.columns[2].confidence, 1.0);
  const Mapping german = Map("teacher", {"Nachnahme", "Vorname"});
  EXPECT_EQ(german.columns[0].field, "last_name");
  EXPECT_LT(german.columns[0].confidence, 1.0);
  EXPECT_GE(german.columns[0].confidence, 0.7);
  EXPECT_EQ(Codes(german), (Strings{"uncertain_column_match"}));
  EXPECT_EQ(german.diagnostics[0].Param("confidence"), "0.80");
}

TEST_F(MappingTest, UnknownColumnIsIgnoredWithAWarning) {
  const Mapping mapping = Map("teacher", {"Nom", "Prénom", "Couleur préférée"});
  EXPECT_EQ(mapping.columns[2].field, "");
  ASSERT_EQ(Codes(mapping), (Strings{"unmapped_column"}));
  EXPECT_EQ(mapping.diagnostics[0].column, 3);
  EXPECT_EQ(mapping.diagnostics[0].severity, Severity::kWarning);
}

TEST_F(MappingTest, MissingRequiredColumnIsCritical) {
  const Mapping mapping = Map("student", {"Nom", "Prénom", "Classe"});
  ASSERT_EQ(Codes(mapping), (Strings{"missing_required_column"}));
  EXPECT_EQ(mapping.diagnostics[0].severity, Severity::kCritical);
  EXPECT_EQ(mapping.diagnostics[0].field, "birth_date");
}

TEST_F(MappingTest, SecondColumnForASingleFieldIsADuplicate) {
  const Mapping mapping = Map("guardian", {"Nom", "Prénom", "email", "Courriel"});
  EXPECT_EQ(Fields(mapping), (Strings{"last_name", "first_name", "email", "-"}));
  EXPECT_EQ(Codes(mapping), (Strings{"duplicate_column"}));
}

TEST_F(MappingTest, HeaderlessFileFollowsTheTemplateOrder) {
  Result<Mapping> mapping = MapColumns(schema_, *schema_.Profile("teacher"), std::nullopt, 4, {});
  ASSERT_TRUE(mapping.has_value());
  EXPECT_EQ(Fields(*mapping), (Strings{"external_id", "gender", "last_name", "first_name"}));
}

TEST_F(MappingTest, OverridesWinByHeaderOrNumber) {
  const Mapping mapping = Map("student", {"Nom", "Prénom", "Geb", "Couleur"},
                              {{"Geb", "birth_date"}, {"1", "ignore"}, {"4", "classes"}});
  EXPECT_EQ(Fields(mapping), (Strings{"-", "first_name", "birth_date", "classes"}));
  EXPECT_EQ(mapping.columns[2].confidence, 1.0);
  EXPECT_EQ(Codes(mapping), (Strings{"missing_required_column"}));  // last_name was ignored
}

TEST_F(MappingTest, BadOverridesAreUsageErrors) {
  const ProfileSpec& student = *schema_.Profile("student");
  const std::vector<std::string> headers = {"Nom"};
  EXPECT_FALSE(MapColumns(schema_, student, headers, 1, {{"Absent", "last_name"}}));
  EXPECT_FALSE(MapColumns(schema_, student, headers, 1, {{"Nom", "child_last_name"}}));
  EXPECT_FALSE(MapColumns(schema_, student, headers, 1, {{"7", "last_name"}}));
}

// Every ENT template of the public corpus maps with no manual step and nothing critical.
TEST_F(MappingTest, EveryEntTemplateMapsWithoutCritical) {
  const std::filesystem::path dir = testing::CorpusDir() / "entcore-templates";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no corpus at " << dir;
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().stem().string();  // admin__fr__CSV_Eleves
    const ProfileSpec* profile = schema_.ProfileNamed(name.substr(name.rfind('_') + 1));
    ASSERT_NE(profile, nullptr) << name;
    Result<table::ReadOutcome> outcome = files::LoadTable(entry.path(), {});
    ASSERT_TRUE(outcome.has_value()) << name;
    const Mapping mapping = Map(profile->id, HeaderCells(outcome->table));
    for (const Diagnostic& diagnostic : mapping.diagnostics) {
      EXPECT_NE(diagnostic.severity, Severity::kCritical)
          << name << ": " << diagnostic.code << " " << diagnostic.field;
      EXPECT_NE(diagnostic.code, "unmapped_column") << name << ": " << diagnostic.Param("header");
    }
    ++files;
  }
  EXPECT_EQ(files, 30u);
}

// A 20 MB header once took minutes to match (the fuzzy comparison is quadratic in its length):
// only a bounded prefix is matched and kept, and a warning says so.
TEST_F(MappingTest, HugeHeaderIsMatchedOnABoundedPrefix) {
  const std::string huge = "Nom " + std::string(20 << 20, 'x');
  const Mapping mapping = Map("teacher", {huge, "Prénom*"});
  ASSERT_EQ(mapping.columns.size(), 2u);
  EXPECT_LE(mapping.columns[0].header.size(), kMaxHeaderBytes + 3);
  EXPECT_EQ(mapping.columns[1].field, "first_name");
  EXPECT_THAT(Codes(mapping), ::testing::Contains("header_too_long"));
  const auto warning =
      std::find_if(mapping.diagnostics.begin(), mapping.diagnostics.end(),
                   [](const Diagnostic& d) { return d.code == "header_too_long"; });
  ASSERT_NE(warning, mapping.diagnostics.end());
  EXPECT_EQ(warning->column, 1);
}

}  // namespace
}  // namespace rollcall::mapping
