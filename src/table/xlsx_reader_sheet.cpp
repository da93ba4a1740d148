// The cells of an XLSX worksheet: <sheetData><row r><c r t s><v/><f/><is/></c></row></sheetData>.
//
// Positions come from the r attributes ("C5" → column 2, <row r="5"> → row 4); a writer may leave
// them out, and then cells and rows simply follow one another. Each cell's text follows the
// conventions of cell_format.hpp according to its type t and, for numbers, its style s.
#include <charconv>

#include "table/xlsx_reader_parts.hpp"
#include "table/xml_stream.hpp"

namespace rollcall::table::xlsx {
namespace {

std::optional<std::uint64_t> ParsePositive(std::string_view text) {
  std::uint64_t value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size() || value == 0) {
    return std::nullopt;
  }
  return value;
}

// The t attribute of a cell.
enum class CellType {
  kNumber,
  kSharedString,
  kInlineString,
  kFormulaString,
  kBoolean,
  kError,
  kDate,
  kOther
};

CellType ParseCellType(std::string_view type) {
  if (type.empty() || type == "n") return CellType::kNumber;
  if (type == "s") return CellType::kSharedString;
  if (type == "inlineStr") return CellType::kInlineString;
  if (type == "str") return CellType::kFormulaString;
  if (type == "b") return CellType::kBoolean;
  if (type == "e") return CellType::kError;
  if (type == "d") return CellType::kDate;
  return CellType::kOther;
}

class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const SheetContext& context, SheetBuilder& builder,
               std::vector<Diagnostic>& diagnostics)
      : context_(context), builder_(builder), diagnostics_(diagnostics) {}

  Status OnStart(const XmlName& name, const XmlAttributes& attributes) override {
    if (name.local == "sheetData") {
      in_sheet_data_ = true;
    } else if (!in_sheet_data_) {
      return {};
    } else if (name.local == "row") {
      StartRow(attributes);
    } else if (name.local == "c") {
      StartCell(attributes);
    } else if (name.local == "v") {
      capturing_ = true;
    } else if (name.local == "f") {
      has_formula_ = true;
    } else if (name.local == "rPh") {
      ++phonetic_depth_;
    } else if (name.local == "t") {
      capturing_ = phonetic_depth_ == 0;
    }
    return {};
  }

  Status OnEnd(const XmlName& name) override {
    if (name.local == "sheetData") {
      in_sheet_data_ = false;
    } else if (name.local == "v" || name.local == "t") {
      capturing_ = false;
    } else if (name.local == "rPh" && phonetic_depth_ > 0) {
      --phonetic_depth_;
    } else if (name.local == "c" && in_sheet_data_) {
      return EndCell();
    }
    return {};
  }

  Status OnText(std::string_view text) override {
    if (capturing_) value_.append(text);
    return {};
  }

 private:
  void StartRow(const XmlAttributes& attributes) {
    const auto number = ParsePositive(attributes.Get("r").value_or(""));
    row_idx_ = number ? *number - 1 : next_row_idx_;
    next_row_idx_ = row_idx_ + 1;
    next_column_idx_ = 0;
  }

  void StartCell(const XmlAttributes& attributes) {
    column_idx_ = ColumnOfReference(attributes.Get("r").value_or("")).value_or(next_column_idx_);
    next_column_idx_ = column_idx_ + 1;
    type_ = ParseCellType(attributes.Get("t").value_or(""));
    const auto style = ParseIndex(attributes.Get("s").value_or(""));
    style_kind_ = style && *style < context_.style_kinds.size() ? context_.style_kinds[*style]
                                                                : NumberFormatKind::kNumber;
    value_.clear();
    has_formula_ = capturing_ = false;
    phonetic_depth_ = 0;
  }

  Status EndCell() {
    if (type_ == CellType::kSharedString) return AddSharedString();
    if (value_.empty() && has_formula_) {
      diagnostics_.push_back(
          MakeDiagnostic(Severity::kWarning, "formula_without_value", Line(), Column()));
      return {};
    }
    return builder_.AddCell(row_idx_, column_idx_, CellText());
  }

  // The text of every cell type but shared strings.
  std::string CellText() const {
    switch (type_) {
      case CellType::kNumber:
        return NumberText();
      case CellType::kInlineString:
      case CellType::kFormulaString:
        return DecodeOoxmlEscapes(value_);
      case CellType::kBoolean:
        if (value_ == "1") return std::string(kTrueText);
        if (value_ == "0") return std::string(kFalseText);
        return value_;
      case CellType::kDate:
        return NormaliseIsoDateTime(value_).value_or(value_);
      default:
        return value_;  // errors ("#N/A"), and anything unexpected as written
    }
  }

  std::string NumberText() const {
    double serial = 0;
    const auto parsed = std::from_chars(value_.data(), value_.data() + value_.size(), serial);
    const bool is_number = parsed.ec == std::errc() && parsed.ptr == value_.data() + value_.size();
    if (is_number && style_kind_ != NumberFormatKind::kNumber) {
      if (auto date = FormatSerialDate(serial, context_.date1904, style_kind_)) return *date;
    }
    return FormatNumberText(value_).value_or(value_);
  }

  Status AddSharedString() {
    const auto string_idx = ParseIndex(value_);
    if (string_idx && *string_idx < context_.shared_strings.size()) {
      return builder_.AddCell(row_idx_, column_idx_, context_.shared_strings[*string_idx]);
    }
    if (!value_.empty()) {
      diagnostics_.push_back(
          MakeDiagnostic(Severity::kWarning, "missing_shared_string", Line(), Column())
              .With("index", value_));
    }
    return {};
  }

  static std::optional<std::uint64_t> ParseIndex(std::string_view text) {
    std::uint64_t value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nullopt;
    return value;
  }

  std::int64_t Line() const { return static_cast<std::int64_t>(row_idx_ + 1); }
  int Column() const { return static_cast<int>(std::min<std::uint64_t>(column_idx_ + 1, 1 << 30)); }

  const SheetContext& context_;
  SheetBuilder& builder_;
  std::vector<Diagnostic>& diagnostics_;
  bool in_sheet_data_ = false;
  std::uint64_t row_idx_ = 0, next_row_idx_ = 0;
  std::uint64_t column_idx_ = 0, next_column_idx_ = 0;
  CellType type_ = CellType::kNumber;
  NumberFormatKind style_kind_ = NumberFormatKind::kNumber;
  std::string value_;
  bool has_formula_ = false, capturing_ = false;
  int phonetic_depth_ = 0;
};

}  // namespace

Status ParseSheet(ZipArchive& archive, std::uint64_t index, std::string_view part,
                  const SheetContext& context, SheetBuilder& builder,
                  std::vector<Diagnostic>& diagnostics) {
  SheetHandler handler(context, builder, diagnostics);
  return ParseXmlEntry(archive, index, part, handler);
}

}  // namespace rollcall::table::xlsx
