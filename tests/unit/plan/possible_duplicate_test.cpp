// The possible-duplicate warning against thousands of namesakes: 1,000 rows against 30,000
// namesakes took 8 min 40 s (every candidate compared and searched for in the list). The warning
// names a bounded number of logins and counts the others.
#include <gmock/gmock.h>

#include <algorithm>

#include "plan_fixture.hpp"

namespace rollcall::plan::testing {
namespace {

using PossibleDuplicateTest = PlanFixture;

TEST_F(PossibleDuplicateTest, ThousandsOfNamesakesAreListedBoundedWithAndWithoutBirthDate) {
  for (int person = 0; person < 3'000; ++person) {
    AddPerson("MARTIN", "Marie", "teacher", "manual", "", person % 2 == 0 ? "2000-01-01" : "");
  }
  // Distinct external ids: no in-file duplicates, every row a creation.
  std::string file = "Identifiant;Nom;Prénom;Date de naissance\n";
  for (int row = 0; row < 300; ++row) {
    file += "T" + std::to_string(row) +
            (row % 2 == 0 ? ";MARTIN;Marie;01/01/2000\n" : ";MARTIN;Marie;\n");
  }
  AddFile("teacher", file);
  const Plan plan = MakeThePlan();
  ASSERT_EQ(plan.rows.size(), 300u);
  for (const RowPlan& row : plan.rows) {
    const auto warning =
        std::find_if(row.diagnostics.begin(), row.diagnostics.end(),
                     [](const Diagnostic& d) { return d.code == "possible_duplicate"; });
    ASSERT_NE(warning, row.diagnostics.end()) << row.line;
    const std::string_view logins = warning->Param("logins");
    EXPECT_LE(std::count(logins.begin(), logins.end(), ','), 19) << logins;  // 20 names at most
    EXPECT_FALSE(warning->Param("more").empty()) << logins;
  }
}

}  // namespace
}  // namespace rollcall::plan::testing
