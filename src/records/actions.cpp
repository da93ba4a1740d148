// ParseActions: 1. find the first non-blank row and decide whether it is a header, then for every
// later non-blank row 2. read the keyword, 3. check the field count, 4. read each field of the
// action's format, 5. check the required fields.
#include "records/actions.hpp"

#include <algorithm>

#include "records/values.hpp"
#include "text/normalize.hpp"

namespace rollcall::records {
namespace {

using F = ActionField;

constexpr ActionFieldSpec kCreateFormat[] = {
    {F::kUsername, false}, {F::kOrgDefinedId, false}, {F::kFirstName, true}, {F::kLastName, true},
    {F::kPassword, false}, {F::kRoleName, true},      {F::kIsActive, false}, {F::kEmail, true}};
constexpr ActionFieldSpec kUpdateFormat[] = {
    {F::kUsername, true},  {F::kOrgDefinedId, false}, {F::kFirstName, false}, {F::kLastName, false},
    {F::kPassword, false}, {F::kIsActive, false},     {F::kEmail, false}};
constexpr ActionFieldSpec kDeleteFormat[] = {{F::kUsername, true}, {F::kOrgDefinedId, false}};
constexpr ActionFieldSpec kEnrollFormat[] = {{F::kUsername, true},
                                             {F::kOrgDefinedId, false},
                                             {F::kRoleName, true},
                                             {F::kOrgUnitCode, false}};
constexpr ActionFieldSpec kUnenrollFormat[] = {
    {F::kUsername, true}, {F::kOrgDefinedId, false}, {F::kOrgUnitCode, true}};
constexpr ActionFieldSpec kImportFormat[] = {
    {F::kUsername, false}, {F::kOrgDefinedId, false}, {F::kFirstName, true},
    {F::kLastName, true},  {F::kPassword, false},     {F::kRoleName, true},
    {F::kIsActive, false}, {F::kEmail, true},         {F::kOrgUnitCode, true}};

constexpr ActionKind kKinds[] = {ActionKind::kCreate, ActionKind::kUpdate,   ActionKind::kDelete,
                                 ActionKind::kEnroll, ActionKind::kUnenroll, ActionKind::kImport};

bool EqualsIgnoringAsciiCase(std::string_view cell, std::string_view upper_keyword) {
  return std::equal(
      cell.begin(), cell.end(), upper_keyword.begin(), upper_keyword.end(),
      [](char c, char upper) { return (c >= 'a' && c <= 'z' ? c - 32 : c) == upper; });
}

int ColumnOfField(std::size_t field_idx) { return static_cast<int>(field_idx + 2); }

bool RowIsBlank(const table::Table& table, std::size_t row_idx) {
  for (std::size_t column_idx = 0; column_idx < table.cell_count(row_idx); ++column_idx) {
    if (!text::TrimView(table.Cell(row_idx, column_idx)).empty()) return false;
  }
  return true;
}

// "CREATE, username, org_defined_id, *first_name, …": the expected line, for messages.
std::string FormatLine(ActionKind kind) {
  std::string line(ActionKeyword(kind));
  for (const ActionFieldSpec& spec : ActionFormat(kind)) {
    line += spec.required ? ", *" : ", ";
    line += ActionFieldId(spec.field);
  }
  return line;
}

// The column (0-based, in the table) of `field` in `format`, or nullopt.
std::optional<std::size_t> ColumnOf(std::span<const ActionFieldSpec> format, ActionField field) {
  for (std::size_t field_idx = 0; field_idx < format.size(); ++field_idx) {
    if (format[field_idx].field == field) return field_idx + 1;
  }
  return std::nullopt;
}

class LineReader {
 public:
  LineReader(const table::Table& table, std::size_t row_idx, ActionKind kind,
             const ActionOptions& options, Action& action, Arena& arena);

  // Step 3; returns how many fields the line provides (cells after the keyword, at most the
  // format's when the extra ones are empty).
  std::size_t CheckFieldCount();
  // Steps 4 and 5 for the first `provided` fields of the format.
  void ReadFields(std::size_t provided);
  void MaskPassword();

 private:
  void ReadField(const ActionFieldSpec& spec, std::size_t field_idx);
  void Report(Severity severity, std::string code, ActionField field, std::size_t field_idx,
              std::string_view value);

  const table::Table& table_;
  std::size_t row_idx_;
  ActionKind kind_;
  std::span<const ActionFieldSpec> format_;
  const ActionOptions& options_;
  Action& action_;
  Arena& arena_;  // the file's: value texts live as long as the ActionFile
  // A line with the wrong number of fields has its values in the wrong columns, so any cell may
  // hold a password: such a line never echoes a value.
  bool misaligned_ = false;
  std::string_view password_cell_;  // trimmed; never echoed, whatever field it turns up in
};

LineReader::LineReader(const table::Table& table, std::size_t row_idx, ActionKind kind,
                       const ActionOptions& options, Action& action, Arena& arena)
    : table_(table),
      row_idx_(row_idx),
      kind_(kind),
      format_(ActionFormat(kind)),
      options_(options),
      action_(action),
      arena_(arena) {
  if (std::optional<std::size_t> column_idx = ColumnOf(format_, ActionField::kPassword)) {
    password_cell_ = text::TrimView(table_.Cell(row_idx_, *column_idx));
  }
}

std::size_t LineReader::CheckFieldCount() {
  const std::size_t expected = format_.size();
  const std::size_t cells = table_.cell_count(row_idx_);
  const std::size_t actual = cells > 0 ? cells - 1 : 0;
  bool extra_text = false;
  for (std::size_t column_idx = expected + 1; column_idx < cells; ++column_idx) {
    if (!text::TrimView(table_.Cell(row_idx_, column_idx)).empty()) extra_text = true;
  }
  const bool too_few = actual < expected && !options_.missing_trailing_cells_are_empty;
  if (!extra_text && !too_few) return std::min(actual, expected);
  misaligned_ = true;
  action_.diagnostics.push_back(
      MakeDiagnostic(Severity::kError, too_few ? "action_too_few_fields" : "action_too_many_fields",
                     action_.line)
          .With("action", std::string(ActionKeyword(kind_)))
          .With("expected", std::to_string(expected))
          .With("actual", std::to_string(actual))
          .With("format", FormatLine(kind_))
          .Build());
  return std::min(actual, expected);
}

void LineReader::Report(Severity severity, std::string code, ActionField field,
                        std::size_t field_idx, std::string_view value) {
  Diagnostic diagnostic =
      MakeDiagnostic(severity, std::move(code), action_.line, ColumnOfField(field_idx))
          .With("field", std::string(ActionFieldId(field)))
          .Build();
  const bool may_be_password =
      misaligned_ || field == ActionField::kPassword || value == password_cell_;
  if (!value.empty() && !may_be_password) {
    diagnostic.params.emplace_back("value", std::string(value));
  }
  diagnostic.field = ActionFieldId(field);
  action_.diagnostics.push_back(std::move(diagnostic));
}

void LineReader::ReadField(const ActionFieldSpec& spec, std::size_t field_idx) {
  FieldValue& value = action_.values[static_cast<std::size_t>(spec.field)];
  const std::string_view cell = text::TrimView(table_.Cell(row_idx_, field_idx + 1));
  if (cell.empty()) {
    if (spec.required) {
      Report(Severity::kError, "missing_required_value", spec.field, field_idx, {});
    }
    return;
  }
  value.column = static_cast<std::uint32_t>(ColumnOfField(field_idx));
  if (IsClearMarker(cell)) {
    value.state = ValueState::kClear;
    if (spec.required) Report(Severity::kError, "cannot_clear_required", spec.field, field_idx, {});
    return;
  }
  std::optional<std::string> parsed;
  std::string invalid_code;
  if (spec.field == ActionField::kEmail) {
    parsed = ParseEmail(cell);
    invalid_code = "invalid_email";
  } else if (spec.field == ActionField::kIsActive) {
    parsed = ParseBoolean(cell);
    invalid_code = "invalid_boolean";
  } else {
    parsed = text::Nfc(cell);
  }
  if (!parsed) {
    // As for records: a bad required value blocks the line, a bad optional one is left unchanged.
    Report(spec.required ? Severity::kError : Severity::kWarning, invalid_code, spec.field,
           field_idx, cell);
    return;
  }
  value.state = ValueState::kSet;
  value.text = arena_.Copy(*parsed);
}

void LineReader::ReadFields(std::size_t provided) {
  // Missing cells of a short CSV line are already reported as a whole by the field count.
  const std::size_t readable =
      options_.missing_trailing_cells_are_empty ? format_.size() : provided;
  for (std::size_t field_idx = 0; field_idx < readable; ++field_idx) {
    ReadField(format_[field_idx], field_idx);
  }
}

void LineReader::MaskPassword() {
  const std::optional<std::size_t> column_idx = ColumnOf(format_, ActionField::kPassword);
  if (!column_idx || *column_idx >= action_.cells.size()) return;
  if (!text::TrimView(action_.cells[*column_idx]).empty()) {
    action_.cells[*column_idx] = kMaskedPassword;
  }
}

Action ReadAction(const table::Table& table, std::size_t row_idx, const ActionOptions& options,
                  Arena& arena) {
  Action action;
  action.line = table.SourceLine(row_idx);
  action.row_idx = row_idx;
  action.cells = table.RowTexts(row_idx);
  const std::string_view keyword = text::TrimView(table.Cell(row_idx, 0));
  action.kind = ParseActionKeyword(keyword);  // step 2
  if (!action.kind) {
    action.diagnostics.push_back(MakeDiagnostic(Severity::kError, "unknown_action", action.line, 1)
                                     .With("action", std::string(keyword))
                                     .Build());
    return action;
  }
  LineReader reader(table, row_idx, *action.kind, options, action, arena);
  const std::size_t provided = reader.CheckFieldCount();
  reader.ReadFields(provided);
  reader.MaskPassword();
  return action;
}

}  // namespace

std::string_view ActionKeyword(ActionKind kind) {
  switch (kind) {
    case ActionKind::kCreate:
      return "CREATE";
    case ActionKind::kUpdate:
      return "UPDATE";
    case ActionKind::kDelete:
      return "DELETE";
    case ActionKind::kEnroll:
      return "ENROLL";
    case ActionKind::kUnenroll:
      return "UNENROLL";
    case ActionKind::kImport:
      return "IMPORT";
  }
  return "";
}

std::optional<ActionKind> ParseActionKeyword(std::string_view cell) {
  cell = text::TrimView(cell);
  for (ActionKind kind : kKinds) {
    if (EqualsIgnoringAsciiCase(cell, ActionKeyword(kind))) return kind;
  }
  return std::nullopt;
}

std::string_view ActionFieldId(ActionField field) {
  switch (field) {
    case ActionField::kUsername:
      return "username";
    case ActionField::kOrgDefinedId:
      return "org_defined_id";
    case ActionField::kFirstName:
      return "first_name";
    case ActionField::kLastName:
      return "last_name";
    case ActionField::kPassword:
      return "password";
    case ActionField::kRoleName:
      return "role_name";
    case ActionField::kIsActive:
      return "is_active";
    case ActionField::kEmail:
      return "email";
    case ActionField::kOrgUnitCode:
      return "org_unit_code";
  }
  return "";
}

std::span<const ActionFieldSpec> ActionFormat(ActionKind kind) {
  switch (kind) {
    case ActionKind::kCreate:
      return kCreateFormat;
    case ActionKind::kUpdate:
      return kUpdateFormat;
    case ActionKind::kDelete:
      return kDeleteFormat;
    case ActionKind::kEnroll:
      return kEnrollFormat;
    case ActionKind::kUnenroll:
      return kUnenrollFormat;
    case ActionKind::kImport:
      return kImportFormat;
  }
  return {};
}

const FieldValue& Action::Get(ActionField field) const {
  return values[static_cast<std::size_t>(field)];
}

std::string_view Action::Text(ActionField field) const {
  const FieldValue& value = Get(field);
  return value.state == ValueState::kSet ? std::string_view(value.text) : "";
}

bool Action::Blocked() const {
  return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& diagnostic) {
    return diagnostic.severity == Severity::kError || diagnostic.severity == Severity::kCritical;
  });
}

ActionFile ParseActions(const table::Table& table, const ActionOptions& options) {
  ActionFile file;
  bool first_line_seen = false;
  for (std::size_t row_idx = 0; row_idx < table.row_count(); ++row_idx) {
    if (RowIsBlank(table, row_idx)) continue;
    if (!first_line_seen) {  // step 1
      first_line_seen = true;
      const std::string_view first_cell = table.Cell(row_idx, 0);
      if (!ParseActionKeyword(first_cell)) {
        // Said out loud, because a misspelt keyword on the first line also lands here.
        file.header_line = table.SourceLine(row_idx);
        file.diagnostics.push_back(
            MakeDiagnostic(Severity::kInfo, "action_header_line", file.header_line, 1)
                .With("first_cell", std::string(text::TrimView(first_cell)))
                .Build());
        continue;
      }
    }
    file.actions.push_back(ReadAction(table, row_idx, options, file.arena));
  }
  return file;
}

}  // namespace rollcall::records
