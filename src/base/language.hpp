// The languages Rollcall speaks to people (labels, messages, templates).
#pragma once

#include <optional>
#include <string_view>

namespace rollcall {

enum class Language { kEn, kFr, kDe };

// "en", "fr", "de".
std::optional<Language> ParseLanguage(std::string_view code);
std::string_view LanguageCode(Language language);

}  // namespace rollcall
