// The CSV path: ParseCsv with a fixed dialect, the sniffers, and ReadCsv putting them together.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "table/csv.hpp"
#include "table/read.hpp"

namespace rollcall::table {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct Parsed {
  Table table;
  std::vector<Diagnostic> diagnostics;
};

Parsed Parse(std::string text, CsvDialect dialect = {}, Limits limits = {}) {
  Parsed parsed;
  Result<Table> table = ParseCsv(std::move(text), dialect, limits, parsed.diagnostics);
  EXPECT_TRUE(table.has_value());
  if (table) parsed.table = std::move(table).value();
  return parsed;
}

ReadOutcome Read(std::string bytes, ReadOptions options = {}) {
  Result<ReadOutcome> outcome = ReadCsv(std::move(bytes), options);
  EXPECT_TRUE(outcome.has_value());
  return outcome ? std::move(outcome).value() : ReadOutcome{};
}

std::vector<std::vector<std::string>> Rows(const Table& table) {
  std::vector<std::vector<std::string>> rows;
  for (std::size_t row_idx = 0; row_idx < table.row_count(); ++row_idx) {
    rows.push_back(table.RowTexts(row_idx));
  }
  return rows;
}

std::vector<std::uint32_t> Lines(const Table& table) {
  std::vector<std::uint32_t> lines;
  for (std::size_t row_idx = 0; row_idx < table.row_count(); ++row_idx) {
    lines.push_back(table.SourceLine(row_idx));
  }
  return lines;
}

using Row = std::vector<std::string>;

TEST(ParseCsv, QuotedDelimitersDoubledQuotesAndLineBreaks) {
  const Parsed parsed = Parse("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\nlast,row\n");
  EXPECT_THAT(Rows(parsed.table), ElementsAre(Row{"a", "b"}, Row{"x,y", "say \"hi\""},
                                              Row{"two\nlines", "z"}, Row{"last", "row"}));
  // A record's line is that of its first physical line.
  EXPECT_THAT(Lines(parsed.table), ElementsAre(1, 2, 3, 5));
  EXPECT_THAT(parsed.diagnostics, IsEmpty());
}

TEST(ParseCsv, AllLineEndings) {
  for (const char* text : {"a,b\r\nc,d\r\n", "a,b\nc,d\n", "a,b\rc,d\r", "a,b\r\nc,d"}) {
    SCOPED_TRACE(text);
    const Parsed parsed = Parse(text);
    EXPECT_THAT(Rows(parsed.table), ElementsAre(Row{"a", "b"}, Row{"c", "d"}));
    EXPECT_THAT(Lines(parsed.table), ElementsAre(1, 2));
  }
}

TEST(ParseCsv, QuotedLineBreakCountsCrLfOnce) {
  const Parsed parsed = Parse("\"a\r\nb\",c\r\nd,e\r\n");
  EXPECT_THAT(Lines(parsed.table), ElementsAre(1, 3));
}

TEST(ParseCsv, SpacesAroundQuotedFields) {
  CsvDialect dialect;
  dialect.delimiter = ';';
  const Parsed parsed = Parse("a; \"b;c\" ;d\n", dialect);
  EXPECT_THAT(Rows(parsed.table), ElementsAre(Row{"a", "b;c", "d"}));
}

TEST(ParseCsv, BlankLinesAreSkippedButCounted) {
  const Parsed parsed = Parse("a,b\n\n\r\nc,d\n\n");
  EXPECT_THAT(Rows(parsed.table), ElementsAre(Row{"a", "b"}, Row{"c", "d"}));
  EXPECT_THAT(Lines(parsed.table), ElementsAre(1, 4));
}

TEST(ParseCsv, DelimiterAtTheEndGivesAnEmptyLastCell) {
  EXPECT_THAT(Rows(Parse("a,b,").table), ElementsAre(Row{"a", "b", ""}));
  EXPECT_THAT(Rows(Parse("a,b,\n").table), ElementsAre(Row{"a", "b", ""}));
}

TEST(ParseCsv, UnterminatedQuoteKeepsTheRestOfTheFile) {
  const Parsed parsed = Parse("a,b\n\"oops,c\nd,e\n");
  EXPECT_THAT(Rows(parsed.table), ElementsAre(Row{"a", "b"}, Row{"\"oops", "c"}, Row{"d", "e"}));
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  EXPECT_EQ(parsed.diagnostics[0].code, "unterminated_quote");
  EXPECT_EQ(parsed.diagnostics[0].line, 2);
}

TEST(ParseCsv, TextAfterClosingQuoteIsKept) {
  const Parsed parsed = Parse("\"ab\"cd,e\n");
  EXPECT_THAT(Rows(parsed.table), ElementsAre(Row{"abcd", "e"}));
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  EXPECT_EQ(parsed.diagnostics[0].code, "text_after_closing_quote");
}

TEST(ParseCsv, QuoteInsideUnquotedCellIsText) {
  EXPECT_THAT(Rows(Parse("5\" disk,x\n").table), ElementsAre(Row{"5\" disk", "x"}));
}

TEST(ParseCsv, CommentsAndTrimmingWhenAsked) {
  CsvDialect dialect;
  dialect.comment = '#';
  dialect.trim_unquoted_spaces = true;
  EXPECT_THAT(Rows(Parse("# note\n a , b \n", dialect).table), ElementsAre(Row{"a", "b"}));
}

TEST(ParseCsv, LimitsAreErrorsNotPartialTables) {
  std::vector<Diagnostic> diagnostics;
  Limits limits;
  limits.max_rows = 2;
  Result<Table> rows = ParseCsv("a\nb\nc\n", CsvDialect{}, limits, diagnostics);
  ASSERT_FALSE(rows.has_value());
  EXPECT_EQ(rows.error().code, ErrorCode::kTooLarge);
  limits = Limits{};
  limits.max_columns = 3;
  Result<Table> columns = ParseCsv("a,b,c,d\n", CsvDialect{}, limits, diagnostics);
  ASSERT_FALSE(columns.has_value());
  EXPECT_EQ(columns.error().code, ErrorCode::kTooLarge);
}

TEST(ParseCsv, EmptyInput) { EXPECT_EQ(Parse("").table.row_count(), 0u); }

TEST(SniffDelimiter, EachCandidate) {
  EXPECT_EQ(SniffDelimiter("a,b,c\n1,2,3\n"), ',');
  EXPECT_EQ(SniffDelimiter("a;b;c\n1;2;3\n"), ';');
  EXPECT_EQ(SniffDelimiter("a\tb\tc\n1\t2\t3\n"), '\t');
  EXPECT_EQ(SniffDelimiter("a|b|c\n1|2|3\n"), '|');
}

TEST(SniffDelimiter, CommasInsideASemicolonFile) {
  EXPECT_EQ(SniffDelimiter("Nom;Adresse;Ville\nA;3, rue X;Paris\nB;5, rue Y, bis;Lyon\n"), ';');
}

TEST(SniffDelimiter, QuotedDelimitersDoNotCount) {
  EXPECT_EQ(SniffDelimiter("a;b\n\"x,y,z\";1\n\"p,q\";2\n"), ';');
}

TEST(SniffDelimiter, SingleColumnFallsBackToComma) { EXPECT_EQ(SniffDelimiter("a\nb\n"), ','); }

TEST(SniffHeader, NamesAboveValues) {
  EXPECT_TRUE(Read("Nom;Prénom;Date de naissance\nDUPONT;Jean;01/02/2015\n").info.header);
  EXPECT_TRUE(Read("first,last\nJohn,Doe\n").info.header);
}

TEST(SniffHeader, FirstRowWithValuesIsData) {
  // LOGINEO allows a file without header: source id, names, class, birth date.
  EXPECT_FALSE(
      Read("12345;Müller;Hans;5a;01.02.2010\n12346;Schulz;Eva;5a;03.04.2010\n").info.header);
  EXPECT_FALSE(Read("a@example.org;Jean\nb@example.org;Luc\n").info.header);
}

TEST(SniffHeader, FirstRowValueRepeatedInItsColumnIsData) {
  EXPECT_FALSE(Read("Müller;Hans;5a\nSchulz;Eva;5a\nKaya;Ali;5b\n").info.header);
}

TEST(ReadCsv, OptionsOverrideTheSniffers) {
  ReadOptions options;
  options.delimiter = ',';
  options.header = false;
  const ReadOutcome outcome = Read("a;b,c\n", options);
  EXPECT_EQ(outcome.info.delimiter, ',');
  EXPECT_FALSE(outcome.info.header);
  EXPECT_THAT(Rows(outcome.table), ElementsAre(Row{"a;b", "c"}));
}

TEST(ReadCsv, RaggedRowsAreReportedWithTheirLines) {
  const ReadOutcome outcome = Read("a;b;c\n1;2;3\n4;5\n6;7;8;9\n");
  ASSERT_EQ(outcome.diagnostics.size(), 2u);
  EXPECT_EQ(outcome.diagnostics[0].code, "ragged_row");
  EXPECT_EQ(outcome.diagnostics[0].line, 3);
  EXPECT_EQ(outcome.diagnostics[0].Param("kind"), "too_few_cells");
  EXPECT_EQ(outcome.diagnostics[1].line, 4);
  EXPECT_EQ(outcome.diagnostics[1].Param("kind"), "too_many_cells");
  EXPECT_EQ(outcome.diagnostics[1].Param("expected"), "3");
  EXPECT_EQ(outcome.diagnostics[1].Param("actual"), "4");
}

TEST(ReadCsv, TrailingDelimiterOnEveryLineIsDropped) {
  const ReadOutcome outcome = Read("a;b;\n1;2;\n3;4;\n");
  EXPECT_THAT(Rows(outcome.table), ElementsAre(Row{"a", "b"}, Row{"1", "2"}, Row{"3", "4"}));
  EXPECT_THAT(outcome.diagnostics, IsEmpty());
}

TEST(ReadCsv, TrailingDelimiterIsKeptOnRequest) {
  ReadOptions options;
  options.drop_trailing_empty_column = false;
  const ReadOutcome outcome = Read("UPDATE,a,0,\nUPDATE,b,1,\n", options);
  EXPECT_THAT(Rows(outcome.table),
              ElementsAre(Row{"UPDATE", "a", "0", ""}, Row{"UPDATE", "b", "1", ""}));
}

TEST(ReadCsv, TrailingDelimiterOnSomeLinesIsNotRagged) {
  EXPECT_THAT(Read("a;b\n1;2;\n3;4\n").diagnostics, IsEmpty());
}

TEST(ReadCsv, Windows1252SemicolonExport) {
  const ReadOutcome outcome = Read("Nom;Pr\xE9nom\r\nPOULAD-MALIN;Herv\xE9\r\n");
  EXPECT_EQ(outcome.info.encoding, text::Encoding::kWindows1252);
  EXPECT_EQ(outcome.info.delimiter, ';');
  EXPECT_THAT(Rows(outcome.table), ElementsAre(Row{"Nom", "Prénom"}, Row{"POULAD-MALIN", "Hervé"}));
  EXPECT_EQ(outcome.data_row_count(), 1u);
}

TEST(ReadCsv, DiagnosticsOfDecodingAndParsingAreInLineOrder) {
  const ReadOutcome outcome = Read(std::string("a;b\n1;2;3\nx\0;y\n", 15));
  ASSERT_EQ(outcome.diagnostics.size(), 2u);
  EXPECT_EQ(outcome.diagnostics[0].line, 2);
  EXPECT_EQ(outcome.diagnostics[1].code, "nul_byte");
  EXPECT_EQ(outcome.diagnostics[1].line, 3);
}

// Found by the CSV fuzzer: an empty file has no row to take the header width from.
TEST(ReadCsv, EmptyFileHasNoRowsAndNoDiagnostics) {
  const ReadOutcome outcome = Read("");
  EXPECT_EQ(outcome.data_row_count(), 0u);
  EXPECT_THAT(outcome.diagnostics, IsEmpty());
}

TEST(ReadTable, RecognisesFormats) {
  EXPECT_EQ(RecogniseFormat("a,b\n"), std::nullopt);
  EXPECT_EQ(RecogniseFormat(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)), Format::kXls);
  EXPECT_EQ(RecogniseFormat("PK\x03\x04...."), Format::kXlsx);
  // A zip tool that wrote content.xml before the mimetype entry.
  EXPECT_EQ(RecogniseFormat("PK\x03\x04....content.xml....PK\x01\x02mimetype"), Format::kOds);
  EXPECT_EQ(RecogniseFormat("PK\x03\x04....xl/workbook.xml....content.xml"), Format::kXlsx);
}

TEST(ReadTable, InputSizeLimit) {
  ReadOptions options;
  options.limits.max_input_bytes = 4;
  Result<ReadOutcome> outcome = ReadTable("a,b,c\n", options);
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().code, ErrorCode::kTooLarge);
}

}  // namespace
}  // namespace rollcall::table
