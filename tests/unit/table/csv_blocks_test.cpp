// Counting the bytes that end CSV cells: the SSE2 counts (x86-64) equal the portable ones.
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

TEST(CountSeparators, EveryImplementationCountsLikeThePortableOne) {
  std::mt19937 random(2);
  // Sizes around the SSE2 batch of 63 blocks of 64 bytes and the tail after the last block.
  for (const std::size_t size : {0u, 1u, 63u, 64u, 65u, 4031u, 4032u, 4033u, 10'000u, 65'537u}) {
    const std::string text = RandomBytes(random, size);
    const SeparatorCounts want = CountSeparatorsPortable(text, ';');
    const SeparatorCounts got = CountSeparators(text, ';');
    EXPECT_EQ(got.delimiters, want.delimiters) << size;
    EXPECT_EQ(got.line_ends, want.line_ends) << size;
  }
}

}  // namespace
}  // namespace rollcall::table::internal
