// Word-at-a-time scans over ASCII runs, shared by the encoding detector and the decoders.
//
// Roster text is mostly ASCII with a non-ASCII letter every few dozen bytes, so the hot loops
// skip ASCII 8 or 16 bytes at a time and handle the rare other bytes one by one. Portable C++ (no
// intrinsics, any byte order): 64-bit loads and bit tests, a few instructions per word.
//
// Internal to the text module: not part of its interface.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace rollcall::text::internal {

inline constexpr std::uint64_t kHighBits = 0x8080808080808080ull;

inline std::uint64_t LoadWord(const char* data) {
  std::uint64_t word;
  std::memcpy(&word, data, sizeof word);
  return word;
}

// Marks (high bit of the byte) exactly the bytes of `word` that are >= 0x80 or 0x00. Per byte,
// (b & 0x7F) + 0x7F has its high bit set unless b & 0x7F is 0, and never carries into the next.
inline std::uint64_t MarkHighOrZero(std::uint64_t word) {
  constexpr std::uint64_t kLow7 = ~kHighBits;
  return (word | ~((word & kLow7) + kLow7)) & kHighBits;
}

// Index (0..7) in memory order of the first marked byte. REQUIRES: marks != 0.
inline std::size_t FirstMarkedByte(std::uint64_t marks) {
  if constexpr (std::endian::native == std::endian::little) {
    return static_cast<std::size_t>(std::countr_zero(marks)) / 8;
  } else {
    return static_cast<std::size_t>(std::countl_zero(marks)) / 8;
  }
}

// The first position >= `position` holding a byte >= 0x80, or bytes.size().
inline std::size_t SkipAscii(std::string_view bytes, std::size_t position) {
  const char* data = bytes.data();
  const std::size_t size = bytes.size();
  while (position + 16 <= size) {
    const std::uint64_t first = LoadWord(data + position) & kHighBits;
    const std::uint64_t second = LoadWord(data + position + 8) & kHighBits;
    if ((first | second) != 0) {
      return first != 0 ? position + FirstMarkedByte(first)
                        : position + 8 + FirstMarkedByte(second);
    }
    position += 16;
  }
  while (position < size && static_cast<unsigned char>(data[position]) < 0x80) ++position;
  return position;
}

// The first position >= `position` holding a byte >= 0x80 or a NUL byte, or bytes.size().
inline std::size_t SkipPlainAscii(std::string_view bytes, std::size_t position) {
  const char* data = bytes.data();
  const std::size_t size = bytes.size();
  while (position + 8 <= size) {
    const std::uint64_t marks = MarkHighOrZero(LoadWord(data + position));
    if (marks != 0) return position + FirstMarkedByte(marks);
    position += 8;
  }
  while (position < size) {
    const auto byte = static_cast<unsigned char>(data[position]);
    if (byte == 0 || byte >= 0x80) break;
    ++position;
  }
  return position;
}

}  // namespace rollcall::text::internal
