// MapColumns: 1. apply the user's overrides, 2. match every other header (or take the template
// order when there is no header), 3. settle columns that claim the same field, 4. report what is
// ignored, uncertain or missing.
#include "mapping/mapping.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "mapping/column_matcher.hpp"
#include "mapping/header_key.hpp"
#include "text/display.hpp"
#include "text/normalize.hpp"

namespace rollcall::mapping {
namespace {

constexpr std::string_view kIgnore = "ignore";

std::string ConfidenceText(double confidence) { return fmt::format("{:.2f}", confidence); }

// The column an override names: its 1-based number, or a header equal to it once normalised.
std::optional<std::size_t> FindColumn(const std::string& name,
                                      const std::optional<std::vector<std::string>>& header_row,
                                      std::size_t column_count) {
  if (!name.empty() && name.find_first_not_of("0123456789") == std::string::npos) {
    const std::size_t number = std::stoul(name);
    if (number >= 1 && number <= column_count) return number - 1;
    return std::nullopt;
  }
  if (!header_row) return std::nullopt;
  const std::string wanted =
      text::TrimView(name) == name ? name : std::string(text::TrimView(name));
  for (std::size_t column_idx = 0; column_idx < header_row->size(); ++column_idx) {
    if (text::TrimView((*header_row)[column_idx]) == wanted) return column_idx;
  }
  const HeaderKey key = MakeHeaderKey(text::Utf8Prefix(name, kMaxHeaderBytes));
  for (std::size_t column_idx = 0; column_idx < header_row->size(); ++column_idx) {
    const std::string_view header = text::Utf8Prefix((*header_row)[column_idx], kMaxHeaderBytes);
    if (MakeHeaderKey(header).key == key.key) return column_idx;
  }
  return std::nullopt;
}

Status ApplyOverrides(const ProfileSpec& profile, const std::vector<ColumnOverride>& overrides,
                      const std::optional<std::vector<std::string>>& header_row,
                      std::vector<ColumnMapping>& columns) {
  for (const ColumnOverride& choice : overrides) {
    const std::optional<std::size_t> column_idx =
        FindColumn(choice.column, header_row, columns.size());
    if (!column_idx) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("--map: the file has no column '{}'", choice.column));
    }
    if (choice.field != kIgnore && !profile.Has(choice.field)) {
      return MakeError(
          ErrorCode::kInvalidArgument,
          fmt::format("--map: '{}' is not a field of profile {}", choice.field, profile.id));
    }
    ColumnMapping& column = columns[*column_idx];
    column.field = choice.field == kIgnore ? "" : choice.field;
    column.confidence = column.field.empty() ? 0 : 1;
    column.overridden = true;
  }
  return {};
}

// Step 3: a field that takes one column keeps its best; group members are numbered.
void SettleClaims(const Schema& schema, std::vector<ColumnMapping>& columns,
                  const std::vector<int>& explicit_indexes, std::uint32_t header_line,
                  std::vector<Diagnostic>& diagnostics) {
  std::map<std::string, std::size_t> single_owner;        // field → column_idx
  std::map<std::string, std::vector<int>> group_members;  // field → indexes taken
  for (ColumnMapping& column : columns) {
    if (column.field.empty()) continue;
    const FieldSpec* field = schema.Field(column.field);
    if (field->repeats) continue;
    if (!field->group.empty()) {
      std::vector<int>& taken = group_members[column.field];
      int index = explicit_indexes[column.column_idx];
      if (index == 0) index = taken.empty() ? 1 : *std::max_element(taken.begin(), taken.end()) + 1;
      if (std::find(taken.begin(), taken.end(), index) == taken.end()) {
        taken.push_back(index);
        column.group_index = index;
        continue;
      }
    } else {
      auto [owner, inserted] = single_owner.emplace(column.field, column.column_idx);
      if (inserted) continue;
      ColumnMapping& previous = columns[owner->second];
      const bool this_one_wins =
          column.overridden || (!previous.overridden && column.confidence > previous.confidence);
      if (this_one_wins) {
        diagnostics.push_back(MakeDiagnostic(Severity::kWarning, "duplicate_column", header_line,
                                             static_cast<int>(previous.column_idx + 1))
                                  .With("header", previous.header)
                                  .With("field", column.field)
                                  .Build());
        previous.field.clear();
        previous.confidence = 0;
        owner->second = column.column_idx;
        continue;
      }
    }
    diagnostics.push_back(MakeDiagnostic(Severity::kWarning, "duplicate_column", header_line,
                                         static_cast<int>(column.column_idx + 1))
                              .With("header", column.header)
                              .With("field", column.field)
                              .Build());
    column.field.clear();
    column.confidence = 0;
  }
}

// Step 4.
void ReportMapping(const ProfileSpec& profile, const Mapping& mapping, std::uint32_t header_line,
                   std::vector<Diagnostic>& diagnostics) {
  for (const ColumnMapping& column : mapping.columns) {
    const int column_number = static_cast<int>(column.column_idx + 1);
    if (column.field.empty() && !column.overridden && !text::TrimView(column.header).empty()) {
      const bool already_reported =
          std::any_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& diagnostic) {
            return diagnostic.code == "duplicate_column" && diagnostic.column == column_number;
          });
      if (!already_reported) {
        diagnostics.push_back(
            MakeDiagnostic(Severity::kWarning, "unmapped_column", header_line, column_number)
                .With("header", column.header)
                .Build());
      }
    } else if (!column.field.empty() && column.confidence < 1.0) {
      diagnostics.push_back(
          MakeDiagnostic(Severity::kWarning, "uncertain_column_match", header_line, column_number)
              .With("header", column.header)
              .With("field", column.field)
              .With("confidence", ConfidenceText(column.confidence))
              .Build());
    }
  }
  std::vector<std::string> required = profile.required;
  for (const auto& [field, excuse] : profile.required_unless) {
    if (!mapping.Maps(excuse)) required.push_back(field);
  }
  for (const std::string& field : required) {
    if (!mapping.Maps(field)) {
      Diagnostic diagnostic =
          MakeDiagnostic(Severity::kCritical, "missing_required_column", header_line)
              .With("field", field)
              .Build();
      diagnostic.field = field;
      diagnostics.push_back(std::move(diagnostic));
    }
  }
}

}  // namespace

std::vector<const ColumnMapping*> Mapping::ColumnsFor(std::string_view field) const {
  std::vector<const ColumnMapping*> found;
  for (const ColumnMapping& column : columns) {
    if (column.field == field) found.push_back(&column);
  }
  return found;
}

std::vector<std::string> TemplateColumns(const ProfileSpec& profile) {
  std::vector<std::string> order;
  for (const std::string& field : profile.fields) {
    const bool shown =
        std::find(profile.shown.begin(), profile.shown.end(), field) != profile.shown.end();
    if (shown || profile.IsRequiredSomehow(field)) order.push_back(field);
  }
  return order;
}

std::vector<std::string> HeaderCells(const table::Table& table) {
  return table.row_count() == 0 ? std::vector<std::string>{} : table.RowTexts(0);
}

Result<Mapping> MapColumns(const Schema& schema, const ProfileSpec& profile,
                           const std::optional<std::vector<std::string>>& header_row,
                           std::size_t column_count, const std::vector<ColumnOverride>& overrides,
                           std::uint32_t header_line) {
  Mapping mapping;
  mapping.profile = profile.id;
  if (header_row) column_count = std::max(column_count, header_row->size());
  const std::vector<std::string> template_order = TemplateColumns(profile);
  std::vector<int> explicit_indexes(column_count, 0);
  for (std::size_t column_idx = 0; column_idx < column_count; ++column_idx) {
    ColumnMapping column;
    column.column_idx = column_idx;
    if (header_row) {
      column.header = column_idx < header_row->size() ? (*header_row)[column_idx] : "";
      if (column.header.size() > kMaxHeaderBytes) {
        mapping.diagnostics.push_back(MakeDiagnostic(Severity::kWarning, "header_too_long",
                                                     header_line, static_cast<int>(column_idx + 1))
                                          .With("length", std::to_string(column.header.size()))
                                          .With("limit", std::to_string(kMaxHeaderBytes))
                                          .Build());
        column.header = text::CutForPreview(column.header, kMaxHeaderBytes);
      }
      // A bounded prefix: matching costs grow with the square of the header's length.
      const HeaderKey key = MakeHeaderKey(text::Utf8Prefix(column.header, kMaxHeaderBytes));
      const FieldMatch match = MatchHeader(profile, schema, key);
      column.field = match.field;
      column.confidence = match.confidence;
      explicit_indexes[column_idx] = key.index;
    } else if (column_idx < template_order.size()) {
      column.field = template_order[column_idx];
      column.confidence = 1;
    }
    mapping.columns.push_back(std::move(column));
  }
  if (Status status = ApplyOverrides(profile, overrides, header_row, mapping.columns); !status) {
    return status.error();
  }
  SettleClaims(schema, mapping.columns, explicit_indexes, header_line, mapping.diagnostics);
  for (ColumnMapping& column : mapping.columns) {
    const FieldSpec* field = column.field.empty() ? nullptr : schema.Field(column.field);
    column.secret = field != nullptr && field->secret;
  }
  ReportMapping(profile, mapping, header_line, mapping.diagnostics);
  return mapping;
}

}  // namespace rollcall::mapping
