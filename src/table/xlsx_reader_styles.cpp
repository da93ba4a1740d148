// The XLSX parts that cells refer to: styles (which number formats are dates) and shared strings.
#include <fmt/format.h>

#include <charconv>
#include <unordered_map>

#include "table/xlsx_reader_parts.hpp"
#include "table/xml_stream.hpp"

namespace rollcall::table::xlsx {
namespace {

std::optional<std::uint32_t> ParseId(std::string_view text) {
  std::uint32_t value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code point of an "_xHHHH_" escape starting at `position`, or -1.
int EscapedCodePoint(std::string_view text, std::size_t position) {
  if (text.size() - position < 7 || text[position + 1] != 'x' || text[position + 6] != '_') {
    return -1;
  }
  int code_point = 0;
  for (std::size_t idx = position + 2; idx < position + 6; ++idx) {
    const int digit = HexValue(text[idx]);
    if (digit < 0) return -1;
    code_point = code_point * 16 + digit;
  }
  // A lone surrogate cannot be written as UTF-8; leave such an escape as text.
  return code_point >= 0xD800 && code_point <= 0xDFFF ? -1 : code_point;
}

void AppendUtf8(std::string& out, int code_point) {
  const auto bits = static_cast<unsigned>(code_point);
  if (bits < 0x80) {
    out += static_cast<char>(bits);
  } else if (bits < 0x800) {
    out += static_cast<char>(0xC0 | (bits >> 6));
    out += static_cast<char>(0x80 | (bits & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (bits >> 12));
    out += static_cast<char>(0x80 | ((bits >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (bits & 0x3F));
  }
}

// styles.xml: number formats in <numFmts><numFmt numFmtId formatCode/></numFmts>, cell styles
// in <cellXfs><xf numFmtId/></cellXfs>. Only those two lists count: cellStyleXfs holds xf
// look-alikes, and the conditional formats in dxfs hold numFmt elements that reuse ids.
class StylesHandler : public XmlHandler {
 public:
  Status OnStart(const XmlName& name, const XmlAttributes& attributes) override {
    if (name.local == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name.local == "numFmts") {
      in_num_fmts_ = true;
    } else if (name.local == "numFmt" && in_num_fmts_) {
      const auto id = ParseId(attributes.Get("numFmtId").value_or(""));
      if (id) custom_[*id] = ClassifyNumberFormat(attributes.Get("formatCode").value_or(""));
    } else if (name.local == "xf" && in_cell_xfs_) {
      format_ids_.push_back(ParseId(attributes.Get("numFmtId").value_or("0")).value_or(0));
    }
    return {};
  }
  Status OnEnd(const XmlName& name) override {
    if (name.local == "cellXfs") in_cell_xfs_ = false;
    if (name.local == "numFmts") in_num_fmts_ = false;
    return {};
  }
  Status OnText(std::string_view) override { return {}; }

  // Resolved at the end: nothing obliges numFmts to come before cellXfs.
  std::vector<NumberFormatKind> Kinds() const {
    std::vector<NumberFormatKind> kinds;
    kinds.reserve(format_ids_.size());
    for (std::uint32_t id : format_ids_) {
      const auto custom = custom_.find(id);
      kinds.push_back(custom != custom_.end() ? custom->second : BuiltinNumberFormatKind(id));
    }
    return kinds;
  }

 private:
  bool in_cell_xfs_ = false;
  bool in_num_fmts_ = false;
  std::unordered_map<std::uint32_t, NumberFormatKind> custom_;
  std::vector<std::uint32_t> format_ids_;
};

// sharedStrings.xml: <si> holds either <t> or rich-text runs <r><t/></r>, whose texts join;
// <rPh> runs are phonetic guides (furigana), not part of the value.
class SharedStringsHandler : public XmlHandler {
 public:
  SharedStringsHandler(const Limits& limits, SheetBuilder& builder)
      : limits_(limits), builder_(builder) {}

  Status OnStart(const XmlName& name, const XmlAttributes&) override {
    if (name.local == "si") {
      text_.clear();
    } else if (name.local == "rPh") {
      ++phonetic_depth_;
    } else if (name.local == "t") {
      in_text_ = phonetic_depth_ == 0;
    }
    return {};
  }
  Status OnEnd(const XmlName& name) override {
    if (name.local == "t") {
      in_text_ = false;
    } else if (name.local == "rPh" && phonetic_depth_ > 0) {
      --phonetic_depth_;
    } else if (name.local == "si") {
      return Store();
    }
    return {};
  }
  Status OnText(std::string_view text) override {
    if (in_text_) text_.append(text);
    return {};
  }
  std::vector<SheetBuilder::TextRef> Take() { return std::move(strings_); }

 private:
  Status Store() {
    if (strings_.size() >= limits_.max_cells) {
      return MakeError(ErrorCode::kTooLarge,
                       fmt::format("the workbook has more than {} shared strings, the cell limit",
                                   limits_.max_cells));
    }
    Result<SheetBuilder::TextRef> stored = builder_.StoreText(DecodeOoxmlEscapes(text_));
    if (!stored) return stored.error();
    strings_.push_back(stored.value());
    return {};
  }

  const Limits& limits_;
  SheetBuilder& builder_;
  std::string text_;
  bool in_text_ = false;
  int phonetic_depth_ = 0;
  std::vector<SheetBuilder::TextRef> strings_;
};

}  // namespace

std::string DecodeOoxmlEscapes(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t idx = 0; idx < text.size(); ++idx) {
    const int code_point = text[idx] == '_' ? EscapedCodePoint(text, idx) : -1;
    if (code_point < 0) {
      out += text[idx];
      continue;
    }
    AppendUtf8(out, code_point);
    idx += 6;
  }
  return out;
}

std::optional<std::uint64_t> ColumnOfReference(std::string_view reference) {
  constexpr std::uint64_t kFarBeyond = std::uint64_t{1} << 40;
  std::uint64_t column = 0;
  std::size_t letters = 0;
  for (char c : reference) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    column = std::min(column * 26 + static_cast<std::uint64_t>(c - 'A' + 1), kFarBeyond);
    ++letters;
  }
  if (letters == 0) return std::nullopt;
  return column - 1;
}

Result<std::vector<NumberFormatKind>> ParseStyles(ZipArchive& archive, std::uint64_t index,
                                                  std::string_view part) {
  StylesHandler handler;
  if (Status parsed = ParseXmlEntry(archive, index, part, handler); !parsed) return parsed.error();
  return handler.Kinds();
}

Result<std::vector<SheetBuilder::TextRef>> ParseSharedStrings(ZipArchive& archive,
                                                              std::uint64_t index,
                                                              std::string_view part,
                                                              const Limits& limits,
                                                              SheetBuilder& builder) {
  SharedStringsHandler handler(limits, builder);
  if (Status parsed = ParseXmlEntry(archive, index, part, handler); !parsed) return parsed.error();
  return handler.Take();
}

}  // namespace rollcall::table::xlsx
