#include "cli/template_command.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>

#include "cli/common_options.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "report/template_writer.hpp"

namespace rollcall::cli {
namespace {

struct TemplateArguments {
  std::string profile;
  std::string format = "csv";
  std::string lang = "fr";
  std::string out;
  std::string config;
};

Status WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream stream(path, std::ios::binary);
  stream << bytes;
  if (!stream) return MakeError(ErrorCode::kIo, fmt::format("{}: cannot write", path));
  return {};
}

int RunTemplate(const TemplateArguments& args) {
  Result<mapping::Schema> schema = LoadSchemaFor(args.config);
  if (!schema) return PrintError(std::cerr, schema.error());
  Result<const mapping::ProfileSpec*> profile = FindProfile(*schema, args.profile);
  if (!profile) return PrintError(std::cerr, profile.error());
  const Language language = ParseLanguage(args.lang).value_or(Language::kFr);
  if (args.format == "xlsx") {
    const std::string out = args.out.empty() ? fmt::format("template-{}-{}.xlsx", (*profile)->id,
                                                           LanguageCode(language))
                                             : args.out;
    Status written = report::WriteXlsxTemplate(out, **profile, *schema, language);
    if (!written) return PrintError(std::cerr, written.error());
    std::cerr << "rollcall: wrote " << out << '\n';
    return kExitOk;
  }
  const std::string csv = report::CsvTemplate(**profile, *schema, language);
  if (args.out.empty()) {
    std::cout << csv;
    return kExitOk;
  }
  Status written = WriteBytes(args.out, csv);
  return written ? kExitOk : PrintError(std::cerr, written.error());
}

}  // namespace

void AddTemplateCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<TemplateArguments>();
  CLI::App* command = app.add_subcommand("template", "Write the import template of a profile");
  command->add_option("PROFILE", args->profile, "student, guardian, teacher, staff or guest")
      ->required();
  command->add_option("--format", args->format, "csv or xlsx")
      ->check(CLI::IsMember({"csv", "xlsx"}))
      ->capture_default_str();
  command->add_option("--lang", args->lang, "Language of the column names")
      ->check(CLI::IsMember({"en", "fr", "de"}))
      ->capture_default_str();
  command->add_option("--out", args->out, "Write to this file instead of stdout");
  AddConfigOption(*command, args->config);
  command->callback([args, &exit_code] { exit_code = RunTemplate(*args); });
}

}  // namespace rollcall::cli
