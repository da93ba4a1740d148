// ReadXlsx: the package structure (relationships, workbook) and the reading steps:
//   1. open the zip (entry-count limit) and find the workbook through _rels/.rels;
//   2. parse the workbook (sheet names, date system) and its relationships;
//   3. choose the sheet by ReadOptions::sheet_index;
//   4. parse styles and shared strings, which the cells refer to;
//   5. stream the sheet's cells into a SheetBuilder; sniff the header unless the caller set it.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "table/csv.hpp"
#include "table/read.hpp"
#include "table/xlsx_reader_parts.hpp"
#include "table/xml_stream.hpp"

namespace rollcall::table {
namespace xlsx {
namespace {

constexpr std::string_view kRelationshipNamespaces[] = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",  // ISO 29500 strict
};

// Extensions repeat main element names in their own namespaces (Excel 2013 writes an
// <x15:workbookPr> without date1904 after the real one), so workbook elements are matched with
// their namespace.
bool IsMainNamespace(std::string_view ns) {
  return ns == "http://schemas.openxmlformats.org/spreadsheetml/2006/main" ||
         ns == "http://purl.oclc.org/ooxml/spreadsheetml/main";
}

bool IsTrue(std::string_view value) { return value == "1" || value == "true"; }

class WorkbookHandler : public XmlHandler {
 public:
  Status OnStart(const XmlName& name, const XmlAttributes& attributes) override {
    if (!IsMainNamespace(name.ns)) return {};
    if (name.local == "workbookPr") {
      workbook_.date1904 = IsTrue(attributes.Get("date1904").value_or(""));
    } else if (name.local == "sheet") {
      SheetEntry sheet;
      sheet.name = attributes.Get("name").value_or("");
      for (std::string_view ns : kRelationshipNamespaces) {
        if (auto id = attributes.Get(ns, "id")) sheet.relationship_id = *id;
      }
      workbook_.sheets.push_back(std::move(sheet));
    }
    return {};
  }
  Status OnEnd(const XmlName&) override { return {}; }
  Status OnText(std::string_view) override { return {}; }
  Workbook Take() { return std::move(workbook_); }

 private:
  Workbook workbook_;
};

class RelationshipsHandler : public XmlHandler {
 public:
  Status OnStart(const XmlName& name, const XmlAttributes& attributes) override {
    if (name.local != "Relationship") return {};
    Relationship relationship;
    relationship.id = attributes.Get("Id").value_or("");
    relationship.type = attributes.Get("Type").value_or("");
    relationship.target = attributes.Get("Target").value_or("");
    relationship.external = attributes.Get("TargetMode").value_or("") == "External";
    relationships_.push_back(std::move(relationship));
    return {};
  }
  Status OnEnd(const XmlName&) override { return {}; }
  Status OnText(std::string_view) override { return {}; }
  std::vector<Relationship> Take() { return std::move(relationships_); }

 private:
  std::vector<Relationship> relationships_;
};

}  // namespace

Result<Workbook> ParseWorkbook(ZipArchive& archive, std::uint64_t index, std::string_view part) {
  WorkbookHandler handler;
  if (Status parsed = ParseXmlEntry(archive, index, part, handler); !parsed) return parsed.error();
  return handler.Take();
}

Result<std::vector<Relationship>> ParseRelationships(ZipArchive& archive, std::uint64_t index,
                                                     std::string_view part) {
  RelationshipsHandler handler;
  if (Status parsed = ParseXmlEntry(archive, index, part, handler); !parsed) return parsed.error();
  return handler.Take();
}

}  // namespace xlsx

namespace {

using xlsx::Relationship;

std::string_view DirectoryOf(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash + 1);
}

// Resolves a relationship target against the directory of the part that names it, refusing any
// target that climbs out of the package.
Result<std::string> ResolvePart(std::string_view directory, std::string_view target) {
  std::string joined = target.starts_with('/') ? std::string(target.substr(1))
                                               : std::string(directory) + std::string(target);
  std::replace(joined.begin(), joined.end(), '\\', '/');
  std::vector<std::string_view> segments;
  std::string_view rest = joined;
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (segment.empty() || segment == ".") continue;
    if (segment != "..") {
      segments.push_back(segment);
    } else if (segments.empty()) {
      return MakeError(ErrorCode::kRefused,
                       fmt::format("the workbook refers to '{}', outside its own package; "
                                   "Rollcall refuses it",
                                   target));
    } else {
      segments.pop_back();
    }
  }
  std::string path;
  for (std::string_view segment : segments) {
    if (!path.empty()) path += '/';
    path.append(segment);
  }
  return path;
}

// The internal target of the first relationship whose type ends in "/`kind`", resolved.
Result<std::string> FindTarget(const std::vector<Relationship>& relationships,
                               std::string_view directory, std::string_view kind) {
  for (const Relationship& relationship : relationships) {
    const std::string_view type = relationship.type;
    const bool matches = type.size() > kind.size() && type.ends_with(kind) &&
                         type[type.size() - kind.size() - 1] == '/';
    if (matches && !relationship.external) return ResolvePart(directory, relationship.target);
  }
  return std::string();
}

Result<std::vector<Relationship>> ReadRelationshipsOf(ZipArchive& archive, std::string_view part) {
  const std::string rels_path =
      fmt::format("{}_rels/{}.rels", DirectoryOf(part), part.substr(DirectoryOf(part).size()));
  const auto index = archive.Find(rels_path);
  if (!index) return std::vector<Relationship>();
  return xlsx::ParseRelationships(archive, *index, rels_path);
}

// Step 1: the workbook part, through the package relationships or at its usual place.
Result<std::string> LocateWorkbook(ZipArchive& archive) {
  Result<std::vector<Relationship>> package = ReadRelationshipsOf(archive, "");
  if (!package) return package.error();
  Result<std::string> target = FindTarget(package.value(), "", "officeDocument");
  if (!target) return target.error();
  std::string path = target.value().empty() ? "xl/workbook.xml" : std::move(target).value();
  if (path.ends_with(".bin")) {
    return MakeError(ErrorCode::kUnsupportedFormat,
                     "this is a binary Excel workbook (XLSB), which Rollcall does not read; "
                     "save it as XLSX");
  }
  if (!archive.Contains(path)) {
    return MakeError(ErrorCode::kUnsupportedFormat,
                     fmt::format("the zip archive holds no Excel workbook ({}), so it is not an "
                                 "XLSX file",
                                 path));
  }
  return path;
}

struct Part {
  std::uint64_t index = 0;
  std::string path;
};

struct SheetParts {
  std::optional<Part> styles, shared_strings;
  Part sheet;
};

// An optional part (styles, shared strings): absent is fine, and so is a dangling reference.
Result<std::optional<Part>> FindOptionalPart(ZipArchive& archive,
                                             const std::vector<Relationship>& rels,
                                             std::string_view directory, std::string_view kind,
                                             std::string_view usual_path) {
  Result<std::string> target = FindTarget(rels, directory, kind);
  if (!target) return target.error();
  std::string path = target.value().empty() ? std::string(usual_path) : target.value();
  const auto index = archive.Find(path);
  if (!index) return std::optional<Part>();
  return std::optional<Part>(Part{*index, std::move(path)});
}

// Step 3: where the chosen sheet and the parts its cells refer to live.
Result<SheetParts> LocateParts(ZipArchive& archive, std::string_view workbook_path,
                               const xlsx::SheetEntry& sheet) {
  Result<std::vector<Relationship>> rels = ReadRelationshipsOf(archive, workbook_path);
  if (!rels) return rels.error();
  const std::string_view directory = DirectoryOf(workbook_path);
  SheetParts parts;
  for (const Relationship& relationship : rels.value()) {
    if (relationship.id != sheet.relationship_id || relationship.external) continue;
    Result<std::string> path = ResolvePart(directory, relationship.target);
    if (!path) return path.error();
    parts.sheet.path = std::move(path).value();
  }
  const auto sheet_index = archive.Find(parts.sheet.path);
  if (parts.sheet.path.empty() || !sheet_index) {
    return MakeError(
        ErrorCode::kCorrupt,
        fmt::format("the workbook lists the sheet '{}' but holds no part for it", sheet.name));
  }
  parts.sheet.index = *sheet_index;
  auto styles = FindOptionalPart(archive, rels.value(), directory, "styles", "xl/styles.xml");
  if (!styles) return styles.error();
  auto shared =
      FindOptionalPart(archive, rels.value(), directory, "sharedStrings", "xl/sharedStrings.xml");
  if (!shared) return shared.error();
  parts.styles = styles.value();
  parts.shared_strings = shared.value();
  return parts;
}

// Steps 4 and 5.
Result<Table> ReadCells(ZipArchive& archive, const SheetParts& parts, bool date1904,
                        const Limits& limits, std::vector<Diagnostic>& diagnostics) {
  std::vector<NumberFormatKind> style_kinds;
  if (parts.styles) {
    auto parsed = xlsx::ParseStyles(archive, parts.styles->index, parts.styles->path);
    if (!parsed) return parsed.error();
    style_kinds = std::move(parsed).value();
  }
  SheetBuilder builder(limits, diagnostics);
  std::vector<SheetBuilder::TextRef> shared_strings;
  if (parts.shared_strings) {
    auto parsed = xlsx::ParseSharedStrings(archive, parts.shared_strings->index,
                                           parts.shared_strings->path, limits, builder);
    if (!parsed) return parsed.error();
    shared_strings = std::move(parsed).value();
  }
  const xlsx::SheetContext context{shared_strings, style_kinds, date1904};
  Status sheet =
      xlsx::ParseSheet(archive, parts.sheet.index, parts.sheet.path, context, builder, diagnostics);
  if (!sheet) return sheet.error();
  return std::move(builder).Finish();
}

Result<xlsx::Workbook> OpenWorkbook(ZipArchive& archive, std::string& workbook_path) {
  Result<std::string> located = LocateWorkbook(archive);
  if (!located) return located.error();
  workbook_path = std::move(located).value();
  return xlsx::ParseWorkbook(archive, *archive.Find(workbook_path), workbook_path);
}

}  // namespace

Result<ReadOutcome> ReadXlsx(std::string_view bytes, const ReadOptions& options) {
  if (!bytes.starts_with("PK")) {
    return MakeError(ErrorCode::kUnsupportedFormat,
                     "the file is not an XLSX workbook (it is not a zip archive)");
  }
  Result<ZipArchive> archive = ZipArchive::Open(bytes, options.limits);
  if (!archive) return archive.error();
  std::string workbook_path;
  Result<xlsx::Workbook> workbook = OpenWorkbook(archive.value(), workbook_path);
  if (!workbook) return workbook.error();
  const std::vector<xlsx::SheetEntry>& sheets = workbook->sheets;
  if (sheets.empty()) return MakeError(ErrorCode::kCorrupt, "the workbook lists no sheets");
  if (options.sheet_index >= sheets.size()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("sheet {} was asked for, but the workbook has {} sheet(s)",
                                 options.sheet_index + 1, sheets.size()));
  }
  Result<SheetParts> parts =
      LocateParts(archive.value(), workbook_path, sheets[options.sheet_index]);
  if (!parts) return parts.error();

  ReadOutcome outcome;
  Result<Table> table = ReadCells(archive.value(), parts.value(), workbook->date1904,
                                  options.limits, outcome.diagnostics);
  if (!table) return table.error();
  outcome.table = std::move(table).value();
  outcome.info.format = Format::kXlsx;
  outcome.info.encoding = text::Encoding::kUtf8;
  outcome.info.sheet_index = options.sheet_index;
  for (const xlsx::SheetEntry& sheet : sheets) outcome.info.sheet_names.push_back(sheet.name);
  outcome.info.header = options.header.value_or(SniffHeader(outcome.table));
  return outcome;
}

}  // namespace rollcall::table
