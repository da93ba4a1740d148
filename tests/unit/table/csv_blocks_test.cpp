// The block matching behind the CSV parser: the SSE2 masks and counts (x86-64) equal the portable
// ones, and the scanner finds what a byte-by-byte search finds, up to the text's end.
#include "table/csv_blocks.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace rollcall::table::internal {
namespace {

std::string RandomBytes(std::mt19937& random, std::size_t size) {
  static const char kBytes[] = {'a', ';', ',', '"', '\r', '\n', '\0', '\x80', '\xFF', ' '};
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kBytes) - 1);
  std::string bytes(size, '\0');
  for (char& byte : bytes) byte = kBytes[pick(random)];
  return bytes;
}

constexpr ByteSet kStops = {';', '\r', '\n'};

TEST(MatchBlock, PortableMasksFollowTheBytes) {
  std::string block(kBlockBytes, 'x');
  block[0] = ';';
  block[5] = '\r';
  block[6] = '\n';
  block[40] = '"';
  block[63] = ';';
  EXPECT_EQ(MatchBlockPortable(block.data(), kStops), (std::uint64_t{1} << 63) | 0x61u);
  EXPECT_EQ(MatchBlockPortable(block.data(), {'"', '"', '"'}), std::uint64_t{1} << 40);
}

TEST(MatchBlock, EveryImplementationGivesThePortableMasks) {
  std::mt19937 random(1);
  for (int case_idx = 0; case_idx < 2'000; ++case_idx) {
    const std::string block = RandomBytes(random, kBlockBytes);
    for (const ByteSet bytes : {kStops, ByteSet{'"', '\r', '\n'}, ByteSet{'\0', '\x80', '\xFF'}}) {
      const std::uint64_t want = MatchBlockPortable(block.data(), bytes);
      EXPECT_EQ(MatchBlock(block.data(), BlockMatcher(bytes)), want);
    }
  }
}

TEST(CountSeparators, CountsEachLineEndOnce) {
  const SeparatorCounts counts = CountSeparatorsPortable("\na;b\r\nc\r\rd;e;f\n\n", ';');
  EXPECT_EQ(counts.delimiters, 3u);
  EXPECT_EQ(counts.line_ends, 6u);
}

TEST(CountSeparators, EveryImplementationCountsLikeThePortableOne) {
  std::mt19937 random(2);
  // Sizes around the SSE2 batch of 63 blocks of 64 bytes and the tail after the last block.
  for (const std::size_t size :
       {0u, 1u, 2u, 63u, 64u, 65u, 66u, 4032u, 4033u, 4034u, 10'000u, 65'537u}) {
    const std::string text = RandomBytes(random, size);
    const SeparatorCounts want = CountSeparatorsPortable(text, ';');
    const SeparatorCounts got = CountSeparators(text, ';');
    EXPECT_EQ(got.delimiters, want.delimiters) << size;
    EXPECT_EQ(got.line_ends, want.line_ends) << size;
  }
}

// A CR LF pair split between two blocks, or between the last block and the bytes after it.
TEST(CountSeparators, CrLfAtEveryOffset) {
  for (const std::size_t size : {64u, 65u, 66u, 128u, 129u, 130u}) {
    for (std::size_t cr_at = 0; cr_at + 1 < size; ++cr_at) {
      std::string text(size, 'a');
      text[cr_at] = '\r';
      text[cr_at + 1] = '\n';
      EXPECT_EQ(CountSeparators(text, ';').line_ends, 1u) << size << " " << cr_at;
    }
  }
}

TEST(BlockScanner, FindsWhatAByteByByteSearchFinds) {
  std::mt19937 random(3);
  for (const std::size_t size : {0u, 1u, 63u, 64u, 65u, 127u, 128u, 200u}) {
    const std::string text = RandomBytes(random, size);
    BlockScanner stops(text, kStops);
    BlockScanner quotes(text, {'"', '"', '"'});
    // Forwards, then backwards: the scanner matches whatever block is asked for.
    for (std::size_t step = 0; step < 2 * size + 1; ++step) {
      const std::size_t position = step <= size ? step : 2 * size - step;
      EXPECT_EQ(stops.Find(position), std::min(text.find_first_of(";\r\n", position), size));
      EXPECT_EQ(quotes.Find(position), std::min(text.find('"', position), size));
    }
  }
}

// The padding of the last, partial block must not match, even when NUL is looked for.
TEST(BlockScanner, NothingPastTheEnd) {
  const std::string text = "ab";
  BlockScanner scanner(text, {'\0', '\0', '\0'});
  EXPECT_EQ(scanner.Find(0), 2u);
  EXPECT_EQ(scanner.Find(1), 2u);
}

}  // namespace
}  // namespace rollcall::table::internal
