// Writes run on a second thread, in the order they were handed over, while the thread that hands
// them over goes on: in a bulk create, SQLite's own work (building records, B-tree inserts) is
// most of an apply's, and the applier's (deciding, encoding audit entries) can run beside it.
//
// The first failed write is kept (an exception it throws is a failure too); later writes are
// dropped, and Submit() and Drain() return that failure. Submit() waits while `max_waiting` writes
// wait, so memory stays bounded.
//
// Thread-safety: one thread calls Submit() and Drain(); the writes run on the worker thread, one
// at a time. Whatever a write touches (the connection) the submitting thread must leave alone
// until Drain() returns: Drain() is the hand-back. Destruction drops the writes not yet run and
// waits for the one running.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "base/result.hpp"

namespace rollcall::store::sqlite {

class WriteBehind {
 public:
  explicit WriteBehind(std::size_t max_waiting);
  ~WriteBehind();
  WriteBehind(const WriteBehind&) = delete;
  WriteBehind& operator=(const WriteBehind&) = delete;

  // Queues `write`, or returns the failure of an earlier one (and drops `write`).
  Status Submit(std::function<Status()> write);
  // Waits until every queued write has run; the first failure, if any.
  Status Drain();

 private:
  void Run();

  const std::size_t max_waiting_;
  std::mutex mutex_;
  std::condition_variable work_;  // to the worker: a write waits, or stop
  std::condition_variable done_;  // to the submitter: room in the queue, or all written
  std::deque<std::function<Status()>> waiting_;
  // Run, to be freed by the submitting thread: glibc's malloc is much slower when one thread frees
  // what another allocated (a million-account import took 14 s longer).
  std::vector<std::function<Status()>> written_;
  bool running_ = false;  // the worker is running a write it took from waiting_
  bool stop_ = false;
  std::optional<Error> failure_;
  std::thread worker_;  // last: started once everything above is ready
};

}  // namespace rollcall::store::sqlite
