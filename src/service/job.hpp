// Long work as a job (issue 13): the caller follows its progress and may cancel it before its
// commit. The command line renders progress as a bar on a terminal; the HTTP API will publish it
// to pollers and event streams.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>

#include "apply/apply.hpp"

namespace rollcall::service {

struct JobProgress {
  std::string phase;  // "analysing", "logins", "people", "memberships", "commit"…
  std::size_t done = 0;
  std::size_t total = 0;
};

// How a caller follows and steers a job. Both parts are optional.
struct JobControl {
  std::function<void(const JobProgress&)> on_progress;
  // Set to true (from any thread) to stop the job before it commits: nothing is written.
  const std::atomic<bool>* cancel = nullptr;

  bool Cancelled() const { return cancel != nullptr && cancel->load(); }
  void Tell(std::string phase, std::size_t done = 0, std::size_t total = 0) const {
    if (on_progress) on_progress(JobProgress{std::move(phase), done, total});
  }
  // The listener an apply reports to: it passes progress on and stops when cancelled.
  apply::ApplyProgressListener ForApply() const {
    return [this](const apply::ApplyProgress& progress) {
      Tell(std::string(progress.phase), progress.done, progress.total);
      return !Cancelled();
    };
  }
};

}  // namespace rollcall::service
