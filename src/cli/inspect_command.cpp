#include "cli/inspect_command.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "files/load.hpp"
#include "report/json.hpp"

namespace rollcall::cli {
namespace {

constexpr std::size_t kPreviewRows = 10;

struct InspectArguments {
  std::string file;
  std::size_t sheet = 1;
  std::string header = "auto";
  std::string delimiter;
  std::string encoding;
  OutputOptions output;
};

std::string DelimiterName(char delimiter) {
  if (delimiter == '\t') return "tab";
  return fmt::format("\"{}\"", delimiter);
}

void PrintText(std::ostream& out, const table::ReadOutcome& outcome, const InspectArguments& args) {
  const report::Language language = args.output.language();
  const auto label = [&](std::string_view key) { return report::Label(key, language); };
  const table::TableInfo& info = outcome.info;
  out << fmt::format("{:<16}{}\n", label("file"), args.file);
  out << fmt::format("{:<16}{}\n", label("format"), table::FormatName(info.format));
  if (info.format == table::Format::kCsv) {
    out << fmt::format("{:<16}{}\n", label("encoding"), text::EncodingName(info.encoding));
    out << fmt::format("{:<16}{}\n", label("delimiter"), DelimiterName(info.delimiter));
  } else {
    out << fmt::format("{:<16}{} ({})\n", label("sheet"), info.sheet_index + 1,
                       info.sheet_names.empty() ? "" : info.sheet_names[info.sheet_index]);
  }
  out << fmt::format("{:<16}{}\n", label("header"), label(info.header ? "yes" : "no"));
  out << fmt::format("{:<16}{}\n", label("rows"), outcome.data_row_count());
  const table::Table& table = outcome.table;
  if (info.header && table.row_count() > 0) {
    out << fmt::format("{} ({}):\n", label("columns"), table.cell_count(0));
    for (std::size_t column_idx = 0; column_idx < table.cell_count(0); ++column_idx) {
      out << fmt::format("  {:>3}  {}\n", column_idx + 1, table.Cell(0, column_idx));
    }
  }
  out << label("preview") << ":\n";
  const std::size_t first = outcome.first_data_row();
  for (std::size_t row_idx = first; row_idx < table.row_count() && row_idx < first + kPreviewRows;
       ++row_idx) {
    out << fmt::format("  {} {:>5}: {}\n", label("line"), table.SourceLine(row_idx),
                       fmt::join(table.RowTexts(row_idx), " | "));
  }
  out << fmt::format("{}: {}\n", label("diagnostics"),
                     outcome.diagnostics.empty() ? std::string(label("none"))
                                                 : std::to_string(outcome.diagnostics.size()));
  for (const Diagnostic& diagnostic : outcome.diagnostics) {
    out << fmt::format("  {} {:>5}  {:<9} {:<24} {}\n", label("line"), diagnostic.line,
                       label(SeverityName(diagnostic.severity)), diagnostic.code,
                       report::RenderMessage(diagnostic, language));
  }
}

Result<table::ReadOptions> MakeReadOptions(const InspectArguments& args) {
  table::ReadOptions options;
  if (args.sheet == 0) return MakeError(ErrorCode::kInvalidArgument, "--sheet counts from 1");
  options.sheet_index = args.sheet - 1;
  if (args.header == "yes") options.header = true;
  if (args.header == "no") options.header = false;
  if (!args.delimiter.empty()) {
    if (args.delimiter == "tab" || args.delimiter == "\\t") {
      options.delimiter = '\t';
    } else if (args.delimiter.size() == 1) {
      options.delimiter = args.delimiter[0];
    } else {
      return MakeError(ErrorCode::kInvalidArgument, "--delimiter takes one character or 'tab'");
    }
  }
  if (!args.encoding.empty()) {
    options.encoding = text::ParseEncodingName(args.encoding);
    if (!options.encoding) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("unknown encoding '{}'", args.encoding));
    }
  }
  return options;
}

int RunInspect(const InspectArguments& args) {
  Result<table::ReadOptions> options = MakeReadOptions(args);
  if (!options) return PrintError(std::cerr, options.error());
  Result<table::ReadOutcome> outcome = files::LoadTable(args.file, options.value());
  if (!outcome) return PrintError(std::cerr, outcome.error());
  if (args.output.json) {
    PrintJson(std::cout, report::InspectJson(outcome.value(), kPreviewRows));
  } else {
    PrintText(std::cout, outcome.value(), args);
  }
  return kExitOk;
}

}  // namespace

void AddInspectCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<InspectArguments>();
  CLI::App* command = app.add_subcommand(
      "inspect", "Show how a file is read: encoding, delimiter, header, columns, rows");
  command->add_option("FILE", args->file, "CSV, TXT, XLSX, ODS or XLS file")->required();
  command->add_option("--sheet", args->sheet, "Spreadsheet sheet, counted from 1")
      ->capture_default_str();
  command->add_option("--header", args->header, "Whether the first row is a header")
      ->check(CLI::IsMember({"auto", "yes", "no"}))
      ->capture_default_str();
  command->add_option("--delimiter", args->delimiter, "CSV delimiter (default: sniffed)");
  command->add_option("--encoding", args->encoding, "Text encoding (default: sniffed)");
  command->add_flag("--json", args->output.json, "Print one JSON object");
  command->add_option("--lang", args->output.lang, "Language of the text output")
      ->check(CLI::IsMember({"en", "fr", "de"}))
      ->capture_default_str();
  command->callback([args, &exit_code] { exit_code = RunInspect(*args); });
}

}  // namespace rollcall::cli
