#include "unit/table/zip_fixture.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <stdexcept>

#include "support/test_support.hpp"

namespace rollcall::testing {
namespace {

constexpr std::string_view kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kPackageRelNs =
    "http://schemas.openxmlformats.org/package/2006/relationships";

void AddMember(zip_t* archive, const ZipMember& member) {
  zip_source_t* source =
      zip_source_buffer(archive, member.content.data(), member.content.size(), 0);
  if (source == nullptr) throw std::runtime_error("zip_source_buffer failed");
  const zip_int64_t index = zip_file_add(archive, member.name.c_str(), source, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(source);
    throw std::runtime_error("zip_file_add failed for " + member.name);
  }
  zip_set_file_compression(archive, static_cast<zip_uint64_t>(index),
                           member.compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 9);
}

std::string Relationship(int id, std::string_view type, std::string_view target) {
  return fmt::format(R"(<Relationship Id="rId{}" Type="{}/{}" Target="{}"/>)", id, kRelNs, type,
                     target);
}

}  // namespace

std::string MakeZip(const std::vector<ZipMember>& members) {
  TempDir directory;
  const std::string path = (directory / "fixture.zip").string();
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (archive == nullptr) throw std::runtime_error("zip_open failed");
  for (const ZipMember& member : members) AddMember(archive, member);
  if (zip_close(archive) != 0) throw std::runtime_error("zip_close failed");
  return ReadFile(path);
}

std::vector<ZipMember> XlsxMembers(const XlsxParts& parts) {
  std::string sheets, relationships;
  for (std::size_t sheet_idx = 0; sheet_idx < parts.sheets.size(); ++sheet_idx) {
    const int number = static_cast<int>(sheet_idx + 1);
    sheets += fmt::format(R"(<sheet name="Sheet{0}" sheetId="{0}" r:id="rId{0}"/>)", number);
    relationships +=
        Relationship(number, "worksheet", fmt::format("worksheets/sheet{}.xml", number));
  }
  const int next = static_cast<int>(parts.sheets.size()) + 1;
  if (!parts.shared_strings.empty()) {
    relationships += Relationship(next, "sharedStrings", "sharedStrings.xml");
  }
  if (!parts.styles.empty()) relationships += Relationship(next + 1, "styles", "styles.xml");

  std::vector<ZipMember> members;
  members.push_back({"[Content_Types].xml", R"(<?xml version="1.0"?><Types/>)"});
  members.push_back(
      {"_rels/.rels",
       fmt::format(R"(<?xml version="1.0"?><Relationships xmlns="{}">{}</Relationships>)",
                   kPackageRelNs, Relationship(1, "officeDocument", "xl/workbook.xml"))});
  members.push_back(
      {"xl/workbook.xml", fmt::format(R"(<?xml version="1.0"?><workbook xmlns="{}" xmlns:r="{}">{})"
                                      R"(<sheets>{}</sheets></workbook>)",
                                      kMainNs, kRelNs, parts.workbook_properties, sheets)});
  members.push_back(
      {"xl/_rels/workbook.xml.rels",
       fmt::format(R"(<?xml version="1.0"?><Relationships xmlns="{}">{}</Relationships>)",
                   kPackageRelNs, relationships)});
  for (std::size_t sheet_idx = 0; sheet_idx < parts.sheets.size(); ++sheet_idx) {
    members.push_back({fmt::format("xl/worksheets/sheet{}.xml", sheet_idx + 1),
                       fmt::format(R"(<?xml version="1.0"?><worksheet xmlns="{}">{}</worksheet>)",
                                   kMainNs, parts.sheets[sheet_idx])});
  }
  if (!parts.shared_strings.empty()) {
    members.push_back(
        {"xl/sharedStrings.xml", fmt::format(R"(<?xml version="1.0"?><sst xmlns="{}">{}</sst>)",
                                             kMainNs, parts.shared_strings)});
  }
  if (!parts.styles.empty()) {
    members.push_back(
        {"xl/styles.xml", fmt::format(R"(<?xml version="1.0"?><styleSheet xmlns="{}">{})"
                                      R"(</styleSheet>)",
                                      kMainNs, parts.styles)});
  }
  return members;
}

std::string MakeXlsx(const XlsxParts& parts) { return MakeZip(XlsxMembers(parts)); }

std::string OdsContent(std::string_view tables) {
  return fmt::format(
      R"(<?xml version="1.0" encoding="UTF-8"?>)"
      R"(<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0")"
      R"( xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0")"
      R"( xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0")"
      R"( xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0")"
      R"( office:version="1.3"><office:body><office:spreadsheet>{})"
      R"(</office:spreadsheet></office:body></office:document-content>)",
      tables);
}

std::string MakeOds(std::string_view content_xml) {
  return MakeZip({
      {"mimetype", "application/vnd.oasis.opendocument.spreadsheet", false},
      {"META-INF/manifest.xml",
       R"(<?xml version="1.0" encoding="UTF-8"?>)"
       R"(<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0")"
       R"( manifest:version="1.3"><manifest:file-entry manifest:full-path="/")"
       R"( manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>)"
       R"(<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>)"
       R"(</manifest:manifest>)"},
      {"content.xml", std::string(content_xml)},
  });
}

}  // namespace rollcall::testing
