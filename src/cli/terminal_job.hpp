// Running a long service job from the command line: progress as a bar on stderr when it is a
// terminal (scripts and logs get nothing), and Ctrl-C (or SIGTERM) asks the job to stop before its
// commit, so that nothing is half-applied.
#pragma once

#include <atomic>
#include <chrono>
#include <csignal>
#include <string>

#include "service/job.hpp"

namespace rollcall::cli {

// One at a time per process. Not copyable.
class TerminalJob {
 public:
  TerminalJob();
  ~TerminalJob();
  TerminalJob(const TerminalJob&) = delete;
  TerminalJob& operator=(const TerminalJob&) = delete;

  const service::JobControl& control() const { return control_; }

 private:
  void Draw(const service::JobProgress& progress);

  service::JobControl control_;
  bool terminal_ = false;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
  std::string last_phase_;
  struct sigaction previous_int_ {};
  struct sigaction previous_term_ {};
};

}  // namespace rollcall::cli
