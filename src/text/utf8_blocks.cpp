// The vector UTF-8 validator of Keiser and Lemire ("lookup" algorithm, as in simdjson and
// simdutf), on 16-byte SSSE3 vectors. Each byte is checked against the one to three before it:
// three 16-entry tables, indexed by the high nibble of the previous byte, its low nibble and the
// high nibble of the byte, give bit sets of the errors each nibble allows; their AND is the set of
// errors the pair makes. A continuation byte two or three places after a three- or four-byte lead
// is checked apart (the "must be a continuation" bits).
#include "text/utf8_blocks.hpp"

#include <bit>
#include <cstdint>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace rollcall::text::internal {
namespace {

#if defined(__x86_64__)

// Error bits (one per kind of invalid pair; two kinds share bit 6, as they never meet).
constexpr std::uint8_t kTooShort = 1 << 0;   // a lead, then not a continuation
constexpr std::uint8_t kTooLong = 1 << 1;    // ASCII, then a continuation
constexpr std::uint8_t kOverlong3 = 1 << 2;  // E0 80..9F
constexpr std::uint8_t kTooLarge = 1 << 3;   // F4 90..BF, F5..FF
constexpr std::uint8_t kSurrogate = 1 << 4;  // ED A0..BF
constexpr std::uint8_t kOverlong2 = 1 << 5;  // C0, C1
constexpr std::uint8_t kTooLarge1000 = 1 << 6;
constexpr std::uint8_t kOverlong4 = 1 << 6;  // F0 80..8F
constexpr std::uint8_t kTwoConts = 1 << 7;   // a continuation, then one more: checked apart
constexpr std::uint8_t kCarry = kTooShort | kTooLong | kTwoConts;

constexpr std::uint8_t kFirstHighNibble[16] = {kTooLong,
                                               kTooLong,
                                               kTooLong,
                                               kTooLong,
                                               kTooLong,
                                               kTooLong,
                                               kTooLong,
                                               kTooLong,
                                               kTwoConts,
                                               kTwoConts,
                                               kTwoConts,
                                               kTwoConts,
                                               kTooShort | kOverlong2,
                                               kTooShort,
                                               kTooShort | kOverlong3 | kSurrogate,
                                               kTooShort | kTooLarge | kTooLarge1000 | kOverlong4};

constexpr std::uint8_t kFirstLowNibble[16] = {kCarry | kOverlong3 | kOverlong2 | kOverlong4,
                                              kCarry | kOverlong2,
                                              kCarry,
                                              kCarry,
                                              kCarry | kTooLarge,
                                              kCarry | kTooLarge | kTooLarge1000,
                                              kCarry | kTooLarge | kTooLarge1000,
                                              kCarry | kTooLarge | kTooLarge1000,
                                              kCarry | kTooLarge | kTooLarge1000,
                                              kCarry | kTooLarge | kTooLarge1000,
                                              kCarry | kTooLarge | kTooLarge1000,
                                              kCarry | kTooLarge | kTooLarge1000,
                                              kCarry | kTooLarge | kTooLarge1000,
                                              kCarry | kTooLarge | kTooLarge1000 | kSurrogate,
                                              kCarry | kTooLarge | kTooLarge1000,
                                              kCarry | kTooLarge | kTooLarge1000};

constexpr std::uint8_t kSecondHighNibble[16] = {
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 | kOverlong4,
    kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge,
    kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,
    kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort};

// Per lane, the largest byte that may end a block: a lead in the last three lanes is cut short.
constexpr std::uint8_t kLargestLastBytes[16] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xEF, 0xDF, 0xBF};

#define ROLLCALL_SSSE3 [[gnu::target("ssse3,popcnt")]]

ROLLCALL_SSSE3 inline __m128i Load(const void* bytes) {
  return _mm_loadu_si128(static_cast<const __m128i*>(bytes));
}

ROLLCALL_SSSE3 inline __m128i HighNibbles(__m128i bytes) {
  return _mm_and_si128(_mm_srli_epi16(bytes, 4), _mm_set1_epi8(0x0F));
}

// The errors of `input`, whose 16 bytes follow those of `previous`.
ROLLCALL_SSSE3 inline __m128i VectorErrors(__m128i input, __m128i previous) {
  const __m128i prev1 = _mm_alignr_epi8(input, previous, 15);
  const __m128i first_high = _mm_shuffle_epi8(Load(kFirstHighNibble), HighNibbles(prev1));
  const __m128i first_low =
      _mm_shuffle_epi8(Load(kFirstLowNibble), _mm_and_si128(prev1, _mm_set1_epi8(0x0F)));
  const __m128i second_high = _mm_shuffle_epi8(Load(kSecondHighNibble), HighNibbles(input));
  const __m128i pair_errors = _mm_and_si128(_mm_and_si128(first_high, first_low), second_high);
  // Only a byte E0.. two places back or F0.. three places back comes out >= 0x80.
  const __m128i third_byte =
      _mm_subs_epu8(_mm_alignr_epi8(input, previous, 14), _mm_set1_epi8(0x60));
  const __m128i fourth_byte =
      _mm_subs_epu8(_mm_alignr_epi8(input, previous, 13), _mm_set1_epi8(0x70));
  const __m128i must_continue =
      _mm_and_si128(_mm_or_si128(third_byte, fourth_byte), _mm_set1_epi8(static_cast<char>(0x80)));
  return _mm_xor_si128(must_continue, pair_errors);
}

ROLLCALL_SSSE3 inline bool IsZero(__m128i bytes) {
  return _mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_setzero_si128())) == 0xFFFF;
}

// Bit i set <-> byte i is 11xxxxxx: in valid UTF-8, one per multi-byte character.
ROLLCALL_SSSE3 inline std::uint64_t LeadBits(__m128i bytes) {
  const __m128i top_bits = _mm_set1_epi8(static_cast<char>(0xC0));
  const __m128i leads = _mm_cmpeq_epi8(_mm_and_si128(bytes, top_bits), top_bits);
  return static_cast<std::uint16_t>(_mm_movemask_epi8(leads));
}

// Steps per block: 1. an ASCII block is valid unless the block before ended inside a character;
// 2. another is checked vector by vector; 3. a block is taken into the prefix once it and those
// before are valid and it does not end inside a character.
ROLLCALL_SSSE3 ValidPrefix FindValidBlocksSsse3(std::string_view bytes) {
  ValidPrefix prefix;
  std::uint64_t multibyte_since_prefix = 0;
  __m128i nuls_since_prefix = _mm_setzero_si128();  // lanes -1 where a NUL was
  __m128i previous = _mm_setzero_si128();
  for (std::size_t block_start = 0; block_start + 64 <= bytes.size(); block_start += 64) {
    const char* block = bytes.data() + block_start;
    const __m128i v0 = Load(block), v1 = Load(block + 16), v2 = Load(block + 32),
                  v3 = Load(block + 48);
    const __m128i any = _mm_or_si128(_mm_or_si128(v0, v1), _mm_or_si128(v2, v3));
    const __m128i zero = _mm_setzero_si128();
    nuls_since_prefix = _mm_or_si128(
        nuls_since_prefix,
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v0, zero), _mm_cmpeq_epi8(v1, zero)),
                     _mm_or_si128(_mm_cmpeq_epi8(v2, zero), _mm_cmpeq_epi8(v3, zero))));
    if (_mm_movemask_epi8(any) == 0) {  // 1.
      if (!IsZero(_mm_subs_epu8(previous, Load(kLargestLastBytes)))) break;
    } else {  // 2.
      const __m128i errors =
          _mm_or_si128(_mm_or_si128(VectorErrors(v0, previous), VectorErrors(v1, v0)),
                       _mm_or_si128(VectorErrors(v2, v1), VectorErrors(v3, v2)));
      if (!IsZero(errors)) break;
      const std::uint64_t leads =
          LeadBits(v0) | LeadBits(v1) << 16 | LeadBits(v2) << 32 | LeadBits(v3) << 48;
      multibyte_since_prefix += static_cast<std::uint64_t>(std::popcount(leads));
    }
    previous = v3;
    if (IsZero(_mm_subs_epu8(v3, Load(kLargestLastBytes)))) {  // 3.
      prefix.size = block_start + 64;
      prefix.multibyte += multibyte_since_prefix;
      multibyte_since_prefix = 0;
      prefix.has_nul = prefix.has_nul || !IsZero(nuls_since_prefix);
      nuls_since_prefix = _mm_setzero_si128();
    }
  }
  return prefix;
}

#endif

}  // namespace

ValidPrefix FindValidUtf8Blocks(std::string_view bytes) {
#if defined(__x86_64__)
  static const bool has_ssse3 = __builtin_cpu_supports("ssse3") && __builtin_cpu_supports("popcnt");
  if (has_ssse3) return FindValidBlocksSsse3(bytes);
#endif
  (void)bytes;
  return {};
}

}  // namespace rollcall::text::internal
