#include "mapping/schema.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>

#include "base/check.hpp"
#include "mapping/header_key.hpp"
#include "text/normalize.hpp"

namespace rollcall::mapping {
namespace {

Error SchemaError(std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, "schema: " + std::move(message));
}

std::optional<FieldType> ParseFieldType(std::string_view name) {
  constexpr std::pair<std::string_view, FieldType> kTypes[] = {
      {"text", FieldType::kText},           {"date", FieldType::kDate},
      {"email", FieldType::kEmail},         {"phone", FieldType::kPhone},
      {"boolean", FieldType::kBoolean},     {"enum", FieldType::kEnum},
      {"group_list", FieldType::kGroupList}};
  for (const auto& [type_name, type] : kTypes) {
    if (type_name == name) return type;
  }
  return std::nullopt;
}

std::vector<std::string> Strings(const toml::node_view<const toml::node>& node) {
  std::vector<std::string> strings;
  if (const toml::array* array = node.as_array()) {
    for (const toml::node& element : *array) {
      if (auto value = element.value<std::string>()) strings.push_back(*value);
    }
  }
  return strings;
}

Labels ReadLabels(const toml::node_view<const toml::node>& node, std::string_view fallback) {
  Labels labels;
  for (Language language : {Language::kEn, Language::kFr, Language::kDe}) {
    labels.text[static_cast<std::size_t>(language)] =
        node[LanguageCode(language)].value_or(std::string(fallback));
  }
  return labels;
}

std::vector<HeaderKey> AliasKeys(const std::vector<std::string>& aliases, const Labels& label) {
  std::vector<std::string> texts = aliases;
  texts.insert(texts.end(), label.text.begin(), label.text.end());
  std::vector<HeaderKey> keys;
  for (const std::string& text : texts) {
    HeaderKey key = MakeHeaderKey(text);
    const bool seen = std::any_of(keys.begin(), keys.end(),
                                  [&](const HeaderKey& other) { return other.key == key.key; });
    if (!seen) keys.push_back(std::move(key));
  }
  return keys;
}

Result<FieldSpec> ReadField(std::string_view id, const toml::table& table) {
  FieldSpec field;
  field.id = std::string(id);
  const toml::node_view<const toml::node> node(static_cast<const toml::node*>(&table));
  const std::string type_name = node["type"].value_or(std::string("text"));
  const std::optional<FieldType> type = ParseFieldType(type_name);
  if (!type) return SchemaError(fmt::format("field {}: unknown type '{}'", id, type_name));
  field.type = *type;
  field.label = ReadLabels(node["label"], id);
  field.aliases = AliasKeys(Strings(node["aliases"]), field.label);
  field.group = node["group"].value_or(std::string());
  field.repeats = node["repeats"].value_or(false);
  field.multi = node["multi"].value_or(false);
  field.secret = node["secret"].value_or(false);
  if (const toml::table* values = node["values"].as_table()) {
    for (const auto& [value, aliases] : *values) {
      EnumValue entry{std::string(value.str()), {}};
      for (const std::string& alias : Strings(toml::node_view<const toml::node>(&aliases))) {
        entry.aliases.push_back(text::FoldForMatching(alias));
      }
      entry.aliases.push_back(text::FoldForMatching(entry.value));
      field.values.push_back(std::move(entry));
    }
  }
  if (field.type == FieldType::kEnum && field.values.empty()) {
    return SchemaError(fmt::format("field {}: an enum needs values", id));
  }
  return field;
}

Status CheckFieldsExist(const Schema& schema, const ProfileSpec& profile,
                        const std::vector<std::string>& fields, std::string_view list) {
  for (const std::string& field : fields) {
    if (!schema.Field(field)) {
      return SchemaError(
          fmt::format("profile {}: {} names unknown field '{}'", profile.id, list, field));
    }
    if (list != "fields" && !profile.Has(field)) {
      return SchemaError(fmt::format("profile {}: {} names '{}', which is not in its fields",
                                     profile.id, list, field));
    }
  }
  return {};
}

Result<ProfileSpec> ReadProfile(const Schema& schema, std::string_view id,
                                const toml::table& table) {
  ProfileSpec profile;
  profile.id = std::string(id);
  const toml::node_view<const toml::node> node(static_cast<const toml::node*>(&table));
  profile.label = ReadLabels(node["label"], id);
  for (const std::string& name : Strings(node["names"])) {
    profile.names.push_back(text::FoldForMatching(name));
  }
  profile.fields = Strings(node["fields"]);
  profile.shown = Strings(node["shown"]);
  profile.required = Strings(node["required"]);
  if (profile.shown.empty()) profile.shown = profile.fields;
  for (const auto& [list, fields] :
       {std::pair{"fields", &profile.fields}, std::pair{"shown", &profile.shown},
        std::pair{"required", &profile.required}}) {
    if (Status status = CheckFieldsExist(schema, profile, *fields, list); !status) {
      return status.error();
    }
  }
  if (const toml::table* unless = node["required_unless"].as_table()) {
    for (const auto& [field, other] : *unless) {
      const std::string excuse = other.value_or(std::string());
      for (const std::string& named : {std::string(field.str()), excuse}) {
        if (!profile.Has(named)) {
          return SchemaError(
              fmt::format("profile {}: required_unless names '{}', which is not in its fields",
                          profile.id, named));
        }
      }
      profile.required_unless[std::string(field.str())] = excuse;
    }
  }
  if (const toml::table* aliases = node["aliases"].as_table()) {
    for (const auto& [field, list] : *aliases) {
      profile.aliases[std::string(field.str())] =
          AliasKeys(Strings(toml::node_view<const toml::node>(&list)), Labels{});
    }
  }
  return profile;
}

}  // namespace

std::string_view FieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::kText:
      return "text";
    case FieldType::kDate:
      return "date";
    case FieldType::kEmail:
      return "email";
    case FieldType::kPhone:
      return "phone";
    case FieldType::kBoolean:
      return "boolean";
    case FieldType::kEnum:
      return "enum";
    case FieldType::kGroupList:
      return "group_list";
  }
  return "text";
}

bool ProfileSpec::Has(std::string_view field) const {
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

bool ProfileSpec::Requires(std::string_view field) const {
  return std::find(required.begin(), required.end(), field) != required.end();
}

bool ProfileSpec::IsRequiredSomehow(std::string_view field) const {
  return Requires(field) || required_unless.find(std::string(field)) != required_unless.end();
}

const std::string* ProfileSpec::Excuse(std::string_view field) const {
  if (Requires(field)) return nullptr;
  const auto found = required_unless.find(std::string(field));
  return found == required_unless.end() ? nullptr : &found->second;
}

const FieldSpec* Schema::Field(std::string_view id) const {
  for (const FieldSpec& field : fields_) {
    if (field.id == id) return &field;
  }
  return nullptr;
}

const ProfileSpec* Schema::Profile(std::string_view id) const {
  for (const ProfileSpec& profile : profiles_) {
    if (profile.id == id) return &profile;
  }
  return nullptr;
}

const ProfileSpec* Schema::ProfileNamed(std::string_view word) const {
  if (const ProfileSpec* profile = Profile(word)) return profile;
  const std::string folded = text::FoldForMatching(word);
  for (const ProfileSpec& profile : profiles_) {
    if (std::find(profile.names.begin(), profile.names.end(), folded) != profile.names.end()) {
      return &profile;
    }
  }
  return nullptr;
}

namespace {

std::vector<std::string> LowerCaseAll(std::vector<std::string> words) {
  for (std::string& word : words) {
    std::transform(word.begin(), word.end(), word.begin(), [](char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
  }
  return words;
}

std::vector<std::string> ReservedLogins(const toml::table& root) {
  return LowerCaseAll(
      Strings(toml::node_view<const toml::node>(root["logins"]["reserved"].node())));
}

}  // namespace

Result<Schema> ParseSchema(std::string_view toml_text) {
  toml::table root;
  try {
    root = toml::parse(toml_text);
  } catch (const toml::parse_error& error) {
    return SchemaError(fmt::format("line {}: {}", error.source().begin.line, error.description()));
  }
  Schema schema;
  if (const toml::table* fields = root["fields"].as_table()) {
    for (const auto& [id, node] : *fields) {
      if (!node.is_table()) return SchemaError(fmt::format("field {} is not a table", id.str()));
      Result<FieldSpec> field = ReadField(id.str(), *node.as_table());
      if (!field) return field.error();
      schema.fields_.push_back(std::move(field).value());
    }
  }
  if (const toml::table* profiles = root["profiles"].as_table()) {
    for (const auto& [id, node] : *profiles) {
      if (!node.is_table()) return SchemaError(fmt::format("profile {} is not a table", id.str()));
      Result<ProfileSpec> profile = ReadProfile(schema, id.str(), *node.as_table());
      if (!profile) return profile.error();
      schema.profiles_.push_back(std::move(profile).value());
    }
  }
  if (schema.profiles_.empty()) return SchemaError("no profiles");
  schema.reserved_logins_ = ReservedLogins(root);
  return schema;
}

Schema DefaultSchema() {
  Result<Schema> schema = ParseSchema(DefaultSchemaText());
  ROLLCALL_CHECK(schema.has_value());
  return std::move(schema).value();
}

Status ApplyDeployment(Schema& schema, std::string_view toml_text) {
  toml::table root;
  try {
    root = toml::parse(toml_text);
  } catch (const toml::parse_error& error) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("deployment file, line {}: {}", error.source().begin.line,
                                 error.description()));
  }
  if (root["logins"]["reserved"].is_array()) schema.reserved_logins_ = ReservedLogins(root);
  const toml::table* templates = root["templates"].as_table();
  if (!templates) return {};
  for (const auto& [profile_id, node] : *templates) {
    // A named copy: clang 14 cannot capture a structured binding in a lambda.
    const std::string_view wanted = profile_id.str();
    auto profile = std::find_if(schema.profiles_.begin(), schema.profiles_.end(),
                                [&](const ProfileSpec& p) { return p.id == wanted; });
    if (profile == schema.profiles_.end()) {
      return SchemaError(fmt::format("deployment names unknown profile '{}'", profile_id.str()));
    }
    const toml::node_view<const toml::node> view(&node);
    std::vector<std::string> show = Strings(view["show"]);
    std::vector<std::string> require = Strings(view["require"]);
    for (const auto& [list, fields] : {std::pair{"show", &show}, std::pair{"require", &require}}) {
      if (Status status = CheckFieldsExist(schema, *profile, *fields, list); !status) return status;
    }
    if (!show.empty()) profile->shown = std::move(show);
    for (std::string& field : require) {
      profile->required_unless.erase(field);
      if (!profile->Requires(field)) profile->required.push_back(std::move(field));
    }
  }
  return {};
}

}  // namespace rollcall::mapping
