#include "store/sqlite/write_behind.hpp"

#include "base/check.hpp"

namespace rollcall::store::sqlite {
namespace {

// On the worker thread, where an exception would end the process.
Status RunCatching(const std::function<Status()>& write) {
  try {
    return write();
  } catch (const std::exception& error) {
    return MakeError(ErrorCode::kIo, error.what());  // in practice, memory ran out
  }
}

}  // namespace

WriteBehind::WriteBehind(std::size_t max_waiting)
    : max_waiting_(max_waiting), worker_([this] { Run(); }) {
  ROLLCALL_CHECK(max_waiting > 0);
}

WriteBehind::~WriteBehind() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  work_.notify_one();
  worker_.join();
}

Status WriteBehind::Submit(std::function<Status()> write) {
  std::vector<std::function<Status()>> written;
  std::unique_lock lock(mutex_);
  done_.wait(lock, [&] { return failure_ || waiting_.size() < max_waiting_; });
  if (failure_) return *failure_;
  waiting_.push_back(std::move(write));
  written.swap(written_);
  lock.unlock();
  work_.notify_one();
  return {};  // `written` freed here, on the thread that made it
}

Status WriteBehind::Drain() {
  std::unique_lock lock(mutex_);
  done_.wait(lock, [&] { return waiting_.empty() && !running_; });
  if (failure_) return *failure_;
  return {};
}

void WriteBehind::Run() {
  std::unique_lock lock(mutex_);
  while (true) {
    work_.wait(lock, [&] { return stop_ || !waiting_.empty(); });
    if (stop_) return;
    std::function<Status()> write = std::move(waiting_.front());
    waiting_.pop_front();
    running_ = true;
    const bool failed = failure_.has_value();
    lock.unlock();
    Status written = failed ? Status() : RunCatching(write);
    lock.lock();
    written_.push_back(std::move(write));
    running_ = false;
    if (!written && !failure_) failure_ = written.error();
    if (failure_) {  // dropped, and freed by the submitting thread too
      for (std::function<Status()>& dropped : waiting_) written_.push_back(std::move(dropped));
      waiting_.clear();
    }
    done_.notify_one();
  }
}

}  // namespace rollcall::store::sqlite
