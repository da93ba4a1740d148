#include "text/display.hpp"

#include "text/utf8.hpp"

namespace rollcall::text {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";

std::uint32_t DecodeCodePoint(std::string_view bytes, int length) {
  const auto byte = [&](int index) {
    return static_cast<std::uint32_t>(
        static_cast<unsigned char>(bytes[static_cast<std::size_t>(index)]));
  };
  if (length == 1) return byte(0);
  std::uint32_t code_point = byte(0) & (0x7Fu >> length);
  for (int index = 1; index < length; ++index)
    code_point = (code_point << 6) | (byte(index) & 0x3Fu);
  return code_point;
}

void AppendHexByte(unsigned char value, std::string& out) {
  constexpr std::string_view kDigits = "0123456789abcdef";
  out += "\\x";
  out.push_back(kDigits[value >> 4]);
  out.push_back(kDigits[value & 0xF]);
}

void AppendCodePointName(std::uint32_t code_point, std::string& out) {
  constexpr std::string_view kDigits = "0123456789ABCDEF";
  out += "<U+";
  for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kDigits[(code_point >> shift) & 0xF]);
  out += ">";
}

bool IsControl(std::uint32_t code_point) {
  return code_point < 0x20 || code_point == 0x7F || (code_point >= 0x80 && code_point <= 0x9F);
}

}  // namespace

std::string_view Utf8Prefix(std::string_view utf8, std::size_t max_bytes) {
  if (utf8.size() <= max_bytes) return utf8;
  std::size_t end = max_bytes;
  // Back to the start of the character that would be cut (at most 3 continuation bytes).
  while (end > 0 && end + 3 > max_bytes && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80) {
    --end;
  }
  return utf8.substr(0, end);
}

std::string CutForPreview(std::string_view utf8, std::size_t max_bytes) {
  if (utf8.size() <= max_bytes) return std::string(utf8);
  std::string cut(Utf8Prefix(utf8, max_bytes));
  cut += kEllipsis;
  return cut;
}

bool IsInvisibleFormatCharacter(std::uint32_t code_point) {
  return code_point == 0x00AD || code_point == 0x034F || code_point == 0x061C ||
         code_point == 0x180E || (code_point >= 0x200B && code_point <= 0x200F) ||
         (code_point >= 0x202A && code_point <= 0x202E) ||
         (code_point >= 0x2060 && code_point <= 0x2069) || code_point == 0xFEFF;
}

std::string RemoveInvisibleCharacters(std::string_view utf8, std::size_t& removed) {
  removed = 0;
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t at = 0; at < utf8.size();) {
    const std::string_view rest = utf8.substr(at);
    const int length = Utf8CharLength(rest);
    const std::size_t step = length > 0 ? static_cast<std::size_t>(length) : 1;
    if (length > 1 && IsInvisibleFormatCharacter(DecodeCodePoint(rest, length))) {
      ++removed;
    } else {
      out.append(rest.substr(0, step));
    }
    at += step;
  }
  return out;
}

std::string DisplayText(std::string_view utf8, std::size_t max_bytes) {
  const bool cut = utf8.size() > max_bytes;
  const std::string kept = CutForPreview(utf8, max_bytes);
  const std::string_view body =
      cut ? std::string_view(kept).substr(0, kept.size() - kEllipsis.size()) : kept;
  std::string out;
  out.reserve(body.size() + 8);
  for (std::size_t at = 0; at < body.size();) {
    const std::string_view rest = body.substr(at);
    const int length = Utf8CharLength(rest);
    if (length <= 0) {
      AppendHexByte(static_cast<unsigned char>(rest[0]), out);
      ++at;
      continue;
    }
    const std::uint32_t code_point = DecodeCodePoint(rest, length);
    if (code_point == '\t' || code_point == '\n' || code_point == '\r') {
      out.push_back(' ');
    } else if (IsControl(code_point)) {
      if (code_point < 0x80) {
        AppendHexByte(static_cast<unsigned char>(code_point), out);
      } else {
        AppendCodePointName(code_point, out);
      }
    } else if (IsInvisibleFormatCharacter(code_point)) {
      AppendCodePointName(code_point, out);
    } else {
      out.append(rest.substr(0, static_cast<std::size_t>(length)));
    }
    at += static_cast<std::size_t>(length);
  }
  if (cut) out += kEllipsis;
  return out;
}

}  // namespace rollcall::text
