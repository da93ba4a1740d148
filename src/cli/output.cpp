#include "cli/output.hpp"

#include <ostream>

#include "cli/exit_codes.hpp"

namespace rollcall::cli {

int ExitCodeFor(const Error& error) {
  switch (error.code) {
    case ErrorCode::kInvalidArgument:
      return kExitUsage;
    case ErrorCode::kConflict:  // like a blocked plan: the data, not the tool, needs attention
      return kExitBlocked;
    case ErrorCode::kNotFound:
    case ErrorCode::kIo:
    case ErrorCode::kTooLarge:
    case ErrorCode::kUnsupportedFormat:
    case ErrorCode::kCorrupt:
    case ErrorCode::kRefused:
      return kExitUnusable;
    case ErrorCode::kCancelled:
      return kExitCancelled;
  }
  return kExitUnusable;
}

Language OutputOptions::language() const { return ParseLanguage(lang).value_or(Language::kEn); }

void AddOutputOptions(CLI::App& command, OutputOptions& options) {
  command.add_flag("--json", options.json, "Print one JSON object");
  command.add_option("--lang", options.lang, "Language of the text output")
      ->check(CLI::IsMember({"en", "fr", "de"}))
      ->capture_default_str();
}

int PrintError(std::ostream& err, const Error& error) {
  err << "rollcall: " << error.message << '\n';
  return ExitCodeFor(error);
}

void PrintJson(std::ostream& out, const nlohmann::ordered_json& value) {
  out << value.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace rollcall::cli
