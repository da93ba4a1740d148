// Exit codes of `rollcall` (DESIGN.md §5).
#pragma once

#include "base/result.hpp"

namespace rollcall::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBlocked = 1;   // the plan has blocking diagnostics
inline constexpr int kExitUsage = 2;     // usage error
inline constexpr int kExitUnusable = 3;  // input file or database unusable

int ExitCodeFor(const Error& error);

}  // namespace rollcall::cli
