// Validating UTF-8 64 bytes at a time, for the encoding detector's hot loop (encoding.cpp).
//
// Roster text has a non-ASCII letter every few dozen bytes, so a byte-at-a-time validator leaves
// its ASCII fast path every few dozen bytes. The vector validator (Keiser and Lemire, "Validating
// UTF-8 in less than one instruction per byte", 2021) checks every byte of a block with a few
// table lookups, whatever the mix. It only says "valid" or not: the detector keeps its own
// byte-by-byte loop for the rest (invalid bytes, their statistics, sequences cut by a chunk).
//
// Needs SSSE3 (byte shuffles) and POPCNT, checked at run time; elsewhere the valid prefix is always
// empty.
//
// Internal to the text module: not part of its interface. Pure.
#pragma once

#include <cstdint>
#include <string_view>

namespace rollcall::text::internal {

struct ValidPrefix {
  std::size_t size = 0;         // a multiple of 64
  std::uint64_t multibyte = 0;  // characters of more than one byte in it
  bool has_nul = false;         // a NUL byte in it
};

// The longest prefix of `bytes` made of whole 64-byte blocks that is valid UTF-8 and ends at the
// end of a character. REQUIRES: `bytes` starts at the start of a character.
ValidPrefix FindValidUtf8Blocks(std::string_view bytes);

}  // namespace rollcall::text::internal
