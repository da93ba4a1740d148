// Counting the bytes that end CSV cells ahead of parsing (csv_parser.cpp), so that the table can
// reserve its rows and cells once. On x86-64 16 bytes are compared at a time with SSE2 (part of
// its baseline: no run-time dispatch); elsewhere a portable loop gives the same counts.
//
// Internal to the table module: not part of its interface. Pure.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#if defined(__x86_64__)
#include <emmintrin.h>
#endif

namespace rollcall::table::internal {

inline constexpr std::size_t kBlockBytes = 64;

struct SeparatorCounts {
  std::uint64_t delimiters = 0;
  std::uint64_t line_ends = 0;  // CR and LF bytes: a CR LF pair counts twice
};

inline SeparatorCounts CountSeparatorsPortable(std::string_view text, char delimiter) {
  SeparatorCounts counts;
  for (const char byte : text) {
    counts.delimiters += byte == delimiter ? 1 : 0;
    counts.line_ends += byte == '\r' || byte == '\n' ? 1 : 0;
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
// every 63 steps.
inline SeparatorCounts CountSeparatorsSse2(std::string_view text, char delimiter) {
  const __m128i delimiters = _mm_set1_epi8(delimiter);
  const __m128i carriage_returns = _mm_set1_epi8('\r');
  const __m128i line_feeds = _mm_set1_epi8('\n');
  constexpr std::size_t kStepsPerSum = 63;
  const std::size_t whole_end = text.size() - text.size() % kBlockBytes;
  SeparatorCounts counts;
  std::size_t position = 0;
  while (position < whole_end) {
    const std::size_t batch_end =
        position + std::min(whole_end - position, kBlockBytes * kStepsPerSum);
    __m128i delimiter_lanes = _mm_setzero_si128();
    __m128i line_end_lanes = _mm_setzero_si128();
    for (; position < batch_end; position += kBlockBytes) {
      for (std::size_t part_idx = 0; part_idx < kBlockBytes / 16; ++part_idx) {
        const __m128i part = _mm_loadu_si128(
            reinterpret_cast<const __m128i*>(text.data() + position + 16 * part_idx));
        delimiter_lanes = _mm_sub_epi8(delimiter_lanes, _mm_cmpeq_epi8(part, delimiters));
        line_end_lanes = _mm_sub_epi8(
            line_end_lanes,
            _mm_or_si128(_mm_cmpeq_epi8(part, carriage_returns), _mm_cmpeq_epi8(part, line_feeds)));
      }
    }
    counts.delimiters += SumLanes(delimiter_lanes);
    counts.line_ends += SumLanes(line_end_lanes);
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
