// Records: the rows of one file as typed values of the profile's fields, with every problem of
// every value as a diagnostic carrying line, column and field.
//
// An empty cell means "leave unchanged" (ValueState::kUnchanged); "#CLEAR" means "clear this
// field" (kClear). Text is trimmed and NFC-normalised; names keep their case and accents. A value
// that cannot be used is an `error` on its row when the field is required, otherwise a `warning`
// and the value is left unchanged. Rows whose cells are all empty are no records.
//
// Values are views: their texts live in the RecordSet's arena, field ids in the schema.
//
// Pure; the schema passed to BuildRecords() must outlive the records (field ids are views into it),
// and a Record is valid as long as the RecordSet that holds it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.hpp"
#include "mapping/mapping.hpp"
#include "mapping/schema.hpp"
#include "records/arena.hpp"
#include "table/table.hpp"

namespace rollcall::records {

enum class ValueState : std::uint8_t { kUnchanged, kClear, kSet };

// 32 bytes: a million records hold some fifteen million of these.
struct FieldValue {
  // kSet: canonical text (ISO date, "1"/"0", enum value, …). For group lists, the groups in
  // order, without repeats, joined by '|' (which no group name holds: cells are split on it).
  std::string_view text;
  const mapping::FieldSpec* spec = nullptr;  // the field
  std::uint32_t column = 0;                  // 1-based column of the (first) cell it came from
  ValueState state = ValueState::kUnchanged;

  // The FieldSpec id, "" without a spec.
  std::string_view field() const { return spec != nullptr ? std::string_view(spec->id) : ""; }
  // kSet group lists: the groups, in order, without repeats.
  std::vector<std::string_view> Items() const;
};
static_assert(sizeof(FieldValue) <= 32);

// A guardian's child, from one member of the "child" column group.
struct ChildReference {
  int index = 0;  // 1-based member of the group
  std::string external_id, last_name, first_name, class_name;
};

struct Record {
  std::uint32_t line = 0;   // source line of the row
  std::size_t row_idx = 0;  // row in the table
  // One per mapped field (not group fields) whose cells said something (set or #CLEAR), in
  // schema order; Get() returns null for the others. In the RecordSet's arena.
  std::span<const FieldValue> values;
  std::vector<ChildReference> children;
  std::vector<Diagnostic> diagnostics;

  const FieldValue* Get(std::string_view field) const;
  // The value's text when set, "" otherwise.
  std::string_view Text(std::string_view field) const;
  // Any error or critical diagnostic.
  bool Blocked() const;
};

struct RecordOptions {
  int reference_year = 2026;  // for two-digit years and plausibility of birth dates
};

struct RecordSet {
  std::string profile;
  std::vector<Record> records;
  Arena arena;  // the records' values and their texts
};

// Builds a record from every data row (rows from `first_data_row` on).
RecordSet BuildRecords(const mapping::Schema& schema, const mapping::ProfileSpec& profile,
                       const table::Table& table, std::size_t first_data_row,
                       const mapping::Mapping& mapping, const RecordOptions& options);

}  // namespace rollcall::records
