#include "store/sqlite/write_behind.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <new>
#include <thread>
#include <vector>

namespace rollcall::store::sqlite {
namespace {

TEST(WriteBehind, RunsEveryWriteInOrderBeforeDrainReturns) {
  std::vector<int> written;  // touched by the worker only until Drain()
  WriteBehind writer(4);
  for (int write = 0; write < 1000; ++write) {
    ASSERT_TRUE(writer.Submit([&written, write]() -> Status {
      written.push_back(write);
      return {};
    }));
  }
  ASSERT_TRUE(writer.Drain());
  ASSERT_EQ(written.size(), 1000u);
  for (int write = 0; write < 1000; ++write) EXPECT_EQ(written[write], write);
  ASSERT_TRUE(writer.Drain());  // nothing waits: returns at once
}

// After a failure nothing more runs; Submit() and Drain() give that failure from then on.
TEST(WriteBehind, FirstFailureStopsLaterWritesAndIsReturned) {
  std::atomic<int> runs{0};
  WriteBehind writer(64);
  ASSERT_TRUE(writer.Submit([&]() -> Status {
    ++runs;
    return MakeError(ErrorCode::kInvalidArgument, "UNIQUE constraint failed");
  }));
  for (int write = 0; write < 10; ++write) {
    (void)writer.Submit([&]() -> Status {
      ++runs;
      return {};
    });
  }
  const Status drained = writer.Drain();
  ASSERT_FALSE(drained);
  EXPECT_EQ(drained.error().message, "UNIQUE constraint failed");
  EXPECT_EQ(runs.load(), 1);
  const Status submitted = writer.Submit([]() -> Status { return {}; });
  ASSERT_FALSE(submitted);
  EXPECT_EQ(submitted.error().code, ErrorCode::kInvalidArgument);
}

// Submit() waits while max_waiting writes wait: a slow worker holds the submitter back.
TEST(WriteBehind, SubmitWaitsWhileTheQueueIsFull) {
  std::atomic<bool> release{false};
  std::atomic<int> started{0};
  WriteBehind writer(2);
  const auto blocked = [&]() -> Status {
    ++started;
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return {};
  };
  ASSERT_TRUE(writer.Submit(blocked));  // running, once the worker takes it
  while (started == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  ASSERT_TRUE(writer.Submit(blocked));
  ASSERT_TRUE(writer.Submit(blocked));  // two wait: the queue is full
  std::atomic<bool> fourth_submitted{false};
  std::thread submitter([&] {
    EXPECT_TRUE(writer.Submit([]() -> Status { return {}; }));
    fourth_submitted = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(fourth_submitted);
  release = true;
  submitter.join();
  EXPECT_TRUE(fourth_submitted);
  EXPECT_TRUE(writer.Drain());
  EXPECT_EQ(started.load(), 3);
}

TEST(WriteBehind, DestructionWaitsForTheRunningWriteAndDropsTheRest) {
  std::atomic<bool> started{false};
  std::atomic<bool> release{false};
  std::atomic<int> runs{0};
  std::thread releaser;
  {
    WriteBehind writer(8);
    EXPECT_TRUE(writer.Submit([&]() -> Status {  // EXPECT: an early return would never release
      started = true;
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      ++runs;
      return {};
    }));
    for (int write = 0; write < 5; ++write) {
      EXPECT_TRUE(writer.Submit([&]() -> Status {
        ++runs;
        return {};
      }));
    }
    while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    // Long enough for the destructor to ask the worker to stop while the write still runs.
    releaser = std::thread([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      release = true;
    });
  }
  releaser.join();
  EXPECT_EQ(runs.load(), 1);
}

TEST(WriteBehind, AnExceptionIsAFailure) {
  WriteBehind writer(4);
  ASSERT_TRUE(writer.Submit([]() -> Status { throw std::bad_alloc(); }));
  const Status drained = writer.Drain();
  ASSERT_FALSE(drained);
  EXPECT_EQ(drained.error().code, ErrorCode::kIo);
}

}  // namespace
}  // namespace rollcall::store::sqlite
