// A diagnostic is a problem found in the data: a ragged row, a byte that is not text, a date that
// does not parse. Diagnostics are output, not failures: reading goes on and collects them all.
//
// `code` is a stable snake_case identifier that the CLI, the HTTP API and the web UI share; the
// sentence a person reads is rendered from `code` and `params` in their language (report module).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rollcall {

enum class Severity {
  kInfo,
  kWarning,   // needs attention, blocks nothing
  kError,     // blocks its row
  kCritical,  // blocks the whole import
};

std::string_view SeverityName(Severity severity);

struct Diagnostic {
  Severity severity = Severity::kWarning;
  std::string code;
  std::int64_t line = 0;  // 1-based source line (CSV) or sheet row; 0 when not tied to a line
  int column = 0;         // 1-based column; 0 when not tied to a column
  std::string field;      // schema field, once columns are mapped
  std::vector<std::pair<std::string, std::string>> params;  // in a fixed order, for stable output

  // Returns the value of `key` in params, or "" when absent.
  std::string_view Param(std::string_view key) const;
};

// Builds a diagnostic in one expression: MakeDiagnostic(Severity::kWarning, "ragged_row", line)
//   .With("expected", "5").With("actual", "4").
class DiagnosticBuilder {
 public:
  DiagnosticBuilder(Severity severity, std::string code, std::int64_t line, int column = 0);
  DiagnosticBuilder& With(std::string key, std::string value) &;
  DiagnosticBuilder&& With(std::string key, std::string value) &&;
  operator Diagnostic() && {
    return std::move(diagnostic_);
  }  // NOLINT(google-explicit-constructor)
  Diagnostic Build() && { return std::move(diagnostic_); }

 private:
  Diagnostic diagnostic_;
};

inline DiagnosticBuilder MakeDiagnostic(Severity severity, std::string code, std::int64_t line,
                                        int column = 0) {
  return DiagnosticBuilder(severity, std::move(code), line, column);
}

// Counts of diagnostics by severity.
struct SeverityCounts {
  std::size_t info = 0, warning = 0, error = 0, critical = 0;
};
SeverityCounts CountBySeverity(const std::vector<Diagnostic>& diagnostics);

}  // namespace rollcall
