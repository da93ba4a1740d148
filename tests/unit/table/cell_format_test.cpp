// The text conventions every spreadsheet reader shares: numbers, serial dates, ISO dates and
// the classification of number formats.
#include "table/cell_format.hpp"

#include <gtest/gtest.h>

namespace rollcall::table {
namespace {

TEST(CellFormat, NumbersAreShortestWithoutExponentForIntegers) {
  EXPECT_EQ(FormatNumber(0.1), "0.1");
  EXPECT_EQ(FormatNumber(12.5), "12.5");
  EXPECT_EQ(FormatNumber(100000), "100000");
  EXPECT_EQ(FormatNumber(123456789012.0), "123456789012");
  EXPECT_EQ(FormatNumber(1e20), "100000000000000000000");
  EXPECT_EQ(FormatNumber(-0.0), "0");
  EXPECT_EQ(FormatNumber(-2.5), "-2.5");
  EXPECT_EQ(FormatNumber(1e-7), "1e-07");
  EXPECT_EQ(FormatNumberText("1E+3"), "1000");
  EXPECT_EQ(FormatNumberText(" 42 "), "42");
  EXPECT_EQ(FormatNumberText("12abc"), std::nullopt);
  EXPECT_EQ(FormatNumberText("nan"), std::nullopt);
}

TEST(CellFormat, SerialDatesFollowExcelsCalendars) {
  EXPECT_EQ(FormatSerialDate(1, false, NumberFormatKind::kDate), "1900-01-01");
  EXPECT_EQ(FormatSerialDate(59, false, NumberFormatKind::kDate), "1900-02-28");
  EXPECT_EQ(FormatSerialDate(61, false, NumberFormatKind::kDate), "1900-03-01");
  EXPECT_EQ(FormatSerialDate(43831, false, NumberFormatKind::kDate), "2020-01-01");
  EXPECT_EQ(FormatSerialDate(43831.5, false, NumberFormatKind::kDate), "2020-01-01 12:00:00");
  EXPECT_EQ(FormatSerialDate(43831.9999999, false, NumberFormatKind::kDate), "2020-01-02");
  EXPECT_EQ(FormatSerialDate(0, true, NumberFormatKind::kDate), "1904-01-01");
  EXPECT_EQ(FormatSerialDate(0.3541666667, false, NumberFormatKind::kTime), "08:30:00");
  EXPECT_EQ(FormatSerialDate(-1, false, NumberFormatKind::kDate), std::nullopt);
  EXPECT_EQ(FormatSerialDate(3e6, false, NumberFormatKind::kDate), std::nullopt);
}

TEST(CellFormat, IsoDatesKeepTheirTimeOnlyWhenThereIsOne) {
  EXPECT_EQ(NormaliseIsoDateTime("2024-01-15"), "2024-01-15");
  EXPECT_EQ(NormaliseIsoDateTime("2024-01-15T00:00:00"), "2024-01-15");
  EXPECT_EQ(NormaliseIsoDateTime("2024-01-15T08:30:05.250Z"), "2024-01-15 08:30:05");
  EXPECT_EQ(NormaliseIsoDateTime("2024-02-30"), std::nullopt);
  EXPECT_EQ(NormaliseIsoDateTime("15/01/2024"), std::nullopt);
  EXPECT_EQ(NormaliseIsoDateTime("2024-01-15T25:00:00"), std::nullopt);
}

TEST(CellFormat, ClassifiesNumberFormats) {
  for (const char* code : {"dd/mm/yyyy", "d-mmm-yy", "mmm-yy", "yyyy-mm-dd hh:mm",
                           "[$-40C]dddd d mmmm yyyy", "DD.MM.YYYY", "m/d/yy h:mm AM/PM"}) {
    EXPECT_EQ(ClassifyNumberFormat(code), NumberFormatKind::kDate) << code;
  }
  for (const char* code : {"h:mm", "hh:mm:ss", "[h]:mm:ss", "mm:ss", "h AM/PM"}) {
    EXPECT_EQ(ClassifyNumberFormat(code), NumberFormatKind::kTime) << code;
  }
  for (const char* code : {"General", "0.00", "#,##0 \"jours\"", "[Red]0.00", "0\\d", "@",
                           "_-* #,##0.00 [$€-40C]_-"}) {
    EXPECT_EQ(ClassifyNumberFormat(code), NumberFormatKind::kNumber) << code;
  }
  EXPECT_EQ(BuiltinNumberFormatKind(14), NumberFormatKind::kDate);
  EXPECT_EQ(BuiltinNumberFormatKind(22), NumberFormatKind::kDate);
  EXPECT_EQ(BuiltinNumberFormatKind(20), NumberFormatKind::kTime);
  EXPECT_EQ(BuiltinNumberFormatKind(2), NumberFormatKind::kNumber);
}

}  // namespace
}  // namespace rollcall::table
