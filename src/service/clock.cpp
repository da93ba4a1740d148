#include "service/clock.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

namespace rollcall::service {

Clock Clock::System() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return Clock{fmt::format("{:%Y-%m-%d}", utc), fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", utc)};
}

std::string SchoolYearOf(const std::string& today) {
  const int year = std::stoi(today.substr(0, 4));
  const int month = std::stoi(today.substr(5, 2));
  const int start = month >= 9 ? year : year - 1;
  return fmt::format("{}-{}", start, start + 1);
}

}  // namespace rollcall::service
