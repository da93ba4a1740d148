#include "apply/ordered_prefetch.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>

namespace rollcall::apply {
namespace {

TEST(OrderedPrefetch, GivesEveryValueInOrderWhateverTheChunking) {
  for (const std::size_t count : {0u, 1u, 7u, 256u, 1000u}) {
    OrderedPrefetch<std::string> prefetch(count, 16, 2,
                                          [](std::size_t index) { return std::to_string(index); });
    for (std::size_t index = 0; index < count; ++index) {
      ASSERT_EQ(prefetch.Take(), std::to_string(index)) << "of " << count;
    }
  }
}

// The worker stays a bounded distance ahead: the consumer's chunk, max_chunks queued, and the one
// it is making.
TEST(OrderedPrefetch, WorkerStaysABoundedDistanceAhead) {
  std::atomic<std::size_t> made{0};
  OrderedPrefetch<std::size_t> prefetch(10000, 8, 2, [&](std::size_t index) {
    made.fetch_add(1);
    return index;
  });
  EXPECT_EQ(prefetch.Take(), 0u);
  for (std::size_t index = 1; index < 100; ++index) {
    ASSERT_EQ(prefetch.Take(), index);
    EXPECT_LE(made.load(), (index / 8 + 1 + 2 + 1) * 8);
  }
}

// An apply that fails half-way drops its prefetch with values not taken: the worker stops.
TEST(OrderedPrefetch, StopsWhenDroppedBeforeEverythingIsTaken) {
  std::atomic<std::size_t> made{0};
  {
    OrderedPrefetch<int> prefetch(1000000, 4, 1, [&](std::size_t) {
      made.fetch_add(1);
      return 1;
    });
    EXPECT_EQ(prefetch.Take(), 1);
  }
  EXPECT_LT(made.load(), 100u);
}

}  // namespace
}  // namespace rollcall::apply
