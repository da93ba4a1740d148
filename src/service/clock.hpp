// The current instant, injected: nothing in `service` or below reads the wall clock itself, so
// that plans are deterministic and tests choose the day. A Clock is one reading; a deployment
// holds the source that takes readings (Deployment::clock).
#pragma once

#include <string>

namespace rollcall::service {

struct Clock {
  std::string today;  // yyyy-mm-dd
  std::string now;    // yyyy-mm-ddThh:mm:ssZ
  static Clock System();
};

// The school year a day falls in: "2026-2027" from 2026-09-01 to 2027-08-31.
std::string SchoolYearOf(const std::string& today);

}  // namespace rollcall::service
