// The vector validator must find exactly the prefix the byte-by-byte definition gives: the longest
// run of whole 64-byte blocks that IsValidUtf8() accepts, with its multi-byte characters counted,
// wherever an error or a block boundary falls. Inputs are pseudo-random from fixed seeds.
#include "text/utf8_blocks.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>

#include "text/encoding.hpp"
#include "text/utf8.hpp"

namespace rollcall::text::internal {
namespace {

// Characters of every length, mostly ASCII.
std::string ValidText(std::mt19937& random, std::size_t size) {
  static constexpr std::string_view kPieces[] = {"a",
                                                 "b",
                                                 ";",
                                                 "\n",
                                                 "\xC3\xA9",
                                                 "\xC2\xA0",
                                                 "\xE2\x82\xAC",
                                                 "\xED\x9F\xBF",
                                                 "\xF0\x9F\x98\x80",
                                                 "\xF4\x8F\xBF\xBF",
                                                 "\xEF\xBF\xBD"};
  std::string text;
  while (text.size() < size) {
    const std::size_t piece_idx = random() % 3 == 0 ? random() % std::size(kPieces) : random() % 4;
    text.append(kPieces[piece_idx]);
  }
  return text;
}

ValidPrefix ReferencePrefix(std::string_view bytes) {
  ValidPrefix reference;
  for (std::size_t size = 64; size <= bytes.size(); size += 64) {
    if (IsValidUtf8(bytes.substr(0, size))) reference.size = size;
  }
  // Valid prefixes only grow: the largest one is valid, the bytes past an error never are.
  for (std::size_t byte_idx = 0; byte_idx < reference.size; ++byte_idx) {
    if ((static_cast<unsigned char>(bytes[byte_idx]) & 0xC0) == 0xC0) ++reference.multibyte;
  }
  return reference;
}

// Without the vector instructions (other CPUs) the prefix is always empty: nothing to compare.
bool HasVectorValidator() { return FindValidUtf8Blocks(std::string(64, 'a')).size == 64; }

TEST(Utf8Blocks, AllValidTextIsTakenUpToTheLastCompleteBlock) {
  if (!HasVectorValidator()) GTEST_SKIP() << "no SSSE3";
  std::mt19937 random(7);
  for (int round = 0; round < 50; ++round) {
    const std::string text = ValidText(random, 64 * 20 + random() % 64);
    const ValidPrefix found = FindValidUtf8Blocks(text);
    const ValidPrefix reference = ReferencePrefix(text);
    EXPECT_EQ(found.size, reference.size);
    EXPECT_EQ(found.multibyte, reference.multibyte);
  }
}

TEST(Utf8Blocks, StopsBeforeTheBlockOfAnyError) {
  if (!HasVectorValidator()) GTEST_SKIP() << "no SSSE3";
  // Every kind of error the validator tells apart, and bytes that cut a character short.
  static constexpr std::string_view kErrors[] = {"\x80",
                                                 "\xBF",
                                                 "\xC0\xAF",
                                                 "\xC1\xBF",
                                                 "\xC3",
                                                 "\xC3\xC3",
                                                 "\xE0\x9F\xBF",
                                                 "\xED\xA0\x80",
                                                 "\xE2\x82",
                                                 "\xF0\x8F\xBF\xBF",
                                                 "\xF4\x90\x80\x80",
                                                 "\xF5\x80\x80\x80",
                                                 "\xF8",
                                                 "\xFF",
                                                 "\xF0\x9F\x98",
                                                 "\xE9t\xE9"};
  std::mt19937 random(11);
  for (const std::string_view error : kErrors) {
    for (int round = 0; round < 40; ++round) {
      std::string text = ValidText(random, random() % 400);
      text.append(error);
      text.append(ValidText(random, random() % 300));
      const ValidPrefix found = FindValidUtf8Blocks(text);
      const ValidPrefix reference = ReferencePrefix(text);
      EXPECT_EQ(found.size, reference.size) << "error " << round;
      EXPECT_EQ(found.multibyte, reference.multibyte);
    }
  }
}

TEST(Utf8Blocks, ACharacterCutByTheEndIsLeftOut) {
  std::string text(63, 'a');
  text.append("\xC3\xA9");  // the character spans the first two blocks
  text.append(63, 'b');
  EXPECT_EQ(FindValidUtf8Blocks(text.substr(0, 64)).size, 0u);
  if (!HasVectorValidator()) GTEST_SKIP() << "no SSSE3";
  EXPECT_EQ(FindValidUtf8Blocks(text).size, 128u);
  EXPECT_EQ(FindValidUtf8Blocks(text).multibyte, 1u);
}

// The detector vouches for NUL-free text only when it looked at every byte: a NUL anywhere, in the
// vector-checked blocks or after them, is still dropped and reported.
TEST(Utf8Blocks, ANulByteAnywhereIsStillReported) {
  std::mt19937 random(13);
  const std::string valid = ValidText(random, 1000);
  for (std::size_t nul_idx = 0; nul_idx < valid.size(); nul_idx += 37) {
    if (static_cast<unsigned char>(valid[nul_idx]) >= 0x80) continue;  // keep the rest valid
    std::string text = valid;
    text[nul_idx] = '\0';
    const Detection detection = DetectEncoding(text);
    EXPECT_EQ(detection.encoding, Encoding::kUtf8);
    EXPECT_TRUE(detection.may_hold_nul) << nul_idx;
    const DecodedText decoded = DecodeToUtf8(text, std::nullopt);
    ASSERT_EQ(decoded.diagnostics.size(), 1u) << nul_idx;
    EXPECT_EQ(decoded.diagnostics[0].code, "nul_byte");
    EXPECT_EQ(decoded.utf8.size(), text.size() - 1);
  }
  EXPECT_FALSE(DetectEncoding(valid).may_hold_nul || !HasVectorValidator());
}

}  // namespace
}  // namespace rollcall::text::internal
