#include "base/language.hpp"

namespace rollcall {

std::optional<Language> ParseLanguage(std::string_view code) {
  if (code == "en") return Language::kEn;
  if (code == "fr") return Language::kFr;
  if (code == "de") return Language::kDe;
  return std::nullopt;
}

std::string_view LanguageCode(Language language) {
  switch (language) {
    case Language::kEn:
      return "en";
    case Language::kFr:
      return "fr";
    case Language::kDe:
      return "de";
  }
  return "en";
}

}  // namespace rollcall
