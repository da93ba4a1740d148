// XLSX reading of what libxlsxwriter never writes: hand-made parts (missing references, other
// cell types, prefixed namespaces) and hostile archives (DTDs, zip bombs, path escapes).
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "table/read.hpp"
#include "unit/table/zip_fixture.hpp"

namespace rollcall::table {
namespace {

using testing::MakeXlsx;
using testing::MakeZip;
using testing::XlsxMembers;
using testing::XlsxParts;
using testing::ZipMember;

Result<ReadOutcome> Read(std::string_view bytes, ReadOptions options = {}) {
  return ReadXlsx(bytes, options);
}

Result<ReadOutcome> ReadSheet(std::string sheet_data, XlsxParts parts = {}) {
  parts.sheets = {std::move(sheet_data)};
  return Read(MakeXlsx(parts));
}

void ExpectError(const Result<ReadOutcome>& outcome, ErrorCode code, std::string_view words) {
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, code) << outcome.error().message;
  EXPECT_NE(outcome.error().message.find(words), std::string::npos) << outcome.error().message;
}

TEST(XlsxHandMade, CountsCellsAndRowsWithoutReferences) {
  const auto outcome = ReadSheet(
      R"(<sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row>)"
      R"(<row r="4"><c r="C4"><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row>)"
      R"(</sheetData>)");
  ASSERT_TRUE(outcome) << outcome.error().message;
  const Table& table = outcome->table;
  ASSERT_EQ(table.row_count(), 5u);
  EXPECT_EQ(table.RowTexts(0), (std::vector<std::string>{"a", "1"}));
  EXPECT_EQ(table.cell_count(1), 0u);  // rows 2 and 3 are empty but kept: the table is positional
  EXPECT_EQ(table.RowTexts(3), (std::vector<std::string>{"", "", "3", "4"}));
  EXPECT_EQ(table.RowTexts(4), (std::vector<std::string>{"5"}));
  EXPECT_EQ(table.SourceLine(4), 5u);
}

TEST(XlsxHandMade, ReadsEveryCellType) {
  XlsxParts parts;
  parts.shared_strings = R"(<si><r><t>Jean-</t></r><r><t xml:space="preserve">Luc </t></r>)"
                         R"(<rPh><t>ジャン</t></rPh></si><si><t>x_x005F_y</t></si>)";
  const auto outcome = ReadSheet(
      R"(<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>)"
      R"(<c r="C1" t="b"><v>1</v></c><c r="D1" t="e"><v>#N/A</v></c>)"
      R"(<c r="E1" t="d"><v>2024-01-15T00:00:00</v></c><c r="F1" t="d"><v>2024-01-15T10:30:00Z</v></c>)"
      R"(<c r="G1" t="str"><f>A1</f><v>text</v></c><c r="H1"><v>1E+20</v></c>)"
      R"(<c r="I1"><v>0.30000000000000004</v></c><c r="J1"><v>007</v></c></row></sheetData>)",
      parts);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->table.RowTexts(0),
            (std::vector<std::string>{"Jean-Luc ", "x_y", "TRUE", "#N/A", "2024-01-15",
                                      "2024-01-15 10:30:00", "text", "100000000000000000000",
                                      "0.30000000000000004", "7"}));
}

TEST(XlsxHandMade, UsesTheDateSystemAndCustomFormats) {
  XlsxParts parts;
  parts.workbook_properties =
      R"(<workbookPr date1904="1"/><extLst><ext xmlns:x15="urn:x15"><x15:workbookPr/></ext>)"
      R"(</extLst>)";
  parts.styles = R"(<numFmts count="2"><numFmt numFmtId="164" formatCode="dd\.mm\.yyyy"/>)"
                 R"(<numFmt numFmtId="165" formatCode="&quot;day&quot; 0"/></numFmts>)"
                 R"(<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>)"
                 R"(<dxfs><dxf><numFmt numFmtId="165" formatCode="yyyy"/></dxf></dxfs>)"
                 R"(<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>)";
  const auto outcome = ReadSheet(
      R"(<sheetData><row><c s="1"><v>0</v></c><c s="2"><v>5</v></c><c s="0"><v>5</v></c>)"
      R"(<c s="1"><v>1.5</v></c><c s="9"><v>2</v></c><c s="1"><v>-3</v></c></row></sheetData>)",
      parts);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->table.RowTexts(0),
            (std::vector<std::string>{"1904-01-01", "5", "5", "1904-01-02 12:00:00", "2", "-3"}));
}

TEST(XlsxHandMade, ReportsFormulasWithoutValuesAndCellsOutOfOrder) {
  const auto outcome =
      ReadSheet(R"(<sheetData><row r="2"><c r="B2"><f>SUM(A1:A3)</f></c><c r="C2"><v>1</v></c>)"
                R"(<c r="A2"><v>9</v></c></row></sheetData>)");
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->table.RowTexts(1), (std::vector<std::string>{"", "", "1"}));
  ASSERT_EQ(outcome->diagnostics.size(), 2u);
  EXPECT_EQ(outcome->diagnostics[0].code, "formula_without_value");
  EXPECT_EQ(outcome->diagnostics[0].line, 2);
  EXPECT_EQ(outcome->diagnostics[0].column, 2);
  EXPECT_EQ(outcome->diagnostics[1].code, "cell_out_of_order");
}

TEST(XlsxHandMade, MatchesElementsWhateverTheirPrefix) {
  std::vector<ZipMember> members = XlsxMembers(XlsxParts{});
  members[4].content =
      R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
      R"(<x:sheetData><x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>ok</x:t></x:is></x:c>)"
      R"(</x:row></x:sheetData></x:worksheet>)";
  const auto outcome = Read(MakeZip(members));
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->table.RowTexts(0), (std::vector<std::string>{"", "ok"}));
}

TEST(XlsxHostile, RefusesEntityExpansion) {
  std::vector<ZipMember> members = XlsxMembers(XlsxParts{});
  members[4].content =
      R"(<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">)"
      R"(<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">)"
      R"(<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>)"
      R"(<worksheet><sheetData><row><c t="inlineStr"><is><t>&lol3;</t></is></c></row>)"
      R"(</sheetData></worksheet>)";
  ExpectError(Read(MakeZip(members)), ErrorCode::kRefused, "DTD");
}

TEST(XlsxHostile, RefusesExternalEntities) {
  std::vector<ZipMember> members = XlsxMembers(XlsxParts{});
  members[2].content =
      R"(<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>)"
      R"(<workbook><sheets><sheet name="&x;"/></sheets></workbook>)";
  ExpectError(Read(MakeZip(members)), ErrorCode::kRefused, "DTD");
}

TEST(XlsxHostile, RefusesAHighlyCompressedEntryWithoutInflatingIt) {
  std::vector<ZipMember> members = XlsxMembers(XlsxParts{});
  members[4].content = std::string(50 << 20, '\0');  // 50 MB of zeros deflate ~1000:1
  ExpectError(Read(MakeZip(members)), ErrorCode::kRefused, "zip bomb");
}

// The zip headers understate the entry's size: only counting while inflating catches it.
TEST(XlsxHostile, RefusesABombWhoseHeadersLieAboutItsSize) {
  std::vector<ZipMember> members = XlsxMembers(XlsxParts{});
  members[4].content = "<worksheet><sheetData>" + std::string(20 << 20, ' ');
  std::string bytes = MakeZip(members);
  // Rewrite the uncompressed size of the sheet in its local and central headers to 4 KiB.
  const std::string name = "xl/worksheets/sheet1.xml";
  const std::uint32_t small = 4096;
  for (const auto& [signature, size_offset] :
       {std::pair{std::string("PK\x03\x04", 4), 22}, std::pair{std::string("PK\x01\x02", 4), 24}}) {
    for (std::size_t at = bytes.find(signature); at != std::string::npos;
         at = bytes.find(signature, at + 4)) {
      const std::size_t name_offset = signature[2] == '\x03' ? 30 : 46;
      if (bytes.compare(at + name_offset, name.size(), name) != 0) continue;
      std::memcpy(bytes.data() + at + size_offset, &small, sizeof small);
    }
  }
  const auto outcome = Read(bytes);
  ASSERT_FALSE(outcome);
  // Either libzip notices the lie, or the count stops the inflation; never a 20 MB read.
  EXPECT_TRUE(outcome.error().code == ErrorCode::kRefused ||
              outcome.error().code == ErrorCode::kCorrupt)
      << outcome.error().message;
}

TEST(XlsxHostile, RefusesTooManyEntries) {
  std::vector<ZipMember> members = XlsxMembers(XlsxParts{});
  for (int extra = 0; extra < 20; ++extra) members.push_back({"pad" + std::to_string(extra), "x"});
  ReadOptions options;
  options.limits.max_archive_entries = 10;
  ExpectError(Read(MakeZip(members), options), ErrorCode::kRefused, "entries");
}

TEST(XlsxHostile, StopsAtTheUncompressedLimit) {
  XlsxParts parts;
  parts.sheets = {"<sheetData>" + std::string(10'000, ' ') + "</sheetData>"};
  ReadOptions options;
  options.limits.max_uncompressed_bytes = 5'000;
  ExpectError(Read(MakeXlsx(parts), options), ErrorCode::kTooLarge, "5000");
}

TEST(XlsxHostile, RefusesRelationshipsThatLeaveThePackage) {
  std::vector<ZipMember> members = XlsxMembers(XlsxParts{});
  const std::string target = "worksheets/sheet1.xml";
  std::string& rels = members[3].content;
  rels.replace(rels.find(target), target.size(), "../../../etc/passwd");
  ExpectError(Read(MakeZip(members)), ErrorCode::kRefused, "outside");
}

TEST(XlsxHostile, SaysClearlyWhatIsNotAnXlsx) {
  ExpectError(Read("Nom;Prénom\n"), ErrorCode::kUnsupportedFormat, "not a zip archive");
  ExpectError(Read(std::string("PK\x03\x04 truncated", 14)), ErrorCode::kCorrupt, "zip archive");
  ExpectError(Read(MakeZip({{"notes.txt", "hello"}})), ErrorCode::kUnsupportedFormat,
              "no Excel workbook");
  std::vector<ZipMember> members = XlsxMembers(XlsxParts{});
  members.erase(members.begin() + 4);  // the sheet part
  ExpectError(Read(MakeZip(members)), ErrorCode::kCorrupt, "Sheet1");
  members = XlsxMembers(XlsxParts{});
  members[4].content = "<worksheet><sheetData><row>";
  ExpectError(Read(MakeZip(members)), ErrorCode::kCorrupt, "not well-formed");
  XlsxParts no_sheets;
  no_sheets.sheets.clear();
  ExpectError(Read(MakeXlsx(no_sheets)), ErrorCode::kCorrupt, "no sheets");
}

}  // namespace
}  // namespace rollcall::table
