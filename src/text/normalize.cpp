#include "text/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "text/display.hpp"

namespace rollcall::text {
namespace {

bool IsAscii(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::string ToUtf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

// Letters that NFD does not decompose into a base letter and a mark.
const char* SpelledOut(UChar32 character) {
  switch (character) {
    case U'ß':
      return "ss";
    case U'æ':
      return "ae";
    case U'œ':
      return "oe";
    case U'ø':
      return "o";
    case U'ł':
      return "l";
    case U'đ':
      return "d";
    case U'ð':
      return "d";
    case U'þ':
      return "th";
    case U'ı':
      return "i";
    default:
      return nullptr;
  }
}

}  // namespace

std::string_view TrimView(std::string_view text) {
  const auto is_space = [](std::string_view rest, bool front) {
    if (rest.empty()) return std::size_t{0};
    const char c = front ? rest.front() : rest.back();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return std::size_t{1};
    constexpr std::string_view kNoBreakSpace = "\xC2\xA0";
    if (front ? rest.substr(0, 2) == kNoBreakSpace
              : rest.size() >= 2 && rest.substr(rest.size() - 2) == kNoBreakSpace) {
      return std::size_t{2};
    }
    return std::size_t{0};
  };
  while (std::size_t width = is_space(text, true)) text.remove_prefix(width);
  while (std::size_t width = is_space(text, false)) text.remove_suffix(width);
  return text;
}

std::string Nfc(std::string_view text) {
  if (IsAscii(text)) return std::string(text);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(text);
  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (nfc->isNormalized(source, status) && U_SUCCESS(status)) return std::string(text);
  status = U_ZERO_ERROR;
  const icu::UnicodeString normalised = nfc->normalize(source, status);
  return U_SUCCESS(status) ? ToUtf8(normalised) : std::string(text);
}

std::string LowerCase(std::string_view text) {
  if (IsAscii(text)) {
    std::string lower(text);
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    return lower;
  }
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  unicode.foldCase();
  return ToUtf8(unicode);
}

std::string FoldForMatching(std::string_view text) {
  if (IsAscii(text)) return LowerCase(text);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  unicode.foldCase();
  if (U_SUCCESS(status)) unicode = nfd->normalize(unicode, status);
  std::string out;
  for (int32_t index = 0; index < unicode.length();) {
    const UChar32 character = unicode.char32At(index);
    index += U16_LENGTH(character);
    // Zero-width, BOM and bidi marks say nothing about who a person is (text/display.hpp).
    if (u_getCombiningClass(character) != 0 || u_charType(character) == U_NON_SPACING_MARK ||
        IsInvisibleFormatCharacter(static_cast<std::uint32_t>(character))) {
      continue;
    }
    if (const char* spelled = SpelledOut(character)) {
      out += spelled;
    } else {
      out += ToUtf8(icu::UnicodeString(character));
    }
  }
  return out;
}

}  // namespace rollcall::text
