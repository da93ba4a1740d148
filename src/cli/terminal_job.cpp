#include "cli/terminal_job.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

namespace rollcall::cli {
namespace {

// Set by the signal handler: an atomic flag is all a handler may touch.
std::atomic<bool> cancel_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);

void RequestCancel(int /*signal*/) { cancel_requested.store(true); }

constexpr int kBarWidth = 30;
constexpr auto kRedrawEvery = std::chrono::milliseconds(100);

}  // namespace

TerminalJob::TerminalJob() : terminal_(::isatty(STDERR_FILENO) != 0) {
  cancel_requested.store(false);
  struct sigaction action {};
  action.sa_handler = RequestCancel;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, &previous_int_);
  ::sigaction(SIGTERM, &action, &previous_term_);
  control_.cancel = &cancel_requested;
  control_.on_progress = [this](const service::JobProgress& progress) { Draw(progress); };
}

TerminalJob::~TerminalJob() {
  ::sigaction(SIGINT, &previous_int_, nullptr);
  ::sigaction(SIGTERM, &previous_term_, nullptr);
  if (drawn_) std::cerr << "\r\033[K" << std::flush;
}

void TerminalJob::Draw(const service::JobProgress& progress) {
  if (!terminal_) return;
  const auto now = std::chrono::steady_clock::now();
  if (progress.phase == last_phase_ && now - last_draw_ < kRedrawEvery) return;
  last_draw_ = now;
  last_phase_ = progress.phase;
  drawn_ = true;
  if (progress.total == 0) {
    std::cerr << fmt::format("\r\033[Krollcall: {}…", progress.phase) << std::flush;
    return;
  }
  const std::size_t done = std::min(progress.done, progress.total);
  const auto filled = static_cast<int>(done * kBarWidth / progress.total);
  std::cerr << fmt::format("\r\033[Krollcall: [{:#<{}}{:.<{}}] {:>3}% {} {}/{}", "", filled, "",
                           kBarWidth - filled, done * 100 / progress.total, progress.phase, done,
                           progress.total)
            << std::flush;
}

}  // namespace rollcall::cli
