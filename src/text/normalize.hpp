// Unicode normalisation for values and for matching.
//
// Values keep their case and accents as written, in NFC (a precomposed "é" whether the file held
// "é" or "e" + combining acute). Matching keys fold case and accents so that "PRENOM", "Prénom" and
// "prénom" compare equal when a caller wants that.
#pragma once

#include <string>
#include <string_view>

namespace rollcall::text {

// Spaces, tabs, no-break spaces and line breaks removed at both ends.
std::string_view TrimView(std::string_view text);

// NFC of valid UTF-8 (invalid input is returned unchanged: readers have already replaced it).
std::string Nfc(std::string_view text);

// Lower-case, with diacritics and invisible format characters (zero-width, BOM, bidi marks)
// removed and ß, æ, œ, ø, ł, đ, ı spelt out in ASCII letters:
// "Prénom" → "prenom", "Straße" → "strasse", "Łukasz" → "lukasz", "Ma<U+200B>rie" → "marie".
std::string FoldForMatching(std::string_view text);

// Lower-case only (full Unicode case folding), accents kept.
std::string LowerCase(std::string_view text);

}  // namespace rollcall::text
