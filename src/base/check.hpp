// ROLLCALL_CHECK(condition): aborts with the failing expression and its place when a condition
// that only a bug in Rollcall can break does not hold. Never use it on anything a user, a file or
// the environment controls: those are diagnostics or Results.
#pragma once

namespace rollcall::internal {
[[noreturn]] void CheckFailed(const char* expression, const char* file, int line);
}  // namespace rollcall::internal

#define ROLLCALL_CHECK(condition)                                        \
  do {                                                                   \
    if (!(condition)) {                                                  \
      ::rollcall::internal::CheckFailed(#condition, __FILE__, __LINE__); \
    }                                                                    \
  } while (false)
