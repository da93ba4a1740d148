// ODS reading: packages written by the test as LibreOffice writes them (mimetype stored first,
// manifest, content.xml), including its habit of repeating blank rows and cells to the sheet's
// edge, and hostile content.
#include <gtest/gtest.h>

#include <string>

#include "table/read.hpp"
#include "unit/table/zip_fixture.hpp"

namespace rollcall::table {
namespace {

using testing::MakeOds;
using testing::MakeZip;
using testing::OdsContent;

// LibreOffice ends every sheet with blank rows and cells repeated to the sheet's edge.
constexpr std::string_view kTrailingBlankRows =
    R"(<table:table-row table:number-rows-repeated="1048574">)"
    R"(<table:table-cell table:number-columns-repeated="16384"/></table:table-row>)";

std::string Sheet(std::string_view name, std::string_view rows) {
  return "<table:table table:name=\"" + std::string(name) + "\">" +
         R"(<table:table-column table:number-columns-repeated="16384"/>)" + std::string(rows) +
         std::string(kTrailingBlankRows) + "</table:table>";
}

std::string Row(std::string_view cells, std::string_view attributes = "") {
  return "<table:table-row " + std::string(attributes) + ">" + std::string(cells) +
         R"(<table:table-cell table:number-columns-repeated="16380"/></table:table-row>)";
}

std::string TextCell(std::string_view text) {
  return "<table:table-cell office:value-type=\"string\" calcext:value-type=\"string\"><text:p>" +
         std::string(text) + "</text:p></table:table-cell>";
}

Result<ReadOutcome> Read(std::string_view bytes, ReadOptions options = {}) {
  return ReadOds(bytes, options);
}

void ExpectError(const Result<ReadOutcome>& outcome, ErrorCode code, std::string_view words) {
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, code) << outcome.error().message;
  EXPECT_NE(outcome.error().message.find(words), std::string::npos) << outcome.error().message;
}

std::string RosterOds() {
  const std::string pupils = Sheet(
      "Élèves",
      Row(TextCell("Nom") + TextCell("Prénom") + TextCell("Naissance") + TextCell("Moyenne")) +
          Row(TextCell("Müller") + TextCell("Zoé") +
              R"(<table:table-cell office:value-type="date" office:date-value="2012-03-04">)"
              R"(<text:p>04/03/2012</text:p></table:table-cell>)"
              R"(<table:table-cell office:value-type="float" office:value="12.5">)"
              R"(<text:p>12,50</text:p></table:table-cell>)"));
  const std::string teachers = Sheet("Profs", Row(TextCell("Nom")) + Row(TextCell("Dupré")));
  return MakeOds(OdsContent(pupils + teachers));
}

TEST(OdsReader, ReadsValueTypes) {
  const std::string cells =
      R"(<table:table-cell office:value-type="float" office:value="1234567"><text:p>1 234 567</text:p></table:table-cell>)"
      R"(<table:table-cell office:value-type="percentage" office:value="0.25"><text:p>25 %</text:p></table:table-cell>)"
      R"(<table:table-cell office:value-type="currency" office:currency="EUR" office:value="-3.5"><text:p>-3,50 €</text:p></table:table-cell>)"
      R"(<table:table-cell office:value-type="date" office:date-value="2011-12-31T08:30:00"><text:p>31/12/11 08:30</text:p></table:table-cell>)"
      R"(<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>VRAI</text:p></table:table-cell>)"
      R"(<table:table-cell office:value-type="boolean" office:boolean-value="false"><text:p>FAUX</text:p></table:table-cell>)"
      R"(<table:table-cell office:value-type="time" office:time-value="PT08H30M00S"><text:p>08:30</text:p></table:table-cell>)"
      R"(<table:table-cell office:value-type="float" office:value="1E+20"><text:p>1E+20</text:p></table:table-cell>)"
      R"(<table:table-cell office:value-type="string" calcext:value-type="error"><text:p>#N/A</text:p></table:table-cell>)";
  const auto outcome = Read(MakeOds(OdsContent(Sheet("S", Row(cells)))));
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->table.RowTexts(0),
            (std::vector<std::string>{"1234567", "0.25", "-3.5", "2011-12-31 08:30:00", "TRUE",
                                      "FALSE", "08:30", "100000000000000000000", "#N/A"}));
  EXPECT_EQ(outcome->info.format, Format::kOds);
  EXPECT_EQ(outcome->info.encoding, text::Encoding::kUtf8);
}

TEST(OdsReader, ReadsTheFirstSheetWithItsHeaderAndNames) {
  const auto outcome = Read(RosterOds());
  ASSERT_TRUE(outcome) << outcome.error().message;
  const Table& table = outcome->table;
  ASSERT_EQ(table.row_count(), 2u);  // the 1,048,574 trailing blank rows are not expanded
  EXPECT_EQ(table.RowTexts(1), (std::vector<std::string>{"Müller", "Zoé", "2012-03-04", "12.5"}));
  EXPECT_EQ(table.max_cell_count(), 4u);  // nor the 16,380 trailing blank cells
  EXPECT_TRUE(outcome->info.header);
  EXPECT_EQ(outcome->info.sheet_names, (std::vector<std::string>{"Élèves", "Profs"}));
  EXPECT_TRUE(outcome->diagnostics.empty());
}

TEST(OdsReader, ReadsTheChosenSheet) {
  ReadOptions options;
  options.sheet_index = 1;
  const auto outcome = Read(RosterOds(), options);
  ASSERT_TRUE(outcome) << outcome.error().message;
  ASSERT_EQ(outcome->table.row_count(), 2u);
  EXPECT_EQ(outcome->table.Cell(1, 0), "Dupré");
  EXPECT_EQ(outcome->info.sheet_index, 1u);
  options.sheet_index = 5;
  ExpectError(Read(RosterOds(), options), ErrorCode::kInvalidArgument, "2 sheet(s)");
}

TEST(OdsReader, ExpandsRepeatedRowsAndCellsBetweenFilledOnes) {
  const std::string rows =
      Row(TextCell("a") + R"(<table:table-cell table:number-columns-repeated="2"/>)" +
          R"(<table:table-cell office:value-type="float" office:value="7"
               table:number-columns-repeated="3"><text:p>7</text:p></table:table-cell>)") +
      R"(<table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row>)" +
      Row(TextCell("same"), R"(table:number-rows-repeated="2")") + Row(TextCell("last"));
  const auto outcome = Read(MakeOds(OdsContent(Sheet("S", rows))));
  ASSERT_TRUE(outcome) << outcome.error().message;
  const Table& table = outcome->table;
  ASSERT_EQ(table.row_count(), 7u);
  EXPECT_EQ(table.RowTexts(0), (std::vector<std::string>{"a", "", "", "7", "7", "7"}));
  EXPECT_EQ(table.cell_count(1), 0u);
  EXPECT_EQ(table.cell_count(3), 0u);
  EXPECT_EQ(table.RowTexts(4), (std::vector<std::string>{"same"}));
  EXPECT_EQ(table.RowTexts(5), (std::vector<std::string>{"same"}));
  EXPECT_EQ(table.RowTexts(6), (std::vector<std::string>{"last"}));
  EXPECT_EQ(table.SourceLine(6), 7u);
}

TEST(OdsReader, JoinsParagraphsAndExpandsTextElements) {
  const std::string cell =
      R"(<table:table-cell office:value-type="string"><text:p>Jean<text:s text:c="3"/>Luc</text:p>)"
      R"(<text:p>rue <text:span text:style-name="T1">de la <text:a>Paix</text:a></text:span></text:p>)"
      R"(<text:p>a<text:tab/>b<text:line-break/>c<text:s/>d</text:p>)"
      R"(<office:annotation><text:p>a comment, not the value</text:p></office:annotation>)"
      R"(</table:table-cell><table:covered-table-cell office:value-type="string"><text:p>hidden</text:p>)"
      R"(</table:covered-table-cell>)";
  const auto outcome = Read(MakeOds(OdsContent(Sheet("S", Row(cell)))));
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->table.Cell(0, 0), "Jean   Luc\nrue de la Paix\na\tb\nc d");
  EXPECT_EQ(outcome->table.Cell(0, 1), "hidden");
}

TEST(OdsReader, BoundsRepetitionByTheLimits) {
  const std::string many_rows = Row(TextCell("x"), R"(table:number-rows-repeated="1048576")");
  ReadOptions options;
  options.limits.max_rows = 1000;
  ExpectError(Read(MakeOds(OdsContent(Sheet("S", many_rows))), options), ErrorCode::kTooLarge,
              "rows");
  const std::string wide =
      Row(R"(<table:table-cell office:value-type="float" office:value="1")"
          R"( table:number-columns-repeated="16384"><text:p>1</text:p></table:table-cell>)");
  options = {};
  options.limits.max_columns = 100;
  ExpectError(Read(MakeOds(OdsContent(Sheet("S", wide))), options), ErrorCode::kTooLarge, "column");
  const std::string spaces = Row(R"(<table:table-cell><text:p>a<text:s text:c="4000000000"/>)"
                                 R"(</text:p></table:table-cell>)");
  options = {};
  options.limits.max_uncompressed_bytes = 1 << 20;
  ExpectError(Read(MakeOds(OdsContent(Sheet("S", spaces))), options), ErrorCode::kTooLarge, "text");
}

TEST(OdsReader, RefusesADtd) {
  const std::string content =
      R"(<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>)" +
      OdsContent(Sheet("S", Row(TextCell("&b;"))))
          .substr(std::string_view(R"(<?xml version="1.0" encoding="UTF-8"?>)").size());
  ExpectError(Read(MakeOds(content)), ErrorCode::kRefused, "DTD");
}

TEST(OdsReader, SaysClearlyWhatIsNotAnOds) {
  ExpectError(Read("Nom;Prénom\n"), ErrorCode::kUnsupportedFormat, "not a zip archive");
  ExpectError(Read(MakeZip({{"mimetype", "application/vnd.oasis.opendocument.text", false},
                            {"content.xml", OdsContent("")}})),
              ErrorCode::kUnsupportedFormat, "not a spreadsheet");
  ExpectError(Read(MakeZip({{"notes.txt", "hello"}})), ErrorCode::kUnsupportedFormat,
              "content.xml");
  ExpectError(Read(MakeOds("<office:document-content>")), ErrorCode::kCorrupt, "content.xml");
  ExpectError(Read(MakeOds(OdsContent(""))), ErrorCode::kCorrupt, "no sheets");
}

TEST(OdsReader, ReadTableRecognisesOds) {
  const Result<ReadOutcome> outcome = ReadTable(RosterOds(), ReadOptions{});
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->info.format, Format::kOds);
  EXPECT_EQ(outcome->table.Cell(1, 0), "Müller");
}

}  // namespace
}  // namespace rollcall::table
