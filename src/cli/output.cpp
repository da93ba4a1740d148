#include "cli/output.hpp"

#include <ostream>

#include "cli/exit_codes.hpp"

namespace rollcall::cli {

int ExitCodeFor(const Error& error) {
  switch (error.code) {
    case ErrorCode::kInvalidArgument:
      return kExitUsage;
    case ErrorCode::kNotFound:
    case ErrorCode::kIo:
    case ErrorCode::kTooLarge:
    case ErrorCode::kUnsupportedFormat:
    case ErrorCode::kCorrupt:
    case ErrorCode::kRefused:
      return kExitUnusable;
  }
  return kExitUnusable;
}

Language OutputOptions::language() const { return ParseLanguage(lang).value_or(Language::kEn); }

int PrintError(std::ostream& err, const Error& error) {
  err << "rollcall: " << error.message << '\n';
  return ExitCodeFor(error);
}

void PrintJson(std::ostream& out, const nlohmann::ordered_json& value) {
  out << value.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace rollcall::cli
