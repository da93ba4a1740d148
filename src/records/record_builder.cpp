// BuildRecords: for each row, 1. skip it when blank, 2. read every mapped field from its columns,
// 3. collect the column groups (children), 4. check required fields; then 5. check the logins the
// file gives, across rows.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "records/record.hpp"
#include "records/values.hpp"
#include "text/display.hpp"
#include "text/normalize.hpp"

namespace rollcall::records {
namespace {

using mapping::FieldSpec;
using mapping::FieldType;

// No name, e-mail or class is this long: a longer cell is an error on its line rather than text
// carried through matching, the plan, the store and the reports. Lists of groups get more room.
constexpr std::size_t kMaxValueBytes = 1024;
constexpr std::size_t kMaxListBytes = 16 * 1024;

struct FieldColumns {
  const FieldSpec* field;
  std::vector<std::size_t> columns;  // 0-based
  bool required = false;             // ProfileSpec::IsRequiredSomehow, asked once per file
};

struct Plan {
  std::vector<FieldColumns> fields;  // non-group fields, schema order
  std::map<int, std::vector<std::pair<const FieldSpec*, std::size_t>>> children;  // index → cells
};

Plan MakePlan(const mapping::Schema& schema, const mapping::ProfileSpec& profile,
              const mapping::Mapping& mapping) {
  Plan plan;
  for (const FieldSpec& field : schema.fields()) {
    FieldColumns entry{&field, {}, profile.IsRequiredSomehow(field.id)};
    for (const mapping::ColumnMapping* column : mapping.ColumnsFor(field.id)) {
      if (field.group.empty()) {
        entry.columns.push_back(column->column_idx);
      } else {
        plan.children[column->group_index].emplace_back(&field, column->column_idx);
      }
    }
    if (!entry.columns.empty()) plan.fields.push_back(std::move(entry));
  }
  return plan;
}

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

class RowReader {
 public:
  // `values` collects the row's values (views into `arena`); `record` views them until the
  // caller copies them into the arena.
  RowReader(const mapping::ProfileSpec& profile, const table::Table& table, std::size_t row_idx,
            const RecordOptions& options, Record& record, std::vector<FieldValue>& values,
            Arena& arena)
      : profile_(profile),
        table_(table),
        row_idx_(row_idx),
        options_(options),
        record_(record),
        values_(values),
        arena_(arena) {}

  void ReadField(const FieldColumns& entry);
  void ReadChildren(const Plan& plan);
  void CheckRequired(const std::vector<FieldColumns>& fields);

 private:
  // Parses one non-empty, non-#CLEAR cell; false when it is not a valid value.
  bool ParseInto(const FieldColumns& entry, std::string_view cell, std::size_t column_idx,
                 FieldValue& value, std::vector<std::string>& items);
  void ReportTooLong(const FieldSpec& field, std::size_t column_idx, std::size_t length,
                     std::size_t limit);
  void ReportInvisible(const FieldSpec& field, std::size_t column_idx, std::size_t removed);
  void Report(Severity severity, std::string code, const FieldSpec& field, std::size_t column_idx,
              std::string_view cell);

  const mapping::ProfileSpec& profile_;
  const table::Table& table_;
  std::size_t row_idx_;
  const RecordOptions& options_;
  Record& record_;
  std::vector<FieldValue>& values_;
  Arena& arena_;
};

void RowReader::Report(Severity severity, std::string code, const FieldSpec& field,
                       std::size_t column_idx, std::string_view cell) {
  Diagnostic diagnostic =
      MakeDiagnostic(severity, std::move(code), record_.line, static_cast<int>(column_idx + 1))
          .With("field", field.id)
          .Build();
  if (!field.secret && !cell.empty()) {
    diagnostic.params.emplace_back("value", text::CutForPreview(cell));
  }
  diagnostic.field = field.id;
  record_.diagnostics.push_back(std::move(diagnostic));
}

// Zero-width, BOM and bidi characters made duplicates of people already in the directory and
// logins that look like others: they are removed from the value, with a warning on its line.
void RowReader::ReportInvisible(const FieldSpec& field, std::size_t column_idx,
                                std::size_t removed) {
  Diagnostic diagnostic = MakeDiagnostic(Severity::kWarning, "invisible_characters_removed",
                                         record_.line, static_cast<int>(column_idx + 1))
                              .With("field", field.id)
                              .With("count", std::to_string(removed))
                              .Build();
  diagnostic.field = field.id;
  record_.diagnostics.push_back(std::move(diagnostic));
}

void RowReader::ReportTooLong(const FieldSpec& field, std::size_t column_idx, std::size_t length,
                              std::size_t limit) {
  Diagnostic diagnostic = MakeDiagnostic(Severity::kError, "value_too_long", record_.line,
                                         static_cast<int>(column_idx + 1))
                              .With("field", field.id)
                              .With("length", std::to_string(length))
                              .With("limit", std::to_string(limit))
                              .Build();
  diagnostic.field = field.id;
  record_.diagnostics.push_back(std::move(diagnostic));
}

bool RowReader::ParseInto(const FieldColumns& entry, std::string_view cell, std::size_t column_idx,
                          FieldValue& value, std::vector<std::string>& items) {
  const FieldSpec& field = *entry.field;
  std::optional<std::string> parsed;
  std::string code;
  switch (field.type) {
    case FieldType::kText:
      if (IsAscii(cell)) {  // already NFC: no temporary string
        value.text = arena_.Copy(cell);
        return true;
      }
      parsed = text::Nfc(cell);
      break;
    case FieldType::kGroupList:
      for (std::string& item : SplitList(cell)) {
        if (std::find(items.begin(), items.end(), item) == items.end()) {
          items.push_back(std::move(item));
        }
      }
      return true;
    case FieldType::kDate:
      if (std::optional<ParsedDate> date = ParseDate(cell, options_.reference_year)) {
        parsed = date->iso;
        if (date->month_first)
          Report(Severity::kWarning, "date_read_month_first", field, column_idx, cell);
        const int year = std::stoi(date->iso.substr(0, 4));
        if (field.id == "birth_date" && (year < 1900 || year > options_.reference_year)) {
          Report(Severity::kWarning, "implausible_birth_date", field, column_idx, cell);
        }
      }
      code = "invalid_date";
      break;
    case FieldType::kEmail:
      parsed = ParseEmail(cell);
      code = "invalid_email";
      break;
    case FieldType::kPhone:
      parsed = ParsePhone(cell);
      code = "invalid_phone";
      break;
    case FieldType::kBoolean:
      parsed = ParseBoolean(cell);
      code = "invalid_boolean";
      break;
    case FieldType::kEnum:
      parsed = ParseEnum(field, cell);
      code = "invalid_enum_value";
      break;
  }
  if (!parsed) {
    Report(entry.required ? Severity::kError : Severity::kWarning, code, field, column_idx, cell);
    return false;
  }
  value.text = arena_.Copy(*parsed);
  return true;
}

void RowReader::ReadField(const FieldColumns& entry) {
  const FieldSpec& field = *entry.field;
  FieldValue value;
  value.spec = &field;
  std::vector<std::string> items;  // group lists
  for (std::size_t column_idx : entry.columns) {
    std::string visible;  // the cell without invisible characters, when it had some
    std::string_view cell = text::TrimView(table_.Cell(row_idx_, column_idx));
    // A login is taken as written or refused (step 5), never silently changed.
    if (!IsAscii(cell) && cell.size() <= kMaxListBytes && field.id != "login") {
      std::size_t removed = 0;
      visible = text::RemoveInvisibleCharacters(cell, removed);
      if (removed > 0) {
        ReportInvisible(field, column_idx, removed);
        cell = text::TrimView(visible);
      }
    }
    if (cell.empty()) continue;
    if (value.column == 0) value.column = static_cast<std::uint32_t>(column_idx + 1);
    if (IsClearMarker(cell)) {
      if (value.state == ValueState::kUnchanged) value.state = ValueState::kClear;
      continue;
    }
    if (const std::size_t limit =
            field.type == FieldType::kGroupList ? kMaxListBytes : kMaxValueBytes;
        cell.size() > limit) {
      ReportTooLong(field, column_idx, cell.size(), limit);
      continue;
    }
    if (ParseInto(entry, cell, column_idx, value, items)) value.state = ValueState::kSet;
  }
  if (value.state == ValueState::kSet && field.type == FieldType::kGroupList) {
    if (items.empty()) value.state = ValueState::kUnchanged;
    std::string joined;
    for (const std::string& item : items) {
      if (!joined.empty()) joined += '|';
      joined += item;
    }
    value.text = arena_.Copy(joined);
  }
  // An unchanged value says nothing: not keeping it saves most of a big file's records.
  if (value.state != ValueState::kUnchanged) values_.push_back(value);
}

void RowReader::ReadChildren(const Plan& plan) {
  for (const auto& [index, cells] : plan.children) {
    ChildReference child;
    child.index = index;
    bool any = false;
    for (const auto& [field, column_idx] : cells) {
      const std::string_view cell = text::TrimView(table_.Cell(row_idx_, column_idx));
      if (cell.size() > kMaxValueBytes) {
        ReportTooLong(*field, column_idx, cell.size(), kMaxValueBytes);
        continue;
      }
      std::string text = text::Nfc(cell);
      if (text.empty() || IsClearMarker(text)) continue;
      any = true;
      if (field->id == "child_external_id") child.external_id = std::move(text);
      if (field->id == "child_last_name") child.last_name = std::move(text);
      if (field->id == "child_first_name") child.first_name = std::move(text);
      if (field->id == "child_class") child.class_name = std::move(text);
    }
    if (any) record_.children.push_back(std::move(child));
  }
}

void RowReader::CheckRequired(const std::vector<FieldColumns>& fields) {
  for (const FieldColumns& entry : fields) {
    if (!entry.required) continue;
    if (const std::string* excuse = profile_.Excuse(entry.field->id);
        excuse && !record_.Text(*excuse).empty()) {
      continue;
    }
    const FieldValue* value = record_.Get(entry.field->id);
    const bool has_error = std::any_of(
        record_.diagnostics.begin(), record_.diagnostics.end(), [&](const Diagnostic& d) {
          return d.field == entry.field->id && d.severity == Severity::kError;
        });
    if (has_error || (value && value->state == ValueState::kSet)) continue;
    const bool cleared = value && value->state == ValueState::kClear;
    Diagnostic diagnostic =
        MakeDiagnostic(Severity::kError,
                       cleared ? "cannot_clear_required" : "missing_required_value", record_.line,
                       static_cast<int>(entry.columns.front() + 1))
            .With("field", entry.field->id)
            .Build();
    diagnostic.field = entry.field->id;
    record_.diagnostics.push_back(std::move(diagnostic));
  }
}

// Step 5. A login the file gives is taken as the account's login, so it must be one: the login
// pattern's alphabet (letters, digits, `.`, `-`, `_`, starting with a letter or digit), at most
// kMaxLoginBytes, not a reserved name, and not given twice in the file, case aside ("CAPS" and
// "caps" are one login on most platforms).
constexpr std::size_t kMaxLoginBytes = 64;

bool IsLoginCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_';
}

std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

// "" when `login` is acceptable, else the diagnostic code that says why not.
std::string_view LoginProblem(std::string_view login, const std::vector<std::string>& reserved) {
  const bool alphabet = std::all_of(login.begin(), login.end(), IsLoginCharacter);
  const bool starts_well = !login.empty() && IsLoginCharacter(login[0]) && login[0] != '.' &&
                           login[0] != '-' && login[0] != '_';
  if (!alphabet || !starts_well || login.size() > kMaxLoginBytes ||
      login.find("..") != std::string_view::npos) {
    return "invalid_login";
  }
  const std::string lower = AsciiLower(login);
  if (std::find(reserved.begin(), reserved.end(), lower) != reserved.end()) {
    return "reserved_login";
  }
  return {};
}

void CheckLogins(const mapping::Schema& schema, std::vector<Record>& records) {
  std::map<std::string, std::int64_t> first_line;  // lower-case login → line that gave it
  for (Record& record : records) {
    const FieldValue* value = record.Get("login");
    if (value == nullptr || value->state != ValueState::kSet) continue;
    const std::string_view login = value->text;
    std::string_view code = LoginProblem(login, schema.reserved_logins());
    std::string other_line;
    if (code.empty()) {
      const auto [seen, inserted] = first_line.emplace(AsciiLower(login), record.line);
      if (!inserted) {
        code = "duplicate_login";
        other_line = std::to_string(seen->second);
      }
    }
    if (code.empty()) continue;
    DiagnosticBuilder builder = MakeDiagnostic(Severity::kError, std::string(code), record.line,
                                               static_cast<int>(value->column));
    builder.With("field", "login");
    if (!other_line.empty()) builder.With("other_line", other_line);
    Diagnostic diagnostic = std::move(builder).Build();
    diagnostic.field = "login";
    record.diagnostics.push_back(std::move(diagnostic));
  }
}

bool RowIsBlank(const table::Table& table, std::size_t row_idx) {
  for (std::size_t column_idx = 0; column_idx < table.cell_count(row_idx); ++column_idx) {
    if (!text::TrimView(table.Cell(row_idx, column_idx)).empty()) return false;
  }
  return true;
}

}  // namespace

std::vector<std::string_view> FieldValue::Items() const {
  std::vector<std::string_view> items;
  std::string_view rest = text;
  while (!rest.empty()) {
    const std::size_t bar = rest.find('|');
    items.push_back(rest.substr(0, bar));
    rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
  }
  return items;
}

const FieldValue* Record::Get(std::string_view field) const {
  for (const FieldValue& value : values) {
    if (value.field() == field) return &value;
  }
  return nullptr;
}

std::string_view Record::Text(std::string_view field) const {
  const FieldValue* value = Get(field);
  return value && value->state == ValueState::kSet ? std::string_view(value->text) : "";
}

bool Record::Blocked() const {
  return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& diagnostic) {
    return diagnostic.severity == Severity::kError || diagnostic.severity == Severity::kCritical;
  });
}

RecordSet BuildRecords(const mapping::Schema& schema, const mapping::ProfileSpec& profile,
                       const table::Table& table, std::size_t first_data_row,
                       const mapping::Mapping& mapping, const RecordOptions& options) {
  RecordSet set;
  set.profile = profile.id;
  const Plan plan = MakePlan(schema, profile, mapping);
  set.records.reserve(table.row_count() - std::min(first_data_row, table.row_count()));
  std::vector<FieldValue> values;  // of the row being read
  for (std::size_t row_idx = first_data_row; row_idx < table.row_count(); ++row_idx) {
    if (RowIsBlank(table, row_idx)) continue;
    Record& record = set.records.emplace_back();
    record.line = table.SourceLine(row_idx);
    record.row_idx = row_idx;
    values.clear();
    RowReader reader(profile, table, row_idx, options, record, values, set.arena);
    for (const FieldColumns& entry : plan.fields) reader.ReadField(entry);
    record.values = values;
    reader.ReadChildren(plan);
    reader.CheckRequired(plan.fields);
    record.values = set.arena.Copy(std::span<const FieldValue>(values));
  }
  CheckLogins(schema, set.records);
  set.records.shrink_to_fit();
  return set;
}

}  // namespace rollcall::records
