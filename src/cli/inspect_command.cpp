#include "cli/inspect_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <iostream>
#include <memory>

#include "cli/common_options.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "files/load.hpp"
#include "records/record.hpp"
#include "report/json.hpp"
#include "service/import_request.hpp"
#include "text/display.hpp"

namespace rollcall::cli {
namespace {

constexpr std::size_t kPreviewRows = 10;

struct InspectArguments {
  std::string file;
  std::size_t sheet = 1;
  std::string header = "auto";
  std::string delimiter;
  std::string encoding;
  std::string profile;
  std::vector<std::string> maps;
  std::string config;
  OutputOptions output;
};

std::string DelimiterName(char delimiter) {
  if (delimiter == '\t') return "tab";
  return fmt::format("\"{}\"", delimiter);
}

// A cell on one line of the terminal: cut, control and invisible characters made visible.
std::string OneLine(std::string_view text) { return text::DisplayText(text); }

std::string PreviewLine(const report::Inspection& inspection, std::size_t row_idx) {
  std::vector<std::string> cells;
  for (std::size_t column_idx = 0; column_idx < inspection.outcome.table.cell_count(row_idx);
       ++column_idx) {
    cells.push_back(OneLine(inspection.PreviewCell(row_idx, column_idx)));
  }
  return fmt::format("{}", fmt::join(cells, " | "));
}

void PrintColumns(std::ostream& out, const report::Inspection& inspection,
                  const std::function<std::string_view(std::string_view)>& label) {
  const table::Table& table = inspection.outcome.table;
  if (inspection.mapping) {
    out << fmt::format("{} ({}):\n", label("columns"), inspection.mapping->columns.size());
    for (const mapping::ColumnMapping& column : inspection.mapping->columns) {
      const std::string field = column.field.empty() ? "(ignore)" : column.field;
      const std::string index = column.group_index ? fmt::format(" #{}", column.group_index) : "";
      out << fmt::format("  {:>3}  {:<28} -> {}{}  {:.2f}\n", column.column_idx + 1,
                         OneLine(column.header), field, index, column.confidence);
    }
  } else if (inspection.outcome.info.header && table.row_count() > 0) {
    out << fmt::format("{} ({}):\n", label("columns"), table.cell_count(0));
    for (std::size_t column_idx = 0; column_idx < table.cell_count(0); ++column_idx) {
      out << fmt::format("  {:>3}  {}\n", column_idx + 1, OneLine(table.Cell(0, column_idx)));
    }
  }
}

void PrintText(std::ostream& out, const report::Inspection& inspection,
               const InspectArguments& args) {
  const Language language = args.output.language();
  const auto label = [&](std::string_view key) { return report::Label(key, language); };
  const table::ReadOutcome& outcome = inspection.outcome;
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
  if (inspection.mapping)
    out << fmt::format("{:<16}{}\n", label("profile"), inspection.mapping->profile);
  out << fmt::format("{:<16}{}\n", label("rows"), outcome.data_row_count());
  PrintColumns(out, inspection, label);
  out << label("preview") << ":\n";
  const table::Table& table = outcome.table;
  const std::size_t first = outcome.first_data_row();
  for (std::size_t row_idx = first; row_idx < table.row_count() && row_idx < first + kPreviewRows;
       ++row_idx) {
    out << fmt::format("  {} {:>5}: {}\n", label("line"), table.SourceLine(row_idx),
                       PreviewLine(inspection, row_idx));
  }
  out << fmt::format("{}: {}\n", label("diagnostics"),
                     inspection.diagnostics.empty()
                         ? std::string(label("none"))
                         : std::to_string(inspection.diagnostics.size()));
  for (const Diagnostic& diagnostic : inspection.diagnostics) {
    out << fmt::format("  {} {:>5}  {:<9} {:<24} {}\n", label("line"), diagnostic.line,
                       label(SeverityName(diagnostic.severity)), diagnostic.code,
                       text::DisplayText(report::RenderMessage(diagnostic, language), 1000));
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

// With --profile: maps the columns and validates every row.
Status MapAndValidate(const InspectArguments& args, report::Inspection& inspection) {
  Result<mapping::Schema> schema = LoadSchemaFor(args.config);
  if (!schema) return schema.error();
  Result<const mapping::ProfileSpec*> profile = FindProfile(*schema, args.profile);
  if (!profile) return profile.error();
  std::vector<mapping::ColumnOverride> overrides;
  for (const std::string& text : args.maps) {
    Result<mapping::ColumnOverride> choice = ParseColumnOverride(text);
    if (!choice) return choice.error();
    overrides.push_back(*choice);
  }
  const table::ReadOutcome& outcome = inspection.outcome;
  const table::Table& table = outcome.table;
  const std::optional<std::vector<std::string>> header =
      outcome.info.header ? std::optional(mapping::HeaderCells(table)) : std::nullopt;
  const std::uint32_t header_line = table.row_count() > 0 ? table.SourceLine(0) : 1;
  Result<mapping::Mapping> mapped = mapping::MapColumns(
      *schema, **profile, header, table.max_cell_count(), overrides, header_line);
  if (!mapped) return mapped.error();
  inspection.mapping = std::move(mapped).value();
  auto& diagnostics = inspection.diagnostics;
  diagnostics.insert(diagnostics.end(), inspection.mapping->diagnostics.begin(),
                     inspection.mapping->diagnostics.end());
  const records::RecordSet set = records::BuildRecords(
      *schema, **profile, table, outcome.first_data_row(), *inspection.mapping,
      records::RecordOptions{std::stoi(service::Clock::System().today.substr(0, 4))});
  for (const records::Record& record : set.records) {
    diagnostics.insert(diagnostics.end(), record.diagnostics.begin(), record.diagnostics.end());
  }
  return {};
}

int RunInspect(const InspectArguments& args) {
  Result<table::ReadOptions> options = MakeReadOptions(args);
  if (!options) return PrintError(std::cerr, options.error());
  Result<table::ReadOutcome> outcome = files::LoadTable(args.file, options.value());
  if (!outcome) return PrintError(std::cerr, outcome.error());
  report::Inspection inspection;
  inspection.outcome = std::move(outcome).value();
  inspection.diagnostics = inspection.outcome.diagnostics;
  if (!args.profile.empty()) {
    if (Status status = MapAndValidate(args, inspection); !status) {
      return PrintError(std::cerr, status.error());
    }
  }
  std::stable_sort(inspection.diagnostics.begin(), inspection.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
  if (args.output.json) {
    PrintJson(std::cout, report::InspectJson(inspection, kPreviewRows));
  } else {
    PrintText(std::cout, inspection, args);
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
  command->add_option("--profile", args->profile,
                      "Map the columns onto this profile's fields and validate the rows");
  command->add_option("--map", args->maps, "COLUMN=FIELD or COLUMN=ignore (with --profile)");
  AddConfigOption(*command, args->config);
  AddOutputOptions(*command, args->output);
  command->callback([args, &exit_code] { exit_code = RunInspect(*args); });
}

}  // namespace rollcall::cli
