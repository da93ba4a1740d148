// Tiny spreadsheets that expand to gigabytes: one long text repeated across cells and rows (ODS)
// or one long shared string referenced by many cells (XLSX). The stored text is small; the limit
// must count the text as every later stage materialises it, once per cell.
#include <gtest/gtest.h>

#include <string>

#include "table/read.hpp"
#include "unit/table/zip_fixture.hpp"

namespace rollcall::table {
namespace {

// Letters that do not compress well, so the archive's ratio limit is not what refuses them.
std::string Scrambled(std::size_t size) {
  std::string text(size, 'a');
  std::uint32_t state = 12345;
  for (char& c : text) {
    state = state * 1103515245u + 12345u;
    c = static_cast<char>('a' + (state >> 16) % 26);
  }
  return text;
}

ReadOptions SmallTextLimit() {
  ReadOptions options;
  options.limits.max_uncompressed_bytes = 1 << 20;
  return options;
}

void ExpectExpansionRefused(const Result<ReadOutcome>& outcome) {
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, ErrorCode::kTooLarge) << outcome.error().message;
  EXPECT_NE(outcome.error().message.find("counted each time"), std::string::npos)
      << outcome.error().message;
}

TEST(ExpansionLimits, OdsRepeatedLongCellCountsEveryRepetition) {
  // 10 kB of text, 20 columns × 10 rows: 2 MB once expanded, over the 1 MB limit.
  const std::string cell = R"(<table:table-cell office:value-type="string" )"
                           R"(table:number-columns-repeated="20"><text:p>)" +
                           Scrambled(10'000) + "</text:p></table:table-cell>";
  const std::string sheet = R"(<table:table table:name="S"><table:table-row )"
                            R"(table:number-rows-repeated="10">)" +
                            cell + "</table:table-row></table:table>";
  ExpectExpansionRefused(ReadOds(testing::MakeOds(testing::OdsContent(sheet)), SmallTextLimit()));
}

TEST(ExpansionLimits, OdsSpacesElementBombIsRefused) {
  // A few hundred bytes: <text:s text:c> makes 60,000 spaces, repeated over 1,000 × 1,000 cells
  // (60 GB expanded) against the default limits.
  const std::string cell = R"(<table:table-cell office:value-type="string" )"
                           R"(table:number-columns-repeated="1000"><text:p>A<text:s )"
                           R"(text:c="60000"/>B</text:p></table:table-cell>)";
  const std::string sheet = R"(<table:table table:name="S"><table:table-row )"
                            R"(table:number-rows-repeated="1000">)" +
                            cell + "</table:table-row></table:table>";
  ExpectExpansionRefused(ReadOds(testing::MakeOds(testing::OdsContent(sheet)), ReadOptions{}));
}

TEST(ExpansionLimits, XlsxSharedLongStringCountsEveryReference) {
  // One shared string of 10 kB, referenced by 200 cells: 2 MB once expanded.
  testing::XlsxParts parts;
  parts.shared_strings = "<si><t>" + Scrambled(10'000) + "</t></si>";
  std::string rows = "<sheetData>";
  for (int row = 1; row <= 20; ++row) {
    rows += "<row r=\"" + std::to_string(row) + "\">";
    for (int column = 0; column < 10; ++column) rows += R"(<c t="s"><v>0</v></c>)";
    rows += "</row>";
  }
  parts.sheets = {rows + "</sheetData>"};
  ExpectExpansionRefused(ReadXlsx(testing::MakeXlsx(parts), SmallTextLimit()));
}

TEST(ExpansionLimits, OrdinaryRepetitionStaysWithinTheLimit) {
  const std::string cell = R"(<table:table-cell office:value-type="string" )"
                           R"(table:number-columns-repeated="3"><text:p>CM1</text:p>)"
                           R"(</table:table-cell>)";
  const std::string sheet = R"(<table:table table:name="S"><table:table-row )"
                            R"(table:number-rows-repeated="5">)" +
                            cell + "</table:table-row></table:table>";
  const auto outcome = ReadOds(testing::MakeOds(testing::OdsContent(sheet)), SmallTextLimit());
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->table.row_count(), 5u);
}

}  // namespace
}  // namespace rollcall::table
