#include "report/template_writer.hpp"

#include <gtest/gtest.h>

#include "files/load.hpp"
#include "mapping/mapping.hpp"
#include "support/test_support.hpp"
#include "table/read.hpp"

namespace rollcall::report {
namespace {

constexpr Language kLanguages[] = {Language::kEn, Language::kFr, Language::kDe};

// A template, read back as a school would return it, maps onto its own fields with confidence 1.
void ExpectMapsBack(const mapping::Schema& schema, const mapping::ProfileSpec& profile,
                    const table::ReadOutcome& outcome) {
  ASSERT_TRUE(outcome.info.header);
  Result<mapping::Mapping> mapped = mapping::MapColumns(
      schema, profile, mapping::HeaderCells(outcome.table), outcome.table.max_cell_count(), {});
  ASSERT_TRUE(mapped.has_value());
  const std::vector<std::string> expected = mapping::TemplateColumns(profile);
  ASSERT_EQ(mapped->columns.size(), expected.size());
  for (std::size_t column_idx = 0; column_idx < expected.size(); ++column_idx) {
    EXPECT_EQ(mapped->columns[column_idx].field, expected[column_idx])
        << mapped->columns[column_idx].header;
    EXPECT_EQ(mapped->columns[column_idx].confidence, 1.0) << mapped->columns[column_idx].header;
  }
  EXPECT_TRUE(mapped->diagnostics.empty()) << mapped->diagnostics.front().code;
}

TEST(CsvTemplate, EveryProfileAndLanguageMapsBackOntoItself) {
  const mapping::Schema schema = mapping::DefaultSchema();
  for (const mapping::ProfileSpec& profile : schema.profiles()) {
    for (Language language : kLanguages) {
      SCOPED_TRACE(profile.id + " " + std::string(LanguageCode(language)));
      Result<table::ReadOutcome> outcome =
          table::ReadCsv(CsvTemplate(profile, schema, language), {});
      ASSERT_TRUE(outcome.has_value());
      ExpectMapsBack(schema, profile, *outcome);
    }
  }
}

TEST(CsvTemplate, SemicolonAndBomForFrenchAndGerman) {
  const mapping::Schema schema = mapping::DefaultSchema();
  const mapping::ProfileSpec& student = *schema.Profile("student");
  const std::string french = CsvTemplate(student, schema, Language::kFr);
  EXPECT_EQ(french.rfind("\xEF\xBB\xBFIdentifiant externe;Nom*;Prénom*;Date de naissance;", 0), 0u)
      << french;
  const std::string english = CsvTemplate(student, schema, Language::kEn);
  EXPECT_EQ(english.rfind("External id,Last name*,First name*,", 0), 0u) << english;
}

TEST(CsvTemplate, FollowsTheDeployment) {
  mapping::Schema schema = mapping::DefaultSchema();
  ASSERT_TRUE(mapping::ApplyDeployment(
      schema,
      "[templates.teacher]\nshow = [\"last_name\", \"first_name\", \"email\"]\n"
      "require = [\"email\"]\n"));
  EXPECT_EQ(CsvTemplate(*schema.Profile("teacher"), schema, Language::kDe),
            "\xEF\xBB\xBFNachname*;Vorname*;E-Mail*\r\n");
}

TEST(XlsxTemplate, EveryProfileMapsBackOntoItself) {
  const mapping::Schema schema = mapping::DefaultSchema();
  testing::TempDir dir;
  for (const mapping::ProfileSpec& profile : schema.profiles()) {
    for (Language language : kLanguages) {
      SCOPED_TRACE(profile.id + " " + std::string(LanguageCode(language)));
      const auto path = dir / (profile.id + std::string(LanguageCode(language)) + ".xlsx");
      ASSERT_TRUE(WriteXlsxTemplate(path, profile, schema, language).has_value());
      table::ReadOptions options;
      options.header = true;  // a template has no data row to sniff against
      Result<table::ReadOutcome> outcome = files::LoadTable(path, options);
      ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
      EXPECT_EQ(outcome->info.format, table::Format::kXlsx);
      ExpectMapsBack(schema, profile, *outcome);
    }
  }
}

}  // namespace
}  // namespace rollcall::report
