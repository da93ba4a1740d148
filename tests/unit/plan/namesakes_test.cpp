// Namesakes (issue 14): people of the same names whom only the rest of their rows tell apart are
// found again by it, and many namesakes cost neither time nor memory per row.
#include <gmock/gmock.h>

#include "plan/match_key.hpp"
#include "plan_fixture.hpp"

namespace rollcall::plan::testing {
namespace {

using ::testing::ElementsAre;

using NamesakesTest = PlanFixture;

TEST_F(NamesakesTest, NamesakesWithDifferentEmailsEachFindTheirOwnAccount) {
  const directory::Id first = AddPerson("MARTIN", "Marie", "teacher");
  AccountOf(first).SetAttribute("email", "marie.martin@ecole-a.fr");
  const directory::Id second = AddPerson("MARTIN", "Marie", "teacher");
  AccountOf(second).SetAttribute("email", "m.martin@ecole-a.fr");
  AddFile("teacher",
          "Nom;Prénom;Email\nMARTIN;Marie;M.Martin@ecole-a.fr\n"
          "MARTIN;Marie;marie.martin@ecole-a.fr\n");
  const Plan plan = MakeThePlan();
  // E-mails match whatever their case; the file's spelling is then written.
  EXPECT_THAT(Operations(plan), ElementsAre("update", "unchanged"));
  EXPECT_EQ(plan.rows[0].person.account, second);
  EXPECT_EQ(plan.rows[1].person.account, first);
  EXPECT_FALSE(plan.blocked);
}

TEST_F(NamesakesTest, NamesakesInDifferentClassesEachFindTheirOwnAccount) {
  const directory::Id first = AddPerson("MARTIN", "Marie", "teacher");
  Enrol(first, AddGroup("6A"));
  const directory::Id second = AddPerson("MARTIN", "Marie", "teacher");
  Enrol(second, AddGroup("5B"));
  AddFile("teacher", "Nom;Prénom;Classe\nMARTIN;Marie;5B\nMARTIN;Marie;6A\n");
  const Plan plan = MakeThePlan();
  EXPECT_THAT(Operations(plan), ElementsAre("unchanged", "unchanged"));
  EXPECT_EQ(plan.rows[0].person.account, second);
  EXPECT_EQ(plan.rows[1].person.account, first);
}

// An administrator changed one namesake's e-mail by hand: nothing in the directory tells the two
// apart any more, but the affiliation remembers the row that wrote it.
TEST_F(NamesakesTest, NamesakeFoundByTheKeyOfItsRowAfterAHandEdit) {
  const directory::Id first = AddPerson("MARTIN", "Marie", "teacher");
  const directory::Id second = AddPerson("MARTIN", "Marie", "teacher");
  const PlanFile& file = AddFile("teacher", "Nom;Prénom;Email\nMARTIN;Marie;m.martin@ecole-a.fr\n");
  snapshot_.affiliations[1].match_key = RowMatchKey("teacher", file.records->records[0]);
  const Plan plan = MakeThePlan();
  EXPECT_THAT(Operations(plan), ElementsAre("update"));
  EXPECT_EQ(plan.rows[0].person.account, second);
  EXPECT_EQ(plan.rows[0].match_key, snapshot_.affiliations[1].match_key);
  EXPECT_NE(plan.rows[0].person.account, first);
}

TEST_F(NamesakesTest, NamesakesNothingTellsApartAreStillAConflict) {
  AddPerson("MARTIN", "Marie", "teacher");
  AddPerson("MARTIN", "Marie", "teacher");
  AddFile("teacher", "Nom;Prénom;Email\nMARTIN;Marie;marie@ecole-a.fr\n");
  const Plan plan = MakeThePlan();
  EXPECT_THAT(Operations(plan), ElementsAre("skip"));
  EXPECT_THAT(Codes(plan.rows[0]), ElementsAre("conflict"));
}

TEST_F(NamesakesTest, RowKeyIgnoresTheOrderOfClassesAndTheCaseOfNames) {
  const PlanFile& file = AddFile("teacher",
                                 "Nom;Prénom;Classe\nMARTIN;Marie;6A|5B\nMartin;MARIE;5B|6A\n"
                                 "MARTIN;Marie;6A\n");
  const auto& rows = file.records->records;
  EXPECT_EQ(RowMatchKey("teacher", rows[0]), RowMatchKey("teacher", rows[1]));
  EXPECT_NE(RowMatchKey("teacher", rows[0]), RowMatchKey("teacher", rows[2]));
  EXPECT_NE(RowMatchKey("teacher", rows[0]), RowMatchKey("student", rows[0]));
  EXPECT_EQ(RowMatchKey("teacher", rows[0]).size(), 16u);
}

// Issue 14: 1,000 rows against 30,000 namesakes born the same day took 8 min 40 s, and each
// row's warning would list all 30,000 logins.
TEST_F(NamesakesTest, PossibleDuplicateCheckOfThirtyThousandNamesakesStaysBounded) {
  for (int account_idx = 0; account_idx < 30000; ++account_idx) {
    AddPerson("MARTIN", "Marie", "student", "manual", "", "2015-03-04");
  }
  AddPerson("MARTINE", "Marie", "student", "manual", "", "2015-03-04");
  AddPerson("DURAND", "Paul", "student", "manual", "", "2015-03-04");
  std::string csv = "Identifiant;Nom;Prénom;Date de naissance\n";
  for (int row_idx = 0; row_idx < 1000; ++row_idx) {
    csv += "N" + std::to_string(row_idx) + ";MARTIN;Marie;04/03/2015\n";
  }
  AddFile("student", csv);
  const Plan plan = MakeThePlan();
  ASSERT_EQ(plan.rows.size(), 1000u);
  for (const RowPlan& row : plan.rows) {
    ASSERT_EQ(row.operation, Operation::kCreate);
    ASSERT_THAT(Codes(row), ElementsAre("possible_duplicate"));
    const std::string logins(row.diagnostics[0].Param("logins"));
    ASSERT_EQ(std::count(logins.begin(), logins.end(), ','), 19);  // 20 listed
    ASSERT_EQ(row.diagnostics[0].Param("more"), "29981");          // 30,000 + MARTINE - 20
  }
  EXPECT_EQ(plan.rows[0].diagnostics[0].Param("logins").substr(0, 17), "marie.martin100, ");
}

}  // namespace
}  // namespace rollcall::plan::testing
