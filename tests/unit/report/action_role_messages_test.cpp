// Every diagnostic of action and role files reads as a sentence in each language, with all of its
// params filled in.
#include <gtest/gtest.h>

#include "report/messages.hpp"

namespace rollcall::report {
namespace {

TEST(ActionRoleMessagesTest, EveryCodeHasASentenceInEveryLanguage) {
  const char* const codes[] = {"action_header_line",
                               "unknown_action",
                               "action_too_few_fields",
                               "action_too_many_fields",
                               "role_file_without_entities",
                               "unknown_access_level",
                               "none_combined_with_levels",
                               "empty_scope",
                               "full_scope_with_names",
                               "several_user_group_scopes",
                               "invalid_user_group_scope",
                               "scope_widened_to_full",
                               "duplicate_role_name",
                               "unknown_scope_group",
                               "user_role_replaced",
                               "user_role_repeated",
                               "unknown_role",
                               "role_name_taken",
                               "role_still_assigned",
                               "unknown_email",
                               "ambiguous_email",
                               "hand_made_role_kept",
                               "file_role_replaced",
                               "role_deleted",
                               "role_assignment_removed",
                               "role_assignment_removed_with_role"};
  Diagnostic diagnostic;
  for (const char* key : {"first_cell", "action", "expected", "actual", "format", "value", "entity",
                          "field", "name", "first_line", "group", "email", "previous_role",
                          "previous_line", "role", "count", "login", "source"}) {
    diagnostic.params.emplace_back(key, "x");
  }
  for (const char* code : codes) {
    diagnostic.code = code;
    for (Language language : {Language::kEn, Language::kFr, Language::kDe}) {
      const std::string message = RenderMessage(diagnostic, language);
      EXPECT_EQ(message.find(code), std::string::npos) << code << " has no sentence";
      EXPECT_EQ(message.find('{'), std::string::npos) << message;
    }
  }
}

}  // namespace
}  // namespace rollcall::report
