// The spellings a roster generator needs besides a name as written: upper case ("POULAD-MALIN"),
// the ASCII form used in e-mail addresses ("herve.poulad-malin"), and Windows-1252 bytes the way
// Excel writes them.
//
// Excel's "CSV (séparateur : point-virgule)" converts with Windows' best-fit tables: a letter the
// code page lacks loses its accent (ş → s, ễ → e), a few get a look-alike (ł → l, đ → d), and
// anything else becomes '?'. Windows1252Writer does the same for the letters our lists contain.
//
// REQUIRES of every function: valid UTF-8 input (the generator only passes its own lists).
// Thread-compatible: a Windows1252Writer caches conversions and must not be shared between threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace rollcall::bench {

// Simple (one-to-one) upper-casing of every letter; ß stays ß, as registries write it.
std::string ToUpper(std::string_view utf8);

// Lower-case ASCII letters, digits and hyphens; accents stripped, ß → ss, œ → oe, other
// characters (spaces, apostrophes) dropped. "N'Diaye" → "ndiaye", "von der Heide" → "vonderheide".
std::string AsciiLoginForm(std::string_view utf8);

class Windows1252Writer {
 public:
  Windows1252Writer();
  // Appends `utf8` converted to Windows-1252 to `out`.
  void Append(std::string_view utf8, std::string& out);

 private:
  char Convert(std::uint32_t code_point);

  std::unordered_map<std::uint32_t, char> bytes_;     // code points that Windows-1252 holds
  std::unordered_map<std::uint32_t, char> best_fit_;  // filled lazily from the decomposition
};

}  // namespace rollcall::bench
