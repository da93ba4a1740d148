#include "directory/model.hpp"

#include <algorithm>

namespace rollcall::directory {
namespace {

template <class Enum, std::size_t N>
std::optional<Enum> ParseName(const std::pair<Enum, std::string_view> (&names)[N],
                              std::string_view name) {
  for (const auto& [value, text] : names) {
    if (text == name) return value;
  }
  return std::nullopt;
}

template <class Enum, std::size_t N>
std::string_view NameOf(const std::pair<Enum, std::string_view> (&names)[N], Enum value) {
  for (const auto& [candidate, text] : names) {
    if (candidate == value) return text;
  }
  return "unknown";
}

constexpr std::pair<AccountState, std::string_view> kAccountStates[] = {
    {AccountState::kActive, "active"},
    {AccountState::kPendingConsent, "pending_consent"},
    {AccountState::kPendingDeletion, "pending_deletion"},
    {AccountState::kDeleted, "deleted"}};

constexpr std::pair<GroupKind, std::string_view> kGroupKinds[] = {
    {GroupKind::kClass, "class"},
    {GroupKind::kCourse, "course"},
    {GroupKind::kGroup, "group"},
    {GroupKind::kProtected, "protected"}};

constexpr std::pair<ImportState, std::string_view> kImportStates[] = {
    {ImportState::kDraft, "draft"},         {ImportState::kAnalyzed, "analyzed"},
    {ImportState::kApplying, "applying"},   {ImportState::kApplied, "applied"},
    {ImportState::kCancelled, "cancelled"}, {ImportState::kFailed, "failed"},
    {ImportState::kReverted, "reverted"}};

}  // namespace

std::string_view AccountStateName(AccountState state) { return NameOf(kAccountStates, state); }
std::optional<AccountState> ParseAccountState(std::string_view name) {
  return ParseName(kAccountStates, name);
}
std::string_view GroupKindName(GroupKind kind) { return NameOf(kGroupKinds, kind); }
std::optional<GroupKind> ParseGroupKind(std::string_view name) {
  return ParseName(kGroupKinds, name);
}
std::string_view ImportStateName(ImportState state) { return NameOf(kImportStates, state); }
std::optional<ImportState> ParseImportState(std::string_view name) {
  return ParseName(kImportStates, name);
}

std::string_view Account::Attribute(std::string_view field) const { return attributes.Get(field); }

void Account::SetAttribute(std::string_view field, std::string value) {
  attributes.Set(field, value);
}

}  // namespace rollcall::directory
