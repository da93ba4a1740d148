// Exit codes of `rollcall` (DESIGN.md §5).
#pragma once

#include "base/result.hpp"

namespace rollcall::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBlocked = 1;      // the plan has blocking diagnostics
inline constexpr int kExitUsage = 2;        // usage error
inline constexpr int kExitUnusable = 3;     // input file or database unusable
inline constexpr int kExitStale = 4;        // the directory changed since the stored plan was made
inline constexpr int kExitCancelled = 130;  // interrupted (Ctrl-C): nothing was committed

int ExitCodeFor(const Error& error);

}  // namespace rollcall::cli
