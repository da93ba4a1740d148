// The profile schema: which fields a roster row can carry, how each is typed and named, and which
// fields each profile uses, shows in its template and requires.
//
// A Schema is data (data/schema.toml, compiled in as the default and replaceable per deployment),
// parsed by ParseSchema() from text: the module reads no file. Aliases are stored normalised
// (header_key.hpp), ready for matching. Immutable once built; safe to share between threads.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/language.hpp"
#include "base/result.hpp"
#include "mapping/header_key.hpp"

namespace rollcall::mapping {

enum class FieldType { kText, kDate, kEmail, kPhone, kBoolean, kEnum, kGroupList };
std::string_view FieldTypeName(FieldType type);

struct Labels {
  std::array<std::string, 3> text;  // en, fr, de
  const std::string& In(Language language) const {
    return text[static_cast<std::size_t>(language)];
  }
};

struct EnumValue {
  std::string value;                 // canonical, e.g. "female"
  std::vector<std::string> aliases;  // folded for matching, e.g. "mme", "frau"
};

struct FieldSpec {
  std::string id;
  FieldType type = FieldType::kText;
  Labels label;
  std::vector<HeaderKey> aliases;  // names and labels, normalised for matching
  std::string group;               // "child" for a repeated column group; empty otherwise
  bool repeats = false;            // several columns may feed it
  bool multi = false;              // one cell may hold several values separated by `|`
  bool secret = false;
  std::vector<EnumValue> values;  // kEnum only
};

struct ProfileSpec {
  std::string id;
  Labels label;
  std::vector<std::string> names;   // folded words that name the profile (file names, options)
  std::vector<std::string> fields;  // in template order
  std::vector<std::string> shown;
  std::vector<std::string> required;
  // field → the field whose presence makes it optional (birth_date → external_id).
  std::map<std::string, std::string> required_unless;
  std::map<std::string, std::vector<HeaderKey>> aliases;  // field → extra names for this profile

  bool Has(std::string_view field) const;
  // Required outright.
  bool Requires(std::string_view field) const;
  // Required outright or unless another field is given: the field that excuses it ("" if none).
  // REQUIRES: IsRequiredSomehow(field).
  const std::string* Excuse(std::string_view field) const;
  bool IsRequiredSomehow(std::string_view field) const;
};

class Schema {
 public:
  const FieldSpec* Field(std::string_view id) const;
  const ProfileSpec* Profile(std::string_view id) const;
  // The profile a word names ("eleves", "Lehrer", "guardians"…), or null.
  const ProfileSpec* ProfileNamed(std::string_view word) const;
  const std::vector<FieldSpec>& fields() const { return fields_; }
  const std::vector<ProfileSpec>& profiles() const { return profiles_; }
  // Logins a file may not give (`[logins] reserved`, lower case): system and platform accounts.
  const std::vector<std::string>& reserved_logins() const { return reserved_logins_; }

 private:
  friend Result<Schema> ParseSchema(std::string_view toml_text);
  friend Status ApplyDeployment(Schema& schema, std::string_view toml_text);
  std::vector<FieldSpec> fields_;
  std::vector<ProfileSpec> profiles_;
  std::vector<std::string> reserved_logins_;
};

// Parses a schema in the format of data/schema.toml. kInvalidArgument with the place of the
// first problem (unknown type, a profile naming an unknown field…).
Result<Schema> ParseSchema(std::string_view toml_text);

// The schema compiled into the program (data/schema.toml at build time).
std::string_view DefaultSchemaText();
// DefaultSchemaText(), parsed. REQUIRES: the shipped schema is valid (checked by the tests).
Schema DefaultSchema();

// Applies a deployment file's template choices:
//   [templates.student]
//   show = ["external_id", "last_name", …]   # replaces the profile's shown fields
//   require = ["classes"]                     # added to the profile's required fields
//   [logins]
//   reserved = ["root", "admin", …]           # replaces the reserved logins
Status ApplyDeployment(Schema& schema, std::string_view toml_text);

}  // namespace rollcall::mapping
