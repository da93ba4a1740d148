// Printing what the import service returns, shared by `import` and `imports`: the summary as
// text or JSON, a stale plan's counts before → after, and the reports an apply writes.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "base/language.hpp"
#include "cli/output.hpp"
#include "service/deployment.hpp"
#include "service/imports.hpp"

namespace rollcall::cli {

// Where an apply writes the result protocol (--report) and the credential letters (--letters).
struct ApplyOutputs {
  std::string report;
  std::string letters;
};

// The state word of a draft's summary: "blocked" when its plan has blocking problems.
std::string DraftState(const service::Draft& draft);

// Prints the applied, blocked or stale outcome and writes the outputs; returns the exit code
// (0 applied, 1 blocked, 4 stale, 3 when an output could not be written after the commit).
int RenderApplied(const service::Deployment& deployment, const service::AppliedDraft& outcome,
                  const ApplyOutputs& outputs, const OutputOptions& output);

}  // namespace rollcall::cli
