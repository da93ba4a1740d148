// ReadOds: an OpenDocument spreadsheet is a zip whose content.xml holds every sheet:
//   <table:table table:name> <table:table-row table:number-rows-repeated>
//     <table:table-cell office:value-type office:value table:number-columns-repeated>
//       <text:p>text<text:s text:c="3"/><text:span>more</text:span></text:p>
//
// Steps:
//   1. open the zip (entry-count limit), check the mimetype says spreadsheet, find content.xml;
//   2. stream content.xml once: every sheet's name, and the cells of the chosen sheet;
//   3. sniff the header unless the caller set it.
// Repetition is how LibreOffice stores blank space: a row repeated 1,048,576 times or a cell
// repeated 16,384 times. Repeated empty rows and cells only move the position; repeated filled
// ones go through SheetBuilder, whose limits bound them and whose copies share one text.
#include <fmt/format.h>

#include <charconv>
#include <limits>

#include "table/cell_format.hpp"
#include "table/csv.hpp"
#include "table/read.hpp"
#include "table/sheet_builder.hpp"
#include "table/xml_stream.hpp"
#include "table/zip_archive.hpp"

namespace rollcall::table {
namespace {

constexpr std::string_view kOfficeNs = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
constexpr std::string_view kTableNs = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
constexpr std::string_view kTextNs = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr std::string_view kSpreadsheetMime = "application/vnd.oasis.opendocument.spreadsheet";

std::uint64_t SaturatingAdd(std::uint64_t a, std::uint64_t b) {
  return b > std::numeric_limits<std::uint64_t>::max() - a
             ? std::numeric_limits<std::uint64_t>::max()
             : a + b;
}

// A repetition count; absent, zero or unreadable counts once. Huge values saturate.
std::uint64_t RepeatCount(std::optional<std::string_view> text) {
  if (!text) return 1;
  std::uint64_t value = 0;
  const auto result = std::from_chars(text->data(), text->data() + text->size(), value);
  if (result.ec == std::errc::result_out_of_range) return std::numeric_limits<std::uint64_t>::max();
  return result.ec == std::errc() && value > 0 ? value : 1;
}

// The value of one cell while its element is open.
struct OdsCell {
  std::uint64_t repeat = 1;
  std::optional<std::string> value;  // from the typed attributes, when they decide the text
  std::string paragraphs;            // the text of its text:p / text:h children, joined by "\n"
  std::size_t paragraph_count = 0;
  int depth = 0;  // of elements open inside the cell
  bool in_paragraph = false;
};

// The text a typed cell shows, or nullopt when its paragraphs decide (strings, times, untyped).
std::optional<std::string> TypedValue(const XmlAttributes& attributes) {
  const std::string_view type = attributes.Get(kOfficeNs, "value-type").value_or("");
  if (type == "float" || type == "percentage" || type == "currency") {
    const auto value = attributes.Get(kOfficeNs, "value");
    if (value) return FormatNumberText(*value).value_or(std::string(*value));
  } else if (type == "date") {
    const auto value = attributes.Get(kOfficeNs, "date-value");
    if (value) return NormaliseIsoDateTime(*value).value_or(std::string(*value));
  } else if (type == "boolean") {
    const std::string_view value = attributes.Get(kOfficeNs, "boolean-value").value_or("");
    if (value == "true") return std::string(kTrueText);
    if (value == "false") return std::string(kFalseText);
  } else if (type == "string") {
    if (auto value = attributes.Get(kOfficeNs, "string-value")) return std::string(*value);
  }
  return std::nullopt;
}

class ContentHandler : public XmlHandler {
 public:
  ContentHandler(std::size_t sheet_index, const Limits& limits, SheetBuilder& builder)
      : sheet_index_(sheet_index), limits_(limits), builder_(builder) {}

  Status OnStart(const XmlName& name, const XmlAttributes& attributes) override {
    if (cell_) return StartInCell(name, attributes);
    if (name.Is(kTableNs, "table")) {
      if (table_depth_++ == 0) {
        sheet_names_.emplace_back(attributes.Get(kTableNs, "name").value_or(""));
      }
    } else if (!InChosenSheet()) {
      return {};
    } else if (name.Is(kTableNs, "table-row")) {
      row_repeat_ = RepeatCount(attributes.Get(kTableNs, "number-rows-repeated"));
      column_idx_ = 0;
    } else if (name.Is(kTableNs, "table-cell") || name.Is(kTableNs, "covered-table-cell")) {
      cell_.emplace();
      cell_->repeat = RepeatCount(attributes.Get(kTableNs, "number-columns-repeated"));
      cell_->value = TypedValue(attributes);
    }
    return {};
  }

  Status OnEnd(const XmlName& name) override {
    if (cell_) return EndInCell();
    if (name.Is(kTableNs, "table") && table_depth_ > 0 && --table_depth_ == 0) {
      row_idx_ = 0;
    } else if (InChosenSheet() && name.Is(kTableNs, "table-row")) {
      return EndRow();
    }
    return {};
  }

  Status OnText(std::string_view text) override {
    if (cell_ && cell_->in_paragraph) return Append(text);
    return {};
  }

  std::vector<std::string> TakeSheetNames() { return std::move(sheet_names_); }

 private:
  bool InChosenSheet() const {
    return table_depth_ == 1 && sheet_names_.size() == sheet_index_ + 1;
  }

  // Paragraphs are the cell's direct text:p / text:h children; text elsewhere in the cell (an
  // office:annotation comment, a nested table) is not its value.
  Status StartInCell(const XmlName& name, const XmlAttributes& attributes) {
    OdsCell& cell = *cell_;
    const bool paragraph = name.Is(kTextNs, "p") || name.Is(kTextNs, "h");
    if (cell.depth++ == 0 && paragraph) {
      cell.in_paragraph = true;
      return cell.paragraph_count++ > 0 ? Append("\n") : Status();
    }
    if (!cell.in_paragraph) return {};
    if (name.Is(kTextNs, "s")) {
      const std::uint64_t spaces = RepeatCount(attributes.Get(kTextNs, "c"));
      return Append(std::string_view(), spaces);
    }
    if (name.Is(kTextNs, "tab")) return Append("\t");
    if (name.Is(kTextNs, "line-break")) return Append("\n");
    return {};
  }

  Status EndInCell() {
    OdsCell& cell = *cell_;
    if (cell.depth == 0) return EndCell();
    if (--cell.depth == 0) cell.in_paragraph = false;
    return {};
  }

  // Appends `text`, or `spaces` spaces, to the open cell, within the text limit.
  Status Append(std::string_view text, std::uint64_t spaces = 0) {
    std::string& paragraphs = cell_->paragraphs;
    const std::uint64_t added = text.size() + spaces;
    const std::uint64_t total = SaturatingAdd(builder_.text_bytes() + paragraphs.size(), added);
    if (total > limits_.max_uncompressed_bytes) {
      return MakeError(ErrorCode::kTooLarge,
                       fmt::format("the sheet holds more than {} bytes of text, the limit",
                                   limits_.max_uncompressed_bytes));
    }
    paragraphs.append(text);
    paragraphs.append(static_cast<std::size_t>(spaces), ' ');
    return {};
  }

  Status EndCell() {
    const OdsCell cell = std::move(*cell_);
    cell_.reset();
    const std::string& text = cell.value ? *cell.value : cell.paragraphs;
    if (!text.empty()) {
      if (Status added = builder_.AddCell(row_idx_, column_idx_, text, cell.repeat); !added) {
        return added;
      }
      row_filled_ = true;
    }
    column_idx_ = SaturatingAdd(column_idx_, cell.repeat);
    return {};
  }

  Status EndRow() {
    if (row_filled_ && row_repeat_ > 1) {
      if (Status repeated = builder_.RepeatRow(row_idx_, row_repeat_ - 1); !repeated) {
        return repeated;
      }
    }
    row_filled_ = false;
    row_idx_ = SaturatingAdd(row_idx_, row_repeat_);
    return {};
  }

  const std::size_t sheet_index_;
  const Limits& limits_;
  SheetBuilder& builder_;
  std::vector<std::string> sheet_names_;
  int table_depth_ = 0;
  std::uint64_t row_idx_ = 0, row_repeat_ = 1, column_idx_ = 0;
  bool row_filled_ = false;
  std::optional<OdsCell> cell_;
};

// Step 1: the content.xml entry, after checking the package declares a spreadsheet.
Result<std::uint64_t> FindContent(ZipArchive& archive) {
  if (const auto mimetype = archive.Find("mimetype")) {
    Result<std::string> declared = archive.ReadSmallEntry(*mimetype, 256);
    if (!declared) return declared.error();
    if (!declared.value().starts_with(kSpreadsheetMime)) {
      return MakeError(
          ErrorCode::kUnsupportedFormat,
          fmt::format("the OpenDocument file is a '{}', not a spreadsheet", declared.value()));
    }
  }
  const auto content = archive.Find("content.xml");
  if (!content) {
    return MakeError(ErrorCode::kUnsupportedFormat,
                     "the zip archive holds no content.xml, so it is not an ODS spreadsheet");
  }
  return *content;
}

}  // namespace

Result<ReadOutcome> ReadOds(std::string_view bytes, const ReadOptions& options) {
  if (!bytes.starts_with("PK")) {
    return MakeError(ErrorCode::kUnsupportedFormat,
                     "the file is not an ODS spreadsheet (it is not a zip archive)");
  }
  Result<ZipArchive> archive = ZipArchive::Open(bytes, options.limits);
  if (!archive) return archive.error();
  Result<std::uint64_t> content = FindContent(archive.value());
  if (!content) return content.error();

  ReadOutcome outcome;
  SheetBuilder builder(options.limits, outcome.diagnostics);
  ContentHandler handler(options.sheet_index, options.limits, builder);
  Status parsed = ParseXmlEntry(archive.value(), content.value(), "content.xml", handler);
  if (!parsed) return parsed.error();
  outcome.info.sheet_names = handler.TakeSheetNames();
  if (outcome.info.sheet_names.empty()) {
    return MakeError(ErrorCode::kCorrupt, "the spreadsheet's content.xml holds no sheets");
  }
  if (options.sheet_index >= outcome.info.sheet_names.size()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("sheet {} was asked for, but the spreadsheet has {} sheet(s)",
                                 options.sheet_index + 1, outcome.info.sheet_names.size()));
  }
  outcome.table = std::move(builder).Finish();
  outcome.info.format = Format::kOds;
  outcome.info.encoding = text::Encoding::kUtf8;
  outcome.info.sheet_index = options.sheet_index;
  outcome.info.header = options.header.value_or(SniffHeader(outcome.table));
  return outcome;
}

}  // namespace rollcall::table
