// A draft's plan row by row, for a person reviewing it (`imports show --rows`, later the wizard's
// preview): each row's file, line, operation, status, who it is, the changes old → new, the cells
// an administrator edited, and its messages in the reader's language.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "base/language.hpp"
#include "service/import_service.hpp"

namespace rollcall::service {

// {"file", "line", "profile", "operation", "status", "login", "name", "changes": [{"field",
// "before", "after"}], "edits": [{"column", "before", "after"}], "messages": [{"severity",
// "code", "message"}]} per row, in plan order.
nlohmann::ordered_json ImportRowsJson(const Analysis& analysis, Language language);

// One line per row, then its messages indented.
std::string ImportRowsText(const Analysis& analysis, Language language);

}  // namespace rollcall::service
