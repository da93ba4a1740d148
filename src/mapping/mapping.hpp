// Column mapping: which schema field each column of a file feeds.
//
// MapColumns() matches every header against the profile's field names and aliases (in French,
// German, English, Spanish and Portuguese), in tiers of decreasing confidence:
//   1.00  the header equals an alias (case and punctuation aside)
//   0.95  equal once accents are folded ("Prenom")
//   0.90  equal once stop words are dropped ("Date naissance")
//   < 0.9 close spelling ("Nachnahme"), confidence = 0.9 × similarity, at least 0.7
// Repeated columns are recognised: a field that `repeats` takes several columns; a field of a
// column group ("child") takes the n-th group member from its number ("Nom enfant 2") or from its
// order of appearance. A header-less file is mapped by the profile's template order.
//
// Diagnostics: `unmapped_column` (warning) for an ignored column, `uncertain_column_match`
// (warning) for confidence below 1, `duplicate_column` (warning) when a second column claims a
// field that takes one, `missing_required_column` (critical) for a required field no column feeds,
// `header_too_long` (warning) for a header over kMaxHeaderBytes: only that many bytes of it are
// matched and kept (a name is not 50 MB, and matching costs grow with its square).
// Overrides from the user win over everything and carry confidence 1.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "mapping/schema.hpp"
#include "table/table.hpp"

namespace rollcall::mapping {

inline constexpr std::size_t kMaxHeaderBytes = 256;

struct ColumnMapping {
  std::size_t column_idx = 0;
  std::string header;     // as written ("" in a header-less file)
  std::string field;      // "" = ignore
  int group_index = 0;    // 1-based member of a column group (child 1, child 2…); 0 otherwise
  double confidence = 0;  // 1 for exact and user-chosen matches; 0 when ignored
  bool overridden = false;
  bool secret = false;  // feeds a secret field (a password): never shown outside the protocol
};

struct Mapping {
  std::string profile;
  std::vector<ColumnMapping> columns;
  std::vector<Diagnostic> diagnostics;

  // Columns feeding `field`, in order.
  std::vector<const ColumnMapping*> ColumnsFor(std::string_view field) const;
  bool Maps(std::string_view field) const { return !ColumnsFor(field).empty(); }
};

// A user's choice for one column: `column` is its header text or its 1-based number;
// `field` a field id of the profile, or "ignore".
struct ColumnOverride {
  std::string column;
  std::string field;
};

// REQUIRES: profile belongs to schema. `header_row` is the file's header cells, or nullopt for a
// file without header (then `column_count` columns are mapped by template order). Column
// diagnostics carry `header_line`. Fails (kInvalidArgument) only on an override naming a column or
// field that does not exist.
Result<Mapping> MapColumns(const Schema& schema, const ProfileSpec& profile,
                           const std::optional<std::vector<std::string>>& header_row,
                           std::size_t column_count, const std::vector<ColumnOverride>& overrides,
                           std::uint32_t header_line = 1);

// The columns of the profile's template, in order: the fields it shows or requires.
std::vector<std::string> TemplateColumns(const ProfileSpec& profile);

// The header cells of a table's row 0.
std::vector<std::string> HeaderCells(const table::Table& table);

}  // namespace rollcall::mapping
