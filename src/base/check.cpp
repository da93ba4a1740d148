#include "base/check.hpp"

#include <cstdio>
#include <cstdlib>

namespace rollcall::internal {

void CheckFailed(const char* expression, const char* file, int line) {
  std::fprintf(stderr, "rollcall: internal check failed: %s at %s:%d\n", expression, file, line);
  std::abort();
}

}  // namespace rollcall::internal
