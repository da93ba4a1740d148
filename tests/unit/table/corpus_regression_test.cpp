// Minimal synthetic reproductions of reader bugs that the public corpus revealed, so that each
// fix stays protected even if the corpus moves. The corpus file behind each is named.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "table/csv.hpp"
#include "table/read.hpp"
#include "unit/table/corpus_support.hpp"

namespace rollcall::table {
namespace {

using ::testing::ElementsAre;

ReadOutcome Read(std::string bytes) {
  Result<ReadOutcome> outcome = ReadCsv(std::move(bytes), ReadOptions{});
  EXPECT_TRUE(outcome.has_value());
  return outcome ? std::move(outcome).value() : ReadOutcome{};
}

// csvkit test_ignore_case.csv: the header "a" also appears as a value of column c, but columns a
// and b hold numbers and dates under text names, which only a header row does.
TEST(CorpusRegression, NamesAboveColumnsOfValuesOutweighANameRepeatedBelow) {
  EXPECT_TRUE(Read("a,b,c\n100,2003-01-01,a\n20,2002-01-01,b\n").info.header);
  EXPECT_TRUE(
      Read("Classe;Naissance\n6A;01/02/2012\n6A;03/04/2012\nClasse;05/06/2012\n").info.header);
  // Without columns of values, a repeated first-row cell still makes the row data.
  EXPECT_FALSE(Read("Müller;Hans;5a\nSchulz;Eva;5a\n").info.header);
}

// messytables weird_head_padding.csv, Commons CSV csv-167 sample1.csv: a one-cell title or comment
// line above the table was taken for its header, and every real row was then reported ragged.
TEST(CorpusRegression, OneCellTitleAboveWiderRowsIsNotAHeader) {
  const ReadOutcome outcome =
      Read("Liste des élèves\nNom;Prénom;Classe\nDupont;Jean;6A\nMartin;Paul;6B\n");
  EXPECT_FALSE(outcome.info.header);
  EXPECT_THAT(testing::LinesOf(outcome.diagnostics, "ragged_row"), ElementsAre(1));
  // A one-column file keeps its header.
  EXPECT_TRUE(Read("Nom\nDupont\nMartin\n").info.header);
}

// csv-167 sample1.csv: as many one-cell comment lines as three-cell rows; the tie went to the
// narrow width and the real rows were reported instead of the comments.
TEST(CorpusRegression, RaggedRowsOfATieAreTheNarrowOnes) {
  const ReadOutcome outcome = Read("# export\nx,y,z\n# part 2\n1,2,3\n");
  EXPECT_FALSE(outcome.info.header);
  ASSERT_THAT(testing::LinesOf(outcome.diagnostics, "ragged_row"), ElementsAre(1, 3));
  EXPECT_EQ(outcome.diagnostics[0].Param("expected"), "3");
}

}  // namespace
}  // namespace rollcall::table
