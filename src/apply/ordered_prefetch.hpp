// Values made on a second thread, a bounded number ahead of the one thread that takes them, in
// order: an apply writes to its database on one thread, and what each write needs but does not
// depend on the database for (a new account's credential, hashed and sealed) is made meanwhile.
//
// Values travel in chunks, so that the two threads meet (a lock, perhaps a wake-up) once per
// chunk rather than once per value: per value, the hand-over cost more than the work it moved.
//
// Thread-safety: one consumer thread calls Take(); `make` runs on the worker thread and must be
// safe to run there (it must not touch what the consumer changes). Destruction stops the worker
// after the chunk it is making, whether or not everything was taken.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "base/check.hpp"

namespace rollcall::apply {

template <class T>
class OrderedPrefetch {
 public:
  // Makes make(0) … make(count - 1) in chunks of `chunk_size`, at most `max_chunks` made and not
  // yet taken. REQUIRES: chunk_size > 0, max_chunks > 0.
  OrderedPrefetch(std::size_t count, std::size_t chunk_size, std::size_t max_chunks,
                  std::function<T(std::size_t)> make)
      : count_(count), chunk_size_(chunk_size), max_chunks_(max_chunks), make_(std::move(make)) {
    ROLLCALL_CHECK(chunk_size > 0 && max_chunks > 0);
    worker_ = std::thread([this] { Produce(); });
  }

  ~OrderedPrefetch() {
    {
      const std::lock_guard lock(mutex_);
      stop_ = true;
    }
    room_.notify_all();
    worker_.join();
  }

  OrderedPrefetch(const OrderedPrefetch&) = delete;
  OrderedPrefetch& operator=(const OrderedPrefetch&) = delete;

  // The next value, waiting for it if the worker is behind. REQUIRES: fewer than `count` taken.
  T Take() {
    ROLLCALL_CHECK(taken_ < count_);
    if (position_ == current_.size()) {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return !chunks_.empty(); });
      current_ = std::move(chunks_.front());
      chunks_.pop_front();
      position_ = 0;
      lock.unlock();
      room_.notify_one();
    }
    ++taken_;
    return std::move(current_[position_++]);
  }

 private:
  void Produce() {
    for (std::size_t first = 0; first < count_; first += chunk_size_) {
      std::vector<T> chunk;
      chunk.reserve(std::min(chunk_size_, count_ - first));
      for (std::size_t index = first; index < count_ && index < first + chunk_size_; ++index) {
        chunk.push_back(make_(index));
      }
      std::unique_lock lock(mutex_);
      room_.wait(lock, [&] { return stop_ || chunks_.size() < max_chunks_; });
      if (stop_) return;
      chunks_.push_back(std::move(chunk));
      lock.unlock();
      ready_.notify_one();
    }
  }

  const std::size_t count_;
  const std::size_t chunk_size_;
  const std::size_t max_chunks_;
  std::function<T(std::size_t)> make_;
  // The consumer's own: the chunk it reads, where, and how many values it took in all.
  std::vector<T> current_;
  std::size_t position_ = 0;
  std::size_t taken_ = 0;
  std::mutex mutex_;               // guards chunks_ and stop_
  std::condition_variable ready_;  // a chunk is there
  std::condition_variable room_;   // a chunk may be added, or stop
  std::deque<std::vector<T>> chunks_;
  bool stop_ = false;
  std::thread worker_;  // last: it starts once every other member is ready
};

}  // namespace rollcall::apply
