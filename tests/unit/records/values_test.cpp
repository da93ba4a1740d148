#include "records/values.hpp"

#include <gtest/gtest.h>

namespace rollcall::records {
namespace {

std::string Date(std::string_view text) {
  const std::optional<ParsedDate> date = ParseDate(text, 2026);
  return date ? date->iso : "invalid";
}

TEST(ParseDate, CommonSpellings) {
  EXPECT_EQ(Date("16/10/2013"), "2013-10-16");
  EXPECT_EQ(Date("02.01.2000"), "2000-01-02");
  EXPECT_EQ(Date("2015-09-01"), "2015-09-01");
  EXPECT_EQ(Date("2015/09/01"), "2015-09-01");
  EXPECT_EQ(Date("5/7/2015"), "2015-07-05");
  EXPECT_EQ(Date(" 28-09-2001 "), "2001-09-28");
  EXPECT_EQ(Date("28/09/2001 00:00:00"), "2001-09-28");
  EXPECT_EQ(Date("2001-09-28T00:00:00"), "2001-09-28");
}

TEST(ParseDate, TwoDigitYearsFollowTheReferenceYear) {
  EXPECT_EQ(Date("01/02/15"), "2015-02-01");  // a pupil
  EXPECT_EQ(Date("01/02/26"), "2026-02-01");
  EXPECT_EQ(Date("01/02/68"), "1968-02-01");  // a teacher
}

TEST(ParseDate, ExcelSerials) {
  EXPECT_EQ(Date("42005"), "2015-01-01");
  EXPECT_EQ(Date("36526"), "2000-01-01");
  EXPECT_EQ(Date("1"), "1900-01-01");
  EXPECT_EQ(Date("61"), "1900-03-01");
  EXPECT_EQ(Date("60"), "invalid");  // the 29 February 1900 Excel invents
  EXPECT_EQ(Date("42005.0"), "2015-01-01");
}

TEST(ParseDate, MonthFirstOnlyWhenDayFirstIsImpossible) {
  const std::optional<ParsedDate> date = ParseDate("12/31/2015", 2026);
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(date->iso, "2015-12-31");
  EXPECT_TRUE(date->month_first);
  EXPECT_FALSE(ParseDate("03/04/2015", 2026)->month_first);
}

TEST(ParseDate, RejectsWhatIsNotADate) {
  for (const char* text : {"31/02/2015", "29/02/2015", "", "demain", "2015-13-01", "1/2",
                           "12/03/2015x", "1.2.3.4", "-5"}) {
    EXPECT_EQ(Date(text), "invalid") << text;
  }
  EXPECT_EQ(Date("29/02/2016"), "2016-02-29");
}

TEST(ParseBoolean, InSeveralLanguages) {
  for (const char* yes : {"1", "oui", "Ja", "TRUE", "yes", "vrai", "x", "actif"}) {
    EXPECT_EQ(ParseBoolean(yes), "1") << yes;
  }
  for (const char* no : {"0", "non", "Nein", "false", "no", "faux", "inactive"}) {
    EXPECT_EQ(ParseBoolean(no), "0") << no;
  }
  EXPECT_EQ(ParseBoolean("peut-être"), std::nullopt);
}

TEST(ParseEmail, ValidatesAndLowerCasesTheDomain) {
  EXPECT_EQ(ParseEmail(" Jean.Dupont@Ecole.FR "), "Jean.Dupont@ecole.fr");
  for (const char* bad : {"jean", "jean@", "@ecole.fr", "jean@ecole", "jean dupont@ecole.fr",
                          "a@@b.fr", "jean..d@ecole.fr", "jean@ecole.f", "a@b;c.fr"}) {
    EXPECT_EQ(ParseEmail(bad), std::nullopt) << bad;
  }
}

TEST(ParsePhone, KeepsDigitsAndTheInternationalPrefix) {
  EXPECT_EQ(ParsePhone("01 23 45 67 89"), "0123456789");
  EXPECT_EQ(ParsePhone("+33 (0)6.12.34.56.78"), "+330612345678");
  EXPECT_EQ(ParsePhone("0049 30 1234567"), "+49301234567");
  EXPECT_EQ(ParsePhone("030/1234-567"), "0301234567");
  EXPECT_EQ(ParsePhone("12345"), std::nullopt);
  EXPECT_EQ(ParsePhone("call me"), std::nullopt);
}

TEST(ParseEnum, CivilityAliases) {
  const mapping::Schema schema = mapping::DefaultSchema();
  const mapping::FieldSpec& gender = *schema.Field("gender");
  EXPECT_EQ(ParseEnum(gender, "M."), "male");
  EXPECT_EQ(ParseEnum(gender, "MME"), "female");
  EXPECT_EQ(ParseEnum(gender, "Herr"), "male");
  EXPECT_EQ(ParseEnum(gender, "Frau"), "female");
  EXPECT_EQ(ParseEnum(gender, "divers"), "other");
  EXPECT_EQ(ParseEnum(gender, "Sir Lancelot"), std::nullopt);
}

TEST(SplitList, PipesTrimmedWithoutRepeats) {
  EXPECT_EQ(SplitList("5a|Mathe-5a"), (std::vector<std::string>{"5a", "Mathe-5a"}));
  EXPECT_EQ(SplitList(" 5a | | 5a |Englisch "), (std::vector<std::string>{"5a", "Englisch"}));
  EXPECT_TRUE(SplitList("").empty());
}

TEST(IsClearMarker, AnyCase) {
  EXPECT_TRUE(IsClearMarker("#CLEAR"));
  EXPECT_TRUE(IsClearMarker(" #clear "));
  EXPECT_FALSE(IsClearMarker("#CLEARED"));
}

}  // namespace
}  // namespace rollcall::records
