#include "base/diagnostic.hpp"

namespace rollcall {

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
    case Severity::kCritical:
      return "critical";
  }
  return "unknown";
}

std::string_view Diagnostic::Param(std::string_view key) const {
  for (const auto& [name, value] : params) {
    if (name == key) return value;
  }
  return {};
}

DiagnosticBuilder::DiagnosticBuilder(Severity severity, std::string code, std::int64_t line,
                                     int column) {
  diagnostic_.severity = severity;
  diagnostic_.code = std::move(code);
  diagnostic_.line = line;
  diagnostic_.column = column;
}

DiagnosticBuilder& DiagnosticBuilder::With(std::string key, std::string value) & {
  diagnostic_.params.emplace_back(std::move(key), std::move(value));
  return *this;
}

DiagnosticBuilder&& DiagnosticBuilder::With(std::string key, std::string value) && {
  diagnostic_.params.emplace_back(std::move(key), std::move(value));
  return std::move(*this);
}

SeverityCounts CountBySeverity(const std::vector<Diagnostic>& diagnostics) {
  SeverityCounts counts;
  for (const Diagnostic& diagnostic : diagnostics) {
    switch (diagnostic.severity) {
      case Severity::kInfo:
        ++counts.info;
        break;
      case Severity::kWarning:
        ++counts.warning;
        break;
      case Severity::kError:
        ++counts.error;
        break;
      case Severity::kCritical:
        ++counts.critical;
        break;
    }
  }
  return counts;
}

}  // namespace rollcall
