#include "mapping/schema.hpp"

#include <gtest/gtest.h>

namespace rollcall::mapping {
namespace {

TEST(DefaultSchema, ParsesWithFiveProfiles) {
  Result<Schema> schema = ParseSchema(DefaultSchemaText());
  ASSERT_TRUE(schema.has_value()) << schema.error().message;
  for (const char* id : {"student", "guardian", "teacher", "staff", "guest"}) {
    EXPECT_NE(schema->Profile(id), nullptr) << id;
  }
}

TEST(DefaultSchema, OnlyStudentsRequireABirthDateUnlessTheyHaveAnExternalId) {
  const Schema schema = DefaultSchema();
  const ProfileSpec& student = *schema.Profile("student");
  EXPECT_TRUE(student.IsRequiredSomehow("birth_date"));
  ASSERT_NE(student.Excuse("birth_date"), nullptr);
  EXPECT_EQ(*student.Excuse("birth_date"), "external_id");
  for (const char* id : {"guardian", "teacher", "staff", "guest"}) {
    EXPECT_FALSE(schema.Profile(id)->IsRequiredSomehow("birth_date")) << id;
  }
}

TEST(DefaultSchema, CarriesTheFieldsOfTheIssue) {
  const Schema schema = DefaultSchema();
  for (const char* id :
       {"external_id", "login",         "last_name", "first_name", "birth_date",        "gender",
        "email",       "phone",         "mobile",    "address",    "postcode",          "city",
        "country",     "classes",       "courses",   "groups",     "child_external_id", "is_active",
        "role",        "org_unit_code", "password"}) {
    EXPECT_NE(schema.Field(id), nullptr) << id;
  }
  EXPECT_EQ(schema.Field("birth_date")->type, FieldType::kDate);
  EXPECT_EQ(schema.Field("classes")->type, FieldType::kGroupList);
  EXPECT_TRUE(schema.Field("classes")->repeats);
  EXPECT_EQ(schema.Field("child_last_name")->group, "child");
  EXPECT_TRUE(schema.Field("password")->secret);
}

TEST(DefaultSchema, ProfilesAreNamedInSeveralLanguages) {
  const Schema schema = DefaultSchema();
  EXPECT_EQ(schema.ProfileNamed("Élèves")->id, "student");
  EXPECT_EQ(schema.ProfileNamed("Lehrer")->id, "teacher");
  EXPECT_EQ(schema.ProfileNamed("padres")->id, "guardian");
  EXPECT_EQ(schema.ProfileNamed("nothing"), nullptr);
}

TEST(ParseSchema, ReportsProblems) {
  EXPECT_FALSE(ParseSchema("[fields.x]\ntype = \"colour\"\n[profiles.p]\nfields=[\"x\"]\n"));
  EXPECT_FALSE(ParseSchema("[fields.x]\n[profiles.p]\nfields = [\"y\"]\n"));
  EXPECT_FALSE(ParseSchema("[fields.x]\n[profiles.p]\nfields = [\"x\"]\nrequired = [\"z\"]\n"));
  EXPECT_FALSE(ParseSchema("not toml ["));
  EXPECT_FALSE(ParseSchema("[fields.x]\n"));  // no profile
}

TEST(ApplyDeployment, ChangesShownAndRequiredFields) {
  Schema schema = DefaultSchema();
  ASSERT_TRUE(ApplyDeployment(schema,
                              "[templates.teacher]\nshow = [\"last_name\", "
                              "\"first_name\"]\nrequire = [\"email\"]\n"));
  const ProfileSpec* teacher = schema.Profile("teacher");
  EXPECT_EQ(teacher->shown, (std::vector<std::string>{"last_name", "first_name"}));
  EXPECT_TRUE(teacher->Requires("email"));
  EXPECT_FALSE(ApplyDeployment(schema, "[templates.teacher]\nrequire = [\"child_last_name\"]\n"));
  EXPECT_FALSE(ApplyDeployment(schema, "[templates.martian]\nshow = []\n"));
}

}  // namespace
}  // namespace rollcall::mapping
