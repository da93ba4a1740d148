#include "store/sqlite/json_text.hpp"

#include <fmt/format.h>

namespace rollcall::store::sqlite {

void AppendJsonString(std::string_view text, std::string& out) {
  out += '"';
  std::size_t plain_start = 0;
  for (std::size_t position = 0; position < text.size(); ++position) {
    const char c = text[position];
    const bool plain = c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20;
    if (plain) continue;
    out.append(text.substr(plain_start, position - plain_start));
    plain_start = position + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    }
  }
  out.append(text.substr(plain_start));
  out += '"';
}

std::string& JsonObjectWriter::Member(std::string_view key) {
  if (!first_) out_ += ',';
  first_ = false;
  AppendJsonString(key, out_);
  out_ += ':';
  return out_;
}

JsonObjectWriter& JsonObjectWriter::String(std::string_view key, std::string_view value) {
  AppendJsonString(value, Member(key));
  return *this;
}

JsonObjectWriter& JsonObjectWriter::Int(std::string_view key, std::int64_t value) {
  fmt::format_to(std::back_inserter(Member(key)), "{}", value);
  return *this;
}

JsonObjectWriter& JsonObjectWriter::Bool(std::string_view key, bool value) {
  Member(key) += value ? "true" : "false";
  return *this;
}

}  // namespace rollcall::store::sqlite
