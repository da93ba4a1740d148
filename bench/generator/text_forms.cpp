// ICU gives the case mapping and the canonical decomposition; the few letters that do not
// decompose to an ASCII base (ł, đ, ı, ß, œ) are listed here.
#include "generator/text_forms.hpp"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include "text/single_byte.hpp"
#include "text/utf8.hpp"

namespace rollcall::bench {
namespace {

// Decodes the code point at `position` and moves past it. REQUIRES: valid UTF-8.
std::uint32_t NextCodePoint(std::string_view utf8, std::size_t& position) {
  const auto lead = static_cast<unsigned char>(utf8[position++]);
  if (lead < 0x80) return lead;
  const int continuation_count = lead >= 0xF0 ? 3 : (lead >= 0xE0 ? 2 : 1);
  std::uint32_t code_point = lead & (0x3Fu >> continuation_count);
  for (int byte_idx = 0; byte_idx < continuation_count; ++byte_idx) {
    code_point = (code_point << 6) | (static_cast<unsigned char>(utf8[position++]) & 0x3Fu);
  }
  return code_point;
}

// The first code point of the canonical decomposition ("ễ" → 'e'), or the code point itself.
std::uint32_t BaseLetter(std::uint32_t code_point) {
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2* nfd = unorm2_getNFDInstance(&status);
  UChar decomposition[8];
  const int32_t length =
      unorm2_getDecomposition(nfd, static_cast<UChar32>(code_point), decomposition, 8, &status);
  if (U_FAILURE(status) || length <= 0) return code_point;
  return decomposition[0];
}

// Letters without a canonical decomposition, and their usual replacement.
std::string_view LookAlike(std::uint32_t code_point) {
  switch (code_point) {
    case 0x0141:
      return "L";  // Ł
    case 0x0142:
      return "l";  // ł
    case 0x0110:
      return "D";  // Đ
    case 0x0111:
      return "d";  // đ
    case 0x0131:
      return "i";  // ı
    case 0x00DF:
      return "ss";  // ß
    case 0x0152:
      return "OE";  // Œ
    case 0x0153:
      return "oe";  // œ
    case 0x00C6:
      return "AE";  // Æ
    case 0x00E6:
      return "ae";  // æ
    case 0x00D8:
      return "O";  // Ø
    case 0x00F8:
      return "o";  // ø
    default:
      return {};
  }
}

}  // namespace

std::string ToUpper(std::string_view utf8) {
  std::string upper;
  upper.reserve(utf8.size());
  for (std::size_t position = 0; position < utf8.size();) {
    const std::uint32_t code_point = NextCodePoint(utf8, position);
    if (code_point < 0x80) {
      const auto ascii = static_cast<char>(code_point);
      upper.push_back(ascii >= 'a' && ascii <= 'z' ? static_cast<char>(ascii - 32) : ascii);
      continue;
    }
    const auto mapped = static_cast<std::uint32_t>(u_toupper(static_cast<UChar32>(code_point)));
    text::AppendUtf8(mapped, upper);
  }
  return upper;
}

std::string AsciiLoginForm(std::string_view utf8) {
  std::string ascii;
  for (std::size_t position = 0; position < utf8.size();) {
    std::uint32_t code_point = NextCodePoint(utf8, position);
    if (code_point >= 0x80) {
      if (const std::string_view look_alike = LookAlike(code_point); !look_alike.empty()) {
        for (const char letter : look_alike) {
          ascii.push_back(static_cast<char>(letter >= 'A' && letter <= 'Z' ? letter + 32 : letter));
        }
        continue;
      }
      code_point = BaseLetter(code_point);
    }
    if (code_point >= 'A' && code_point <= 'Z') code_point += 32;
    const bool kept = (code_point >= 'a' && code_point <= 'z') ||
                      (code_point >= '0' && code_point <= '9') || code_point == '-';
    if (kept) ascii.push_back(static_cast<char>(code_point));
  }
  return ascii;
}

Windows1252Writer::Windows1252Writer() {
  const text::SingleByteTable& table = text::GetSingleByteTable(text::Encoding::kWindows1252);
  for (std::size_t index = 0; index < table.code_points.size(); ++index) {
    if (table.code_points[index] != 0) {
      bytes_[table.code_points[index]] = static_cast<char>(0x80 + index);
    }
  }
}

char Windows1252Writer::Convert(std::uint32_t code_point) {
  if (const auto found = bytes_.find(code_point); found != bytes_.end()) return found->second;
  if (const auto found = best_fit_.find(code_point); found != best_fit_.end()) {
    return found->second;
  }
  char converted = '?';
  if (const std::string_view look_alike = LookAlike(code_point); look_alike.size() == 1) {
    converted = look_alike[0];
  } else if (const std::uint32_t base = BaseLetter(code_point); base < 0x80) {
    converted = static_cast<char>(base);
  }
  best_fit_[code_point] = converted;
  return converted;
}

void Windows1252Writer::Append(std::string_view utf8, std::string& out) {
  for (std::size_t position = 0; position < utf8.size();) {
    const std::uint32_t code_point = NextCodePoint(utf8, position);
    out.push_back(code_point < 0x80 ? static_cast<char>(code_point) : Convert(code_point));
  }
}

}  // namespace rollcall::bench
