// Tables for the single-byte encodings Rollcall reads, built once from ICU's converters.
//
// The tables are immutable after their first use (a function-local static, so building them is
// thread-safe): they are constant data derived from ICU, not mutable global state.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "text/encoding.hpp"

namespace rollcall::text {

struct SingleByteTable {
  // UTF-8 of bytes 0x80..0xFF; empty where the encoding leaves the byte undefined.
  std::array<std::string, 128> utf8;
  // Code point of bytes 0x80..0xFF; 0 where undefined.
  std::array<std::uint32_t, 128> code_points{};
  // The same UTF-8 as `utf8`, padded to four bytes so that the decoder copies a fixed size, and
  // its length (0 where undefined).
  std::array<std::array<char, 4>, 128> utf8_padded{};
  std::array<std::uint8_t, 128> utf8_length{};
};

// REQUIRES: IsSingleByte(encoding).
const SingleByteTable& GetSingleByteTable(Encoding encoding);

// How plausible byte 0x80 + index decoded in `encoding` is in roster text, given what precedes it:
// context 0 = after an ASCII lower-case letter, 1 = after an ASCII upper-case letter, 2 = other.
int HighByteWeight(Encoding encoding, int index, int context);

}  // namespace rollcall::text
