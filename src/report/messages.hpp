// The sentences people read: diagnostics rendered from their stable `code` and `params`, in
// French, German or English. Unknown codes fall back to the code itself, so a new diagnostic is
// never hidden for want of a translation.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostic.hpp"
#include "base/language.hpp"

namespace rollcall::report {

std::string RenderMessage(const Diagnostic& diagnostic, Language language);

// A short UI label ("rows", "header", …) in `language`; the key itself when unknown.
std::string_view Label(std::string_view key, Language language);

}  // namespace rollcall::report
