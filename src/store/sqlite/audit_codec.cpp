#include "store/sqlite/audit_codec.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "store/sqlite/json_text.hpp"
#include "text/utf8.hpp"

namespace rollcall::store::sqlite {
namespace {

using nlohmann::json;

// Written by hand (json_text.hpp): three entries per created person make a general JSON
// library's value tree the largest cost of a bulk import. Keys in alphabetical order, as
// nlohmann::json wrote them before, so that old and new entries read alike.
void Write(const directory::Account& account, std::string& out) {
  JsonObjectWriter object(out);
  JsonObjectWriter attributes(object.Member("attributes"));
  for (const auto& [field, value] : account.attributes) attributes.String(field, value);
  attributes.Close();
  object.String("birth_date", account.birth_date)
      .String("created_at", account.created_at)
      .String("entity", "account")
      .String("first_name", account.first_name)
      .Int("id", account.id)
      .String("last_name", account.last_name)
      .String("login", account.login)
      .String("purge_date", account.purge_date)
      .String("state", directory::AccountStateName(account.state))
      .String("updated_at", account.updated_at)
      .Close();
}

// Keys in sorted order, as json::dump writes them. An empty match key is left out, so audit rows
// of affiliations without one read as they did before the key existed.
void Write(const directory::Affiliation& affiliation, std::string& out) {
  JsonObjectWriter writer(out);
  writer.Int("account", affiliation.account)
      .Bool("active", affiliation.active)
      .String("ended_at", affiliation.ended_at)
      .String("entity", "affiliation")
      .String("external_id", affiliation.external_id)
      .Int("id", affiliation.id);
  if (!affiliation.match_key.empty()) writer.String("match_key", affiliation.match_key);
  writer.Int("org", affiliation.org)
      .String("profile", affiliation.profile)
      .String("source", affiliation.source)
      .Close();
}

void Write(const directory::Group& group, std::string& out) {
  JsonObjectWriter(out)
      .Bool("archived", group.archived)
      .String("entity", "group")
      .Int("id", group.id)
      .String("kind", directory::GroupKindName(group.kind))
      .String("name", group.name)
      .Int("org", group.org)
      .String("period", group.period)
      .String("source", group.source)
      .Close();
}

void Write(const directory::Membership& membership, std::string& out) {
  JsonObjectWriter(out)
      .Int("account", membership.account)
      .String("entity", "membership")
      .Int("group", membership.group)
      .String("source", membership.source)
      .Close();
}

void Write(const directory::GuardianLink& link, std::string& out) {
  JsonObjectWriter(out)
      .Int("child", link.child)
      .String("entity", "link")
      .Int("guardian", link.guardian)
      .String("source", link.source)
      .Close();
}

void Write(const directory::RoleAssignment& assignment, std::string& out) {
  JsonObjectWriter(out)
      .Int("account", assignment.account)
      .String("entity", "role_assignment")
      .Int("role", assignment.role)
      .String("source", assignment.source)
      .Close();
}

// Roles are few (a file of dozens): nlohmann's tree is cheap enough for their nested lists.
json ToJson(const directory::CustomRole& role) {
  json access = json::array();  // pairs, so that the role's entity order survives
  for (const directory::RoleAccess& entry : role.access) {
    access.push_back(json::array({entry.entity, entry.levels}));
  }
  return {{"entity", "custom_role"},
          {"id", role.id},
          {"name", role.name},
          {"name_key", role.name_key},
          {"description", role.description},
          {"access", std::move(access)},
          {"all_catalogs", role.all_catalogs},
          {"catalogs", role.catalogs},
          {"user_group_scope", role.user_group_scope},
          {"user_group_name", role.user_group_name},
          {"user_group_value", role.user_group_value},
          {"source", role.source},
          {"created_at", role.created_at},
          {"updated_at", role.updated_at}};
}

json ToJson(const directory::Boxed<directory::CustomRole>& role) { return ToJson(*role); }

void Write(const directory::Boxed<directory::CustomRole>& role, std::string& out) {
  out += ToJson(*role).dump(-1, ' ', false, json::error_handler_t::replace);
}

// Values come from decoded files and are valid UTF-8; should a bug upstream break that, the
// entity is written through nlohmann, which replaces the bad bytes.
json ToJson(const directory::Account& account) {
  json attributes = json::object();
  for (const auto& [field, value] : account.attributes) attributes[field] = value;
  return {{"entity", "account"},
          {"id", account.id},
          {"login", account.login},
          {"last_name", account.last_name},
          {"first_name", account.first_name},
          {"birth_date", account.birth_date},
          {"attributes", std::move(attributes)},
          {"state", directory::AccountStateName(account.state)},
          {"purge_date", account.purge_date},
          {"created_at", account.created_at},
          {"updated_at", account.updated_at}};
}

json ToJson(const directory::Affiliation& affiliation) {
  json object = {{"entity", "affiliation"},
                 {"id", affiliation.id},
                 {"account", affiliation.account},
                 {"org", affiliation.org},
                 {"profile", affiliation.profile},
                 {"source", affiliation.source},
                 {"external_id", affiliation.external_id},
                 {"active", affiliation.active},
                 {"ended_at", affiliation.ended_at}};
  if (!affiliation.match_key.empty()) object["match_key"] = affiliation.match_key;
  return object;
}

json ToJson(const directory::Group& group) {
  return {{"entity", "group"},          {"id", group.id},
          {"org", group.org},           {"kind", directory::GroupKindName(group.kind)},
          {"name", group.name},         {"period", group.period},
          {"archived", group.archived}, {"source", group.source}};
}

json ToJson(const directory::Membership& membership) {
  return {{"entity", "membership"},
          {"account", membership.account},
          {"group", membership.group},
          {"source", membership.source}};
}

json ToJson(const directory::GuardianLink& link) {
  return {{"entity", "link"},
          {"guardian", link.guardian},
          {"child", link.child},
          {"source", link.source}};
}

json ToJson(const directory::RoleAssignment& assignment) {
  return {{"entity", "role_assignment"},
          {"account", assignment.account},
          {"role", assignment.role},
          {"source", assignment.source}};
}

Error Corrupt(std::string_view detail) {
  return MakeError(ErrorCode::kCorrupt, fmt::format("audit entry: {}", detail));
}

// Throws json::exception on a missing key or a wrong type; the caller turns it into kCorrupt.
directory::EntityState CustomRoleFromJson(const json& object) {
  directory::CustomRole role;
  role.id = object.at("id").get<directory::Id>();
  role.name = object.at("name").get<std::string>();
  role.name_key = object.at("name_key").get<std::string>();
  role.description = object.at("description").get<std::string>();
  for (const json& entry : object.at("access")) {
    role.access.push_back({entry.at(0).get<std::string>(), entry.at(1).get<std::string>()});
  }
  role.all_catalogs = object.at("all_catalogs").get<bool>();
  role.catalogs = object.at("catalogs").get<std::vector<std::string>>();
  role.user_group_scope = object.at("user_group_scope").get<std::string>();
  role.user_group_name = object.at("user_group_name").get<std::string>();
  role.user_group_value = object.at("user_group_value").get<std::string>();
  role.source = object.at("source").get<std::string>();
  role.created_at = object.at("created_at").get<std::string>();
  role.updated_at = object.at("updated_at").get<std::string>();
  return directory::EntityState(directory::Boxed<directory::CustomRole>(std::move(role)));
}

// Throws json::exception on a missing key or a wrong type; the caller turns it into kCorrupt.
Result<directory::EntityState> FromJson(const json& object) {
  const std::string entity = object.at("entity").get<std::string>();
  if (entity == "account") {
    directory::Account account;
    account.id = object.at("id").get<directory::Id>();
    account.login = object.at("login").get<std::string>();
    account.last_name = object.at("last_name").get<std::string>();
    account.first_name = object.at("first_name").get<std::string>();
    account.birth_date = object.at("birth_date").get<std::string>();
    for (const auto& [field, value] : object.at("attributes").items()) {
      account.attributes.Set(field, value.get<std::string>());
    }
    const std::optional<directory::AccountState> state =
        directory::ParseAccountState(object.at("state").get<std::string>());
    if (!state) return Corrupt("unknown account state");
    account.state = *state;
    account.purge_date = object.at("purge_date").get<std::string>();
    account.created_at = object.at("created_at").get<std::string>();
    account.updated_at = object.at("updated_at").get<std::string>();
    return directory::EntityState(std::move(account));
  }
  if (entity == "affiliation") {
    return directory::EntityState(directory::Affiliation{
        object.at("id").get<directory::Id>(), object.at("account").get<directory::Id>(),
        object.at("org").get<directory::Id>(), object.at("profile").get<std::string>(),
        object.at("source").get<std::string>(), object.at("external_id").get<std::string>(),
        object.at("active").get<bool>(), object.at("ended_at").get<std::string>(),
        object.value("match_key", std::string())});
  }
  if (entity == "group") {
    const std::optional<directory::GroupKind> kind =
        directory::ParseGroupKind(object.at("kind").get<std::string>());
    if (!kind) return Corrupt("unknown group kind");
    return directory::EntityState(directory::Group{
        object.at("id").get<directory::Id>(), object.at("org").get<directory::Id>(), *kind,
        object.at("name").get<std::string>(), object.at("period").get<std::string>(),
        object.at("archived").get<bool>(), object.at("source").get<std::string>()});
  }
  if (entity == "membership") {
    return directory::EntityState(directory::Membership{object.at("account").get<directory::Id>(),
                                                        object.at("group").get<directory::Id>(),
                                                        object.at("source").get<std::string>()});
  }
  if (entity == "link") {
    return directory::EntityState(directory::GuardianLink{
        object.at("guardian").get<directory::Id>(), object.at("child").get<directory::Id>(),
        object.at("source").get<std::string>()});
  }
  if (entity == "custom_role") return CustomRoleFromJson(object);
  if (entity == "role_assignment") {
    return directory::EntityState(directory::RoleAssignment{
        object.at("account").get<directory::Id>(), object.at("role").get<directory::Id>(),
        object.at("source").get<std::string>()});
  }
  return Corrupt(fmt::format("unknown entity '{}'", entity));
}

}  // namespace

std::string EncodeEntityState(const directory::EntityState& state) {
  return std::visit(
      [](const auto& entity) -> std::string {
        if constexpr (std::is_same_v<std::decay_t<decltype(entity)>, std::monostate>) {
          return "";
        } else {
          std::string out;
          Write(entity, out);
          if (text::IsValidUtf8(out)) return out;
          return ToJson(entity).dump(-1, ' ', false, json::error_handler_t::replace);
        }
      },
      state);
}

Result<directory::EntityState> DecodeEntityState(std::string_view text) {
  if (text.empty()) return directory::EntityState();
  try {
    const json object = json::parse(text);
    if (!object.is_object()) return Corrupt("not an object");
    return FromJson(object);
  } catch (const json::exception& error) {
    return Corrupt(error.what());
  }
}

}  // namespace rollcall::store::sqlite
