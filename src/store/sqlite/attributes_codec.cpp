#include "store/sqlite/attributes_codec.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "store/sqlite/json_text.hpp"
#include "text/utf8.hpp"

namespace rollcall::store::sqlite {
namespace {

// Written by hand, both ways (json_text.hpp): a million accounts are decoded per snapshot, and a
// general JSON library (a lexer over iterators, a value tree) costs several times the SQLite read
// itself.

// Values come from decoded files and are valid UTF-8; should a bug upstream break that,
// nlohmann replaces the bad bytes rather than store text json_extract rejects.
std::string EncodeReplacing(const directory::Attributes& attributes) {
  nlohmann::ordered_json object = nlohmann::ordered_json::object();
  for (const auto& [field, value] : attributes) object[std::string(field)] = std::string(value);
  return object.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

// A strict reader of one flat JSON object of strings. Each method consumes what it names and
// returns false on anything else.
class FlatObjectReader {
 public:
  explicit FlatObjectReader(std::string_view json) : json_(json) {}

  // Calls add(field, value) for each member with a non-empty value, in the text's order; the
  // views are valid during the call only.
  template <class Add>
  bool Read(Add&& add) {
    if (!Consume('{')) return false;
    if (Consume('}')) return AtEnd();
    std::string field;
    std::string value;
    do {
      field.clear();
      value.clear();
      if (!String(field) || !Consume(':') || !String(value)) return false;
      if (!value.empty()) add(std::string_view(field), std::string_view(value));
    } while (Consume(','));
    return Consume('}') && AtEnd();
  }

 private:
  void SkipSpace() {
    while (position_ < json_.size() && (json_[position_] == ' ' || json_[position_] == '\t' ||
                                        json_[position_] == '\n' || json_[position_] == '\r')) {
      ++position_;
    }
  }
  bool Consume(char expected) {
    SkipSpace();
    if (position_ >= json_.size() || json_[position_] != expected) return false;
    ++position_;
    return true;
  }
  bool AtEnd() {
    SkipSpace();
    return position_ == json_.size();
  }
  std::optional<std::uint32_t> Hex4() {
    if (json_.size() - position_ < 4) return std::nullopt;
    std::uint32_t value = 0;
    for (int digit_idx = 0; digit_idx < 4; ++digit_idx) {
      const char c = json_[position_++];
      const int digit = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                               : -1;
      if (digit < 0) return std::nullopt;
      value = value * 16 + static_cast<std::uint32_t>(digit);
    }
    return value;
  }
  // After "\u": one code point, joining a surrogate pair.
  bool Unicode(std::string& out) {
    std::optional<std::uint32_t> unit = Hex4();
    if (!unit || (*unit >= 0xDC00 && *unit <= 0xDFFF)) return false;
    std::uint32_t code_point = *unit;
    if (*unit >= 0xD800 && *unit <= 0xDBFF) {
      if (json_.substr(position_, 2) != "\\u") return false;
      position_ += 2;
      std::optional<std::uint32_t> low = Hex4();
      if (!low || *low < 0xDC00 || *low > 0xDFFF) return false;
      code_point = 0x10000 + ((*unit - 0xD800) << 10) + (*low - 0xDC00);
    }
    text::AppendUtf8(code_point, out);
    return true;
  }
  bool Escape(std::string& out) {
    if (position_ >= json_.size()) return false;
    const char c = json_[position_++];
    switch (c) {
      case '"':
      case '\\':
      case '/':
        out += c;
        return true;
      case 'b':
        out += '\b';
        return true;
      case 'f':
        out += '\f';
        return true;
      case 'n':
        out += '\n';
        return true;
      case 'r':
        out += '\r';
        return true;
      case 't':
        out += '\t';
        return true;
      case 'u':
        return Unicode(out);
      default:
        return false;
    }
  }
  // One pass per plain run, which ends at a quote or a backslash; a control character in it is
  // an error. (find_first_of and a second scan for control characters took twice as long: a
  // snapshot reads eight strings per account.)
  bool String(std::string& out) {
    if (!Consume('"')) return false;
    while (position_ < json_.size()) {
      std::size_t end = position_;
      while (end < json_.size()) {
        const auto c = static_cast<unsigned char>(json_[end]);
        if (c == '"' || c == '\\' || c < 0x20) break;
        ++end;
      }
      if (end == json_.size() || static_cast<unsigned char>(json_[end]) < 0x20) return false;
      out.append(json_.substr(position_, end - position_));
      position_ = end + 1;
      if (json_[end] == '"') return true;
      if (!Escape(out)) return false;
    }
    return false;
  }

  std::string_view json_;
  std::size_t position_ = 0;
};

Error Corrupt() {
  return MakeError(ErrorCode::kCorrupt, "database: an account's attributes are not a JSON object");
}

}  // namespace

std::string EncodeAttributes(const directory::Attributes& attributes) {
  if (attributes.empty()) return "{}";
  std::string json = "{";
  for (const auto& [field, value] : attributes) {
    if (!text::IsValidUtf8(field) || !text::IsValidUtf8(value)) return EncodeReplacing(attributes);
    if (json.size() > 1) json += ',';
    AppendJsonString(field, json);
    json += ':';
    AppendJsonString(value, json);
  }
  return json + "}";
}

// What EncodeAttributes wrote comes sorted and goes straight into the Attributes; any other
// order is read a second time, sorted, and a repeated field keeps its first value.
Result<directory::Attributes> DecodeAttributes(std::string_view json) {
  directory::Attributes attributes;
  if (json == "{}") return attributes;
  std::string last_field;
  bool sorted = true;
  const bool read =
      FlatObjectReader(json).Read([&](std::string_view field, std::string_view value) {
        sorted = sorted && (attributes.empty() || field > last_field);
        if (!sorted) return;
        attributes.Append(field, value);
        last_field = field;
      });
  if (!read) return Corrupt();
  if (sorted) {
    attributes.ShrinkToFit();
    return attributes;
  }
  std::vector<std::pair<std::string, std::string>> members;
  (void)FlatObjectReader(json).Read(
      [&](std::string_view field, std::string_view value) { members.emplace_back(field, value); });
  std::stable_sort(members.begin(), members.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  attributes = {};
  for (std::size_t member_idx = 0; member_idx < members.size(); ++member_idx) {
    const auto& [field, value] = members[member_idx];
    const bool repeated = member_idx > 0 && members[member_idx - 1].first == field;
    if (!repeated) attributes.Append(field, value);
  }
  attributes.ShrinkToFit();
  return attributes;
}

}  // namespace rollcall::store::sqlite
