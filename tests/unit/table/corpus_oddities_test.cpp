// The odd files of the corpus (messytables "horror" files, csvkit examples, Commons CSV files
// without a control file): every file of the corpus is read without a crash (the tests run under
// ASan and UBSan) and with diagnostics that hold together; the interesting ones have explicit
// expectations, written from their bytes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "text/encoding.hpp"
#include "unit/table/corpus_support.hpp"

namespace rollcall::table {
namespace {

using testing::AllRows;
using testing::CorpusDir;
using testing::CorpusName;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::LinesOf;
using ::testing::Pair;
using testing::SourceLines;

const std::set<std::string_view> kKnownCodes = {
    "ragged_row",   "unterminated_quote", "text_after_closing_quote", "nul_byte",
    "invalid_byte", "line_not_utf8",      "truncated_character",      "diagnostics_suppressed"};

// Physical lines of `bytes` (LF, CR LF or lone CR), an upper bound for any diagnostic's line.
std::int64_t CountLines(std::string_view bytes) {
  std::int64_t lines = 1;
  for (std::size_t position = 0; position < bytes.size(); ++position) {
    const bool lone_cr =
        bytes[position] == '\r' && (position + 1 == bytes.size() || bytes[position + 1] != '\n');
    if (bytes[position] == '\n' || lone_cr) ++lines;
  }
  return lines;
}

void ExpectCoherent(const ReadOutcome& outcome, std::int64_t line_count) {
  std::uint32_t previous_line = 0;
  for (std::size_t row_idx = 0; row_idx < outcome.table.row_count(); ++row_idx) {
    EXPECT_GT(outcome.table.SourceLine(row_idx), previous_line) << "row " << row_idx;
    EXPECT_GE(outcome.table.cell_count(row_idx), 1u) << "row " << row_idx;
    previous_line = outcome.table.SourceLine(row_idx);
  }
  EXPECT_LE(previous_line, line_count);
  for (const Diagnostic& diagnostic : outcome.diagnostics) {
    EXPECT_TRUE(kKnownCodes.contains(diagnostic.code)) << ::testing::PrintToString(diagnostic);
    EXPECT_GE(diagnostic.line, diagnostic.code == "diagnostics_suppressed" ? 0 : 1);
    EXPECT_LE(diagnostic.line, line_count) << ::testing::PrintToString(diagnostic);
    if (diagnostic.code == "ragged_row") {
      EXPECT_NE(diagnostic.Param("expected"), diagnostic.Param("actual"));
    }
  }
}

TEST(CorpusOddities, EveryCorpusFileReadsCoherently) {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(CorpusDir())) {
    if (!entry.is_regular_file()) continue;
    SCOPED_TRACE(CorpusName(entry.path()));
    const std::string bytes = testing::ReadFile(entry.path());
    Result<ReadOutcome> outcome = ReadCsv(bytes, ReadOptions{});
    ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
    ExpectCoherent(outcome.value(), CountLines(bytes));
    ++files;
  }
  EXPECT_GT(files, 200u) << "corpus at " << CorpusDir();
}

// ---------------------------------------------------------------------------------------------
// csvkit examples

ReadOutcome ReadCsvkit(std::string_view name) {
  return testing::ReadCorpusCsv(CorpusDir() / "csv-conformance/csvkit-examples" / name);
}

TEST(CorpusCsvkit, BadRowsAreRaggedWithTheirLines) {
  const ReadOutcome outcome = ReadCsvkit("bad.csv");
  EXPECT_TRUE(outcome.info.header);
  EXPECT_EQ(outcome.data_row_count(), 3u);
  // Line 2 has a fourth cell, line 3 only two; the quotes are all closed.
  ASSERT_THAT(LinesOf(outcome.diagnostics, "ragged_row"), ElementsAre(2, 3));
  EXPECT_EQ(outcome.diagnostics[0].Param("kind"), "too_many_cells");
  EXPECT_EQ(outcome.diagnostics[1].Param("kind"), "too_few_cells");
  EXPECT_THAT(LinesOf(outcome.diagnostics, "unterminated_quote"), IsEmpty());
  EXPECT_EQ(outcome.table.Cell(1, 3), "I'm too long!");
}

TEST(CorpusCsvkit, LeadingBlankLinesAreSkippedButCounted) {
  const ReadOutcome bad = ReadCsvkit("bad_skip_lines.csv");
  EXPECT_THAT(SourceLines(bad.table), ElementsAre(4, 5, 6, 7));
  EXPECT_THAT(LinesOf(bad.diagnostics, "ragged_row"), ElementsAre(5, 6));
  const ReadOutcome skip = ReadCsvkit("test_skip_lines.csv");
  EXPECT_THAT(AllRows(skip.table),
              ElementsAre(ElementsAre("a", "b", "c"), ElementsAre("1", "2", "3")));
  EXPECT_THAT(SourceLines(skip.table), ElementsAre(4, 5));
}

TEST(CorpusCsvkit, EmptyFileIsAnEmptyTable) {
  const ReadOutcome outcome = ReadCsvkit("empty.csv");  // a single LF
  EXPECT_EQ(outcome.table.row_count(), 0u);
  EXPECT_THAT(outcome.diagnostics, IsEmpty());
}

TEST(CorpusCsvkit, NulByteIsReportedWithItsLine) {
  const ReadOutcome outcome = ReadCsvkit("null_byte.csv");  // "a,b,c\n\0,2,3\n"
  ASSERT_THAT(LinesOf(outcome.diagnostics, "nul_byte"), ElementsAre(2));
  EXPECT_EQ(outcome.diagnostics.size(), 1u);
  EXPECT_THAT(AllRows(outcome.table),
              ElementsAre(ElementsAre("a", "b", "c"), ElementsAre("", "2", "3")));
}

TEST(CorpusCsvkit, CrLineEndsOutsideQuotesEndRecords) {
  // "a,b,c\r1,2,3\r\"Once upon\ra time\",5,6\r": the CR inside quotes belongs to the cell.
  const ReadOutcome outcome = ReadCsvkit("mac_newlines.csv");
  EXPECT_THAT(AllRows(outcome.table),
              ElementsAre(ElementsAre("a", "b", "c"), ElementsAre("1", "2", "3"),
                          ElementsAre("Once upon\ra time", "5", "6")));
  EXPECT_THAT(SourceLines(outcome.table), ElementsAre(1, 2, 3));
  EXPECT_THAT(outcome.diagnostics, IsEmpty());
}

TEST(CorpusCsvkit, QuotedHeaderCellKeepsControlCharactersAndCountsItsLines) {
  // The first header cell spans LF and lone CR line ends (7 physical lines as Rollcall counts).
  const ReadOutcome outcome = ReadCsvkit("test_header_newline.csv");
  EXPECT_EQ(outcome.table.Cell(0, 0), "\t\n\v\f\r start \t\n\v\f\r end \t\n\v\f\r");
  EXPECT_THAT(outcome.table.RowTexts(1), ElementsAre("d", "e", "f"));
  EXPECT_THAT(SourceLines(outcome.table), ElementsAre(1, 8));
}

TEST(CorpusCsvkit, HeaderIsSniffed) {
  EXPECT_FALSE(ReadCsvkit("no_header_row.csv").info.header);  // "1,2,3"
  EXPECT_TRUE(ReadCsvkit("test_ignore_case.csv").info.header);
  EXPECT_TRUE(ReadCsvkit("date_like_number.csv").info.header);
  EXPECT_TRUE(ReadCsvkit("test_date_format.csv").info.header);
}

TEST(CorpusCsvkit, DelimitersAreSniffed) {
  EXPECT_EQ(ReadCsvkit("sniff_limit.csv").info.delimiter, ';');
  EXPECT_EQ(ReadCsvkit("dummy.tsv").info.delimiter, '\t');
  EXPECT_EQ(ReadCsvkit("bad.csv").info.delimiter, ',');
}

TEST(CorpusCsvkit, EncodingsAreDetectedAndDecoded) {
  struct Case {
    std::string_view name;
    text::Encoding encoding;
    std::string_view header;  // first header cell
    std::string_view last;    // cell (2, 2)
  };
  const Case kCases[] = {
      {"test_utf8.csv", text::Encoding::kUtf8, "foo", "ʤ"},
      {"test_utf8_bom.csv", text::Encoding::kUtf8Bom, "foo", "ʤ"},
      {"test_utf16_big.csv", text::Encoding::kUtf16Be, "a", "ʤ"},
      {"test_utf16_little.csv", text::Encoding::kUtf16Le, "a", "ʤ"},
  };
  for (const Case& test_case : kCases) {
    SCOPED_TRACE(test_case.name);
    const ReadOutcome outcome = ReadCsvkit(test_case.name);
    EXPECT_EQ(outcome.info.encoding, test_case.encoding);
    EXPECT_EQ(outcome.table.Cell(0, 0), test_case.header);
    EXPECT_EQ(outcome.table.Cell(2, 2), test_case.last);
    EXPECT_EQ(outcome.data_row_count(), 2u);
    EXPECT_THAT(outcome.diagnostics, IsEmpty());
  }
}

TEST(CorpusCsvkit, Latin1ByteIsDecoded) {
  const ReadOutcome outcome = ReadCsvkit("test_latin1.csv");  // ends with byte 0xA9
  EXPECT_THAT(text::EncodingName(outcome.info.encoding),
              ::testing::AnyOf("windows-1252", "iso-8859-15"));
  EXPECT_EQ(outcome.table.Cell(2, 2), "©");
  EXPECT_THAT(outcome.diagnostics, IsEmpty());
}

TEST(CorpusCsvkit, EmptyAndRaggedColumns) {
  // ",,," under "a,b,c" is one empty cell too many: a trailing delimiter, not a ragged row.
  EXPECT_THAT(ReadCsvkit("test_empty_columns_long_row.csv").diagnostics, IsEmpty());
  EXPECT_THAT(LinesOf(ReadCsvkit("test_empty_columns_short_row.csv").diagnostics, "ragged_row"),
              ElementsAre(2));
  EXPECT_THAT(LinesOf(ReadCsvkit("test_extra_header.csv").diagnostics, "ragged_row"),
              ElementsAre(2));
  const ReadOutcome blanks = ReadCsvkit("blanks.csv");
  EXPECT_THAT(blanks.table.RowTexts(1), ElementsAre("", "NA", "N/A", "NONE", "NULL", "."));
  const ReadOutcome locale = ReadCsvkit("test_locale.csv");
  EXPECT_THAT(locale.table.RowTexts(1), ElementsAre("1,7", "200.000.000", ""));
}

TEST(CorpusCsvkit, CellsStayTextAsWritten) {
  EXPECT_THAT(ReadCsvkit("optional_quote_characters.csv").table.RowTexts(1),
              ElementsAre("1", "2", "3"));
  EXPECT_THAT(ReadCsvkit("test_no_leading_zeroes.csv").table.RowTexts(1),
              ElementsAre("01", "00.11", "0.1"));
}

// ---------------------------------------------------------------------------------------------
// messytables "horror" files

ReadOutcome ReadMessy(std::string_view name) {
  return testing::ReadCorpusCsv(CorpusDir() / "csv-conformance/messytables-horror" / name);
}

TEST(CorpusMessytables, Utf16LeExportWithCrLf) {
  const ReadOutcome outcome = ReadMessy("utf-16le_encoded.csv");  // BOM FF FE, CRLF line ends
  EXPECT_EQ(outcome.info.encoding, text::Encoding::kUtf16Le);
  EXPECT_EQ(outcome.info.delimiter, ',');
  EXPECT_TRUE(outcome.info.header);
  EXPECT_EQ(outcome.table.Cell(0, 0), "Organisation_code");
  EXPECT_EQ(outcome.table.Cell(1, 1), "Enfield PCT");
  EXPECT_EQ(outcome.data_row_count(), 327u);
  EXPECT_EQ(outcome.table.SourceLine(outcome.table.row_count() - 1), 328u);
  EXPECT_THAT(outcome.diagnostics, IsEmpty());
}

TEST(CorpusMessytables, Windows1252WithQuotedCrAndMixedLineEnds) {
  // CRLF line ends, plus three lone CRs just before the closing quote of a cell.
  const ReadOutcome outcome = ReadMessy("spanish_chars.csv");
  EXPECT_THAT(text::EncodingName(outcome.info.encoding),
              ::testing::AnyOf("windows-1252", "iso-8859-15"));
  EXPECT_EQ(outcome.table.Cell(0, 7), "Descripción");
  EXPECT_EQ(outcome.data_row_count(), 116u);
  std::vector<std::uint32_t> lines_with_cr;
  for (std::size_t row_idx = 0; row_idx < outcome.table.row_count(); ++row_idx) {
    if (outcome.table.Cell(row_idx, 7).ends_with('\r')) {
      lines_with_cr.push_back(outcome.table.SourceLine(row_idx));
    }
  }
  EXPECT_THAT(lines_with_cr, ElementsAre(26, 28, 37));
  EXPECT_EQ(outcome.table.SourceLine(outcome.table.row_count() - 1), 120u);
  EXPECT_THAT(outcome.diagnostics, IsEmpty());
}

TEST(CorpusMessytables, Windows1252GermanExport) {
  const ReadOutcome outcome = ReadMessy("sparse_with_column_errors.csv");
  EXPECT_THAT(text::EncodingName(outcome.info.encoding),
              ::testing::AnyOf("windows-1252", "iso-8859-15"));
  EXPECT_TRUE(outcome.table.Cell(1, 1).starts_with("Trägerorganisationen;"));
  EXPECT_EQ(outcome.data_row_count(), 2237u);
  EXPECT_THAT(outcome.diagnostics, IsEmpty());
}

TEST(CorpusMessytables, CrOnlyLineEnds) {
  const ReadOutcome outcome = ReadMessy("mixedGLB.csv");
  EXPECT_EQ(outcome.info.delimiter, ',');
  ASSERT_EQ(outcome.table.row_count(), 137u);
  for (std::size_t row_idx = 0; row_idx < outcome.table.row_count(); ++row_idx) {
    EXPECT_EQ(outcome.table.SourceLine(row_idx), row_idx + 1);
  }
  EXPECT_EQ(outcome.table.Cell(3, 1), "Jan");
  EXPECT_THAT(outcome.diagnostics, IsEmpty());
}

TEST(CorpusMessytables, QuotedLineBreaksAmongCrLfLines) {
  const ReadOutcome outcome = ReadMessy("excel_pasting.csv");
  std::vector<std::pair<std::uint32_t, std::string_view>> cells_with_lf;
  for (std::size_t row_idx = 0; row_idx < outcome.table.row_count(); ++row_idx) {
    const std::string_view cell = outcome.table.Cell(row_idx, 0);
    if (cell.find('\n') != std::string_view::npos) {
      cells_with_lf.emplace_back(outcome.table.SourceLine(row_idx), cell);
    }
  }
  EXPECT_THAT(cells_with_lf, ElementsAre(Pair(14, "Machinery and \nequipment"),
                                         Pair(16, "Pulp, paper, publishing\nand printing"),
                                         Pair(19, "Cement, lime, concrete \nand stones")));
  EXPECT_EQ(outcome.data_row_count(), 20u);
  EXPECT_THAT(outcome.diagnostics, IsEmpty());
}

TEST(CorpusMessytables, DelimitersOfEveryFlavour) {
  EXPECT_EQ(ReadMessy("simple.csv").info.delimiter, ',');
  EXPECT_EQ(ReadMessy("simple.ssv").info.delimiter, ';');
  EXPECT_EQ(ReadMessy("simple.psv").info.delimiter, '|');
  EXPECT_EQ(ReadMessy("weird_head_padding.csv").info.delimiter, ';');
  const ReadOutcome tsv = ReadMessy("example.tsv");
  EXPECT_EQ(tsv.info.delimiter, '\t');
  EXPECT_EQ(tsv.data_row_count(), 140u);
}

TEST(CorpusMessytables, SpacesBeforeAQuotedCell) {
  // `2011-01-03, , "6,000,000",Galway`: the quote after a space still opens a quoted cell.
  const ReadOutcome outcome = ReadMessy("complex.csv");
  EXPECT_THAT(outcome.table.RowTexts(3), ElementsAre("2011-01-03", " ", "6,000,000", "Galway"));
  EXPECT_THAT(outcome.diagnostics, IsEmpty());
}

TEST(CorpusMessytables, SpacesInUnquotedCellsAreKept) {
  EXPECT_THAT(ReadMessy("skip_initials.csv").table.RowTexts(1),
              ElementsAre("hello", "    goodbye"));
}

TEST(CorpusMessytables, TinyFiles) {
  const ReadOutcome small = ReadMessy("small.csv");  // "a", no line end
  EXPECT_THAT(AllRows(small.table), ElementsAre(ElementsAre("a")));
  EXPECT_EQ(small.data_row_count(), 0u);
  const ReadOutcome bom = ReadMessy("utf8bom.csv");
  EXPECT_EQ(bom.info.encoding, text::Encoding::kUtf8Bom);
  EXPECT_THAT(AllRows(bom.table), ElementsAre(ElementsAre("kitten", "win")));
}

TEST(CorpusMessytables, FirstRowsOfDataAreNotHeaders) {
  EXPECT_FALSE(ReadMessy("null.csv").info.header);      // "1,null,0,0"
  const ReadOutcome long_file = ReadMessy("long.csv");  // "foo" 4000 times
  EXPECT_FALSE(long_file.info.header);
  EXPECT_EQ(long_file.table.row_count(), 4000u);
}

TEST(CorpusMessytables, PreambleAndNotesAreTheRaggedRows) {
  // A one-cell title, 7 lines of preamble, an 11-column table (lines 11-73), then notes.
  const ReadOutcome outcome = ReadMessy("weird_head_padding.csv");
  EXPECT_FALSE(outcome.info.header);
  const std::vector<std::int64_t> ragged = LinesOf(outcome.diagnostics, "ragged_row");
  EXPECT_THAT(ragged, ElementsAre(3, 4, 5, 6, 7, 8, 9, 10, 74, 75, 76, 78, 79, 81, 82, 83, 85, 86,
                                  88, 89, 90, 92, 93, 94));
  EXPECT_EQ(ragged.size(), outcome.diagnostics.size());
}

// ---------------------------------------------------------------------------------------------
// Commons CSV files without a control file

ReadOutcome ReadCommons(std::string_view name) {
  return testing::ReadCorpusCsv(CorpusDir() / "csv-conformance/commons-csv" / name);
}

TEST(CorpusCommonsOddities, BrokenQuotesAreReportedWhereTheyAre) {
  // Line 3 opens a quote that closes at the start of line 4, followed by text; the last quote of
  // line 4 never closes.
  const ReadOutcome outcome = ReadCommons("CSV-141__csv-141.csv");
  EXPECT_EQ(outcome.table.row_count(), 3u);
  EXPECT_THAT(LinesOf(outcome.diagnostics, "ragged_row"), ElementsAre(3));
  ASSERT_THAT(LinesOf(outcome.diagnostics, "text_after_closing_quote"), ElementsAre(4));
  ASSERT_THAT(LinesOf(outcome.diagnostics, "unterminated_quote"), ElementsAre(4));
  EXPECT_EQ(outcome.diagnostics[1].column, 3);
  EXPECT_EQ(outcome.diagnostics[2].column, 7);
  EXPECT_EQ(outcome.table.Cell(1, 4), "pass sem1 _84:\\");
}

TEST(CorpusCommonsOddities, PsqlExportKeepsQuotedControlCharacters) {
  const ReadOutcome csv = ReadCommons("CSV-290__psql.csv");
  EXPECT_FALSE(csv.info.header);
  EXPECT_EQ(csv.table.Cell(1, 2), "\\b:\b \\t:\t \\n:\n \\r:\r");
  EXPECT_THAT(SourceLines(csv.table), ElementsAre(1, 3, 6));  // the lone CR counts as a line
  EXPECT_THAT(csv.table.RowTexts(2), ElementsAre("3", "a", "b,c,d", "\"quoted\"", "e"));
  const ReadOutcome tsv = ReadCommons("CSV-290__psql.tsv");
  EXPECT_EQ(tsv.info.delimiter, '\t');
  EXPECT_THAT(tsv.table.RowTexts(2), ElementsAre("3", "a", "b,c,d", "quoted", "e"));
  EXPECT_THAT(csv.diagnostics, IsEmpty());
  EXPECT_THAT(tsv.diagnostics, IsEmpty());
}

TEST(CorpusCommonsOddities, BomAndMultiByteText) {
  const ReadOutcome bom = ReadCommons("CSVFileParser__bom.csv");
  EXPECT_EQ(bom.info.encoding, text::Encoding::kUtf8Bom);
  EXPECT_EQ(bom.table.Cell(0, 0), "Date");
  EXPECT_EQ(bom.data_row_count(), 251u);
  EXPECT_EQ(ReadCommons("CSV-196__emoji.csv").data_row_count(), 4u);
  const ReadOutcome japanese = ReadCommons("CSV-196__japanese.csv");
  EXPECT_EQ(japanese.data_row_count(), 3u);
  EXPECT_TRUE(japanese.table.Cell(1, 2).starts_with("きちんと"));
}

TEST(CorpusCommonsOddities, QuotedSemicolonFile) {
  const ReadOutcome outcome = ReadCommons("CSV-213__999751170.patch.csv");
  EXPECT_EQ(outcome.info.delimiter, ';');
  EXPECT_THAT(AllRows(outcome.table),
              ElementsAre(ElementsAre("CHANELID", "ADDRESS"), ElementsAre("27", "")));
}

TEST(CorpusCommonsOddities, EmptyAndQuotedEmptyCells) {
  const ReadOutcome outcome = ReadCommons("CSV-254__csv-254.csv");  // AA,33, / AA,,"" / ,33,CC
  EXPECT_FALSE(outcome.info.header);
  EXPECT_THAT(AllRows(outcome.table),
              ElementsAre(ElementsAre("AA", "33", ""), ElementsAre("AA", "", ""),
                          ElementsAre("", "33", "CC")));
  EXPECT_THAT(outcome.diagnostics, IsEmpty());
}

TEST(CorpusCommonsOddities, CommentLinesAreTheRaggedRowsWithoutACommentDialect) {
  // ReadCsv does not sniff comments: the four `#` lines are one-cell rows among three-cell ones.
  const ReadOutcome outcome = ReadCommons("csv-167__sample1.csv");
  EXPECT_FALSE(outcome.info.header);
  EXPECT_THAT(LinesOf(outcome.diagnostics, "ragged_row"), ElementsAre(1, 4, 5, 6));
}

}  // namespace
}  // namespace rollcall::table
