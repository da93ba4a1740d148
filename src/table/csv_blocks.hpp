// Looking for a few bytes in CSV text 64 bytes at a time, for the CSV parser's hot loop
// (csv_parser.cpp).
//
// A block of 64 bytes becomes one bit mask, bit i set when byte i of the block is one of the bytes
// looked for (the delimiter, CR and LF, say). The parser then finds the end of a cell, or the next
// quote or line end inside a quoted cell, with a shift and a count of trailing zeros instead of a
// test per byte. On x86-64 the masks come from SSE2 compares (part of its baseline: no run-time
// dispatch); elsewhere from a portable loop that gives the same masks, whatever the byte order.
// CountSeparators() counts delimiters and line ends ahead of parsing the same way, so that the
// table can reserve its cells once.
//
// Internal to the table module: not part of its interface. Pure.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__x86_64__)
#include <emmintrin.h>
#endif

namespace rollcall::table::internal {

inline constexpr std::size_t kBlockBytes = 64;

// The bytes looked for: three of them (repeat one to look for two).
struct ByteSet {
  char first;
  char second;
  char third;
};

// Bit i of the result set ↔ block[i] is in `bytes`. REQUIRES: kBlockBytes readable at `block`.
inline std::uint64_t MatchBlockPortable(const char* block, ByteSet bytes) {
  std::uint64_t matches = 0;
  for (std::size_t byte_idx = 0; byte_idx < kBlockBytes; ++byte_idx) {
    const char byte = block[byte_idx];
    if (byte == bytes.first || byte == bytes.second || byte == bytes.third) {
      matches |= std::uint64_t{1} << byte_idx;
    }
  }
  return matches;
}

#if defined(__x86_64__)
// A ByteSet with each byte repeated in all 16 lanes, made once per scanner rather than per block.
struct ByteSetLanes {
  explicit ByteSetLanes(ByteSet bytes)
      : first(_mm_set1_epi8(bytes.first)),
        second(_mm_set1_epi8(bytes.second)),
        third(_mm_set1_epi8(bytes.third)) {}
  __m128i first;
  __m128i second;
  __m128i third;
};

inline std::uint64_t MatchBlockSse2(const char* block, const ByteSetLanes& lanes) {
  std::uint64_t matches = 0;
  for (std::size_t part_idx = 0; part_idx < kBlockBytes / 16; ++part_idx) {
    const __m128i part = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * part_idx));
    const __m128i found = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(part, lanes.first), _mm_cmpeq_epi8(part, lanes.second)),
        _mm_cmpeq_epi8(part, lanes.third));
    const auto part_matches = static_cast<std::uint16_t>(_mm_movemask_epi8(found));
    matches |= std::uint64_t{part_matches} << (16 * part_idx);
  }
  return matches;
}

// What BlockScanner keeps to match blocks: the broadcast bytes.
using BlockMatcher = ByteSetLanes;
inline std::uint64_t MatchBlock(const char* block, const BlockMatcher& matcher) {
  return MatchBlockSse2(block, matcher);
}
#else
using BlockMatcher = ByteSet;
inline std::uint64_t MatchBlock(const char* block, const BlockMatcher& matcher) {
  return MatchBlockPortable(block, matcher);
}
#endif

// Finds the next byte of a ByteSet in a text, matching the block it lies in when it is not the
// block matched last. Any position may be asked for; moving within a block costs no new match.
// The text's last, partial block is matched in a padded copy, its bits past the end cleared.
//
// Keeps a view of the text and the mask of one block: bytes before the position asked for may
// change in between (the parser unescapes behind itself), bytes at or after it must not.
class BlockScanner {
 public:
  BlockScanner(std::string_view text, ByteSet bytes) : text_(text), matcher_(bytes) {}

  // The first position >= `position` holding one of the bytes; text.size() if none does.
  std::size_t Find(std::size_t position) {
    while (position < text_.size()) {
      const std::size_t block_start = position & ~(kBlockBytes - 1);
      if (block_start != block_start_) Match(block_start);
      const std::uint64_t found = matches_ >> (position - block_start);
      if (found != 0) return position + static_cast<std::size_t>(std::countr_zero(found));
      position = block_start + kBlockBytes;
    }
    return text_.size();
  }

 private:
  static constexpr std::size_t kNoBlock = ~std::size_t{0};

  // Out of line, once per block: keeps Find() small enough to inline into the parser's loop.
  [[gnu::noinline]] void Match(std::size_t block_start) {
    block_start_ = block_start;
    const std::size_t available = text_.size() - block_start;
    if (available >= kBlockBytes) {
      matches_ = MatchBlock(text_.data() + block_start, matcher_);
      return;
    }
    char padded[kBlockBytes] = {};
    std::memcpy(padded, text_.data() + block_start, available);
    const std::uint64_t in_text = (std::uint64_t{1} << available) - 1;  // available < 64
    matches_ = MatchBlock(padded, matcher_) & in_text;
  }

  std::string_view text_;
  BlockMatcher matcher_;
  std::size_t block_start_ = kNoBlock;
  std::uint64_t matches_ = 0;
};

struct SeparatorCounts {
  std::uint64_t delimiters = 0;
  std::uint64_t line_ends = 0;  // CR, LF or CR LF, each once
};

inline SeparatorCounts CountSeparatorsPortable(std::string_view text, char delimiter) {
  SeparatorCounts counts;
  for (std::size_t position = 0; position < text.size(); ++position) {
    const char byte = text[position];
    const bool after_cr = position > 0 && text[position - 1] == '\r';
    counts.delimiters += byte == delimiter ? 1 : 0;
    counts.line_ends += byte == '\r' || (byte == '\n' && !after_cr) ? 1 : 0;
  }
  return counts;
}

#if defined(__x86_64__)
// The sum of the 16 byte lanes.
inline std::uint64_t SumLanes(__m128i lanes) {
  const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());  // two 64-bit halves
  return static_cast<std::uint64_t>(_mm_cvtsi128_si64(sums)) +
         static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
}

// Counts in 16 byte lanes at once: a match compares as -1, so subtracting it adds one to its lane.
// A step takes a block, adding up to 4 to a lane; a lane holds up to 255, so the lanes are summed
// every 63 steps. Line ends are CR and LF bytes less the CR LF pairs, found by comparing each
// byte's follower too (so the blocks stop at least one byte before the end; the rest is counted
// by the portable loop, which counts an LF it starts with: the pair it ends was subtracted here).
inline SeparatorCounts CountSeparatorsSse2(std::string_view text, char delimiter) {
  const __m128i delimiters = _mm_set1_epi8(delimiter);
  const __m128i carriage_returns = _mm_set1_epi8('\r');
  const __m128i line_feeds = _mm_set1_epi8('\n');
  constexpr std::size_t kStepsPerSum = 63;
  const std::size_t whole_end =
      text.empty() ? 0 : (text.size() - 1) - (text.size() - 1) % kBlockBytes;
  SeparatorCounts counts;
  std::size_t position = 0;
  while (position < whole_end) {
    const std::size_t batch_end =
        position + std::min(whole_end - position, kBlockBytes * kStepsPerSum);
    __m128i delimiter_lanes = _mm_setzero_si128();
    __m128i cr_or_lf_lanes = _mm_setzero_si128();
    __m128i cr_lf_lanes = _mm_setzero_si128();
    for (; position < batch_end; position += kBlockBytes) {
      for (std::size_t part_idx = 0; part_idx < kBlockBytes / 16; ++part_idx) {
        const char* const part_start = text.data() + position + 16 * part_idx;
        const __m128i part = _mm_loadu_si128(reinterpret_cast<const __m128i*>(part_start));
        const __m128i followers = _mm_loadu_si128(reinterpret_cast<const __m128i*>(part_start + 1));
        const __m128i is_cr = _mm_cmpeq_epi8(part, carriage_returns);
        delimiter_lanes = _mm_sub_epi8(delimiter_lanes, _mm_cmpeq_epi8(part, delimiters));
        cr_or_lf_lanes =
            _mm_sub_epi8(cr_or_lf_lanes, _mm_or_si128(is_cr, _mm_cmpeq_epi8(part, line_feeds)));
        cr_lf_lanes =
            _mm_sub_epi8(cr_lf_lanes, _mm_and_si128(is_cr, _mm_cmpeq_epi8(followers, line_feeds)));
      }
    }
    counts.delimiters += SumLanes(delimiter_lanes);
    counts.line_ends += SumLanes(cr_or_lf_lanes) - SumLanes(cr_lf_lanes);
  }
  const SeparatorCounts tail = CountSeparatorsPortable(text.substr(whole_end), delimiter);
  counts.delimiters += tail.delimiters;
  counts.line_ends += tail.line_ends;
  return counts;
}
#endif

inline SeparatorCounts CountSeparators(std::string_view text, char delimiter) {
#if defined(__x86_64__)
  return CountSeparatorsSse2(text, delimiter);
#else
  return CountSeparatorsPortable(text, delimiter);
#endif
}

}  // namespace rollcall::table::internal
