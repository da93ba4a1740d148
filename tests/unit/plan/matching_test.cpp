// The matching cases of DESIGN.md §2.5 and issue 4, and the plan's determinism.
#include <gmock/gmock.h>

#include "plan_fixture.hpp"

namespace rollcall::plan::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using MatchingTest = PlanFixture;

TEST_F(MatchingTest, ExternalIdMatchesAndNameChangeIsAnUpdate) {
  // MNSpro delta import: the pupil changed name and class; same reference id.
  const directory::Id pupil = AddPerson("Meier", "Lena", "student", "csv", "4711");
  Enrol(pupil, AddGroup("5a"));
  AddFile("student", "Referenz-ID;Vorname;Nachname;Gruppen#Klasse\n4711;Lena;Schulz;6a\n");
  const Plan plan = MakeThePlan();
  ASSERT_THAT(Operations(plan), ElementsAre("update"));
  EXPECT_EQ(plan.rows[0].person.account, pupil);
  ASSERT_EQ(plan.rows[0].changes.size(), 1u);
  EXPECT_EQ(plan.rows[0].changes[0].field, "last_name");
  EXPECT_EQ(plan.rows[0].changes[0].before, "Meier");
  EXPECT_EQ(plan.rows[0].changes[0].after, "Schulz");
  EXPECT_EQ(plan.counts.by_operation.at("enroll"), 1u);
  EXPECT_EQ(plan.counts.by_operation.at("unenroll"), 1u);
  EXPECT_EQ(plan.counts.by_operation.at("create"), 0u);
}

TEST_F(MatchingTest, SameSourceInAnotherOrgGainsAnAffiliationNotASecondAccount) {
  const directory::Id teacher =
      AddPerson("DURAND", "Annie", "teacher", "csv", "T-42", "", /*org=*/2);
  AddFile("teacher", "externalid;Nom;Prénom\nT-42;DURAND;Annie\n");
  const Plan plan = MakeThePlan();
  ASSERT_THAT(Operations(plan), ElementsAre("update"));
  EXPECT_EQ(plan.rows[0].person.account, teacher);
  EXPECT_TRUE(plan.rows[0].new_affiliation);
}

TEST_F(MatchingTest, WithoutExternalIdNamesAndBirthDateMatch) {
  const directory::Id pupil = AddPerson("RAISON", "Pablo", "student", "csv", "", "2013-10-16");
  AddFile("student", "Nom;Prénom;Date de naissance\nRaison;PABLO;16/10/2013\n");
  const Plan plan = MakeThePlan();
  EXPECT_THAT(Operations(plan), ElementsAre("update"));  // the case of the names changed
  EXPECT_EQ(plan.rows[0].person.account, pupil);
}

TEST_F(MatchingTest, TwoCandidatesAreAConflictTheUserResolves) {
  const directory::Id first = AddPerson("MARTIN", "Lucas", "student", "csv", "", "2015-01-01");
  AddPerson("MARTIN", "Lucas", "student", "csv", "", "2015-01-01");
  AddFile("student", "Nom;Prénom;Date de naissance\nMARTIN;Lucas;01/01/2015\n");
  Plan plan = MakeThePlan();
  ASSERT_THAT(Operations(plan), ElementsAre("skip"));
  EXPECT_THAT(Codes(plan.rows[0]), ElementsAre("conflict"));
  EXPECT_TRUE(plan.blocked);
  files_[0].decisions[2].match = first;
  plan = MakeThePlan();
  EXPECT_THAT(Operations(plan), ElementsAre("unchanged"));
  EXPECT_EQ(plan.rows[0].person.account, first);
  files_[0].decisions[2] = RowDecision{false, std::nullopt, /*create_new=*/true};
  EXPECT_THAT(Operations(MakeThePlan()), ElementsAre("create"));
}

TEST_F(MatchingTest, SameExternalIdTwiceInTheFileIsAnErrorOnTheSecondRow) {
  AddFile("student", "Quell-Id;Nachname;Vorname\nS1;KAYA;Ali\nS1;KAYA;Aliye\n");
  const Plan plan = MakeThePlan();
  EXPECT_THAT(Operations(plan), ElementsAre("create", "skip"));
  EXPECT_THAT(Codes(plan.rows[1]), ElementsAre("duplicate_external_id"));
  EXPECT_EQ(plan.rows[1].diagnostics[0].Param("first_line"), "2");
}

// Known ids are tracked by account, new ones by the id: both kinds of repeat are caught, and a
// row naming an unknown id among known ones does not trip over the per-account table.
TEST_F(MatchingTest, SameKnownExternalIdTwiceInTheFileIsAnErrorOnTheSecondRow) {
  AddPerson("KAYA", "Ali", "student", "csv", "S1");
  AddFile("student", "Quell-Id;Nachname;Vorname\nS1;KAYA;Ali\nS2;NEU;Nina\nS1;KAYA;Aliye\n");
  const Plan plan = MakeThePlan();
  EXPECT_THAT(Operations(plan), ElementsAre("unchanged", "create", "skip"));
  EXPECT_THAT(Codes(plan.rows[2]), ElementsAre("duplicate_external_id"));
  EXPECT_EQ(plan.rows[2].diagnostics[0].Param("first_line"), "2");
}

TEST_F(MatchingTest, SamePersonTwiceInTheFileIsAWarning) {
  AddFile("guardian", "Nom;Prénom\nCHARDOT;Aline\nCHARDOT;Aline\n");
  const Plan plan = MakeThePlan();
  EXPECT_THAT(Operations(plan), ElementsAre("create", "create"));
  EXPECT_THAT(Codes(plan.rows[1]), ElementsAre("duplicate_person"));
  EXPECT_FALSE(plan.blocked);
}

TEST_F(MatchingTest, PossibleDuplicateOfAnExistingPerson) {
  AddPerson("POULAD-MALIN", "Hervé", "student", "manual", "", "2000-01-02");
  AddFile("student", "Nom;Prénom;Date de naissance\nPOULAD MALIN;Herve;02/01/2000\n");
  const Plan plan = MakeThePlan();
  EXPECT_THAT(Operations(plan), ElementsAre("create"));
  EXPECT_THAT(Codes(plan.rows[0]), ElementsAre("possible_duplicate"));
}

TEST_F(MatchingTest, ChildrenByExternalIdOrNameAndClass) {
  const directory::Id emma = AddPerson("PETIT", "Emma", "student", "csv", "E1");
  const directory::Id noah = AddPerson("PETIT", "Noah", "student", "csv");
  Enrol(noah, AddGroup("CP"));
  AddFile("guardian",
          "Nom;Prénom;Childexternalid;Nom de famille enfant 2;Prénom enfant 2;Classes enfants 2\n"
          "PETIT;Marc;E1;PETIT;Noah;CP\n"
          "PETIT;Julie;;PETIT;Jade;CE2\n");
  const Plan plan = MakeThePlan();
  ASSERT_EQ(plan.links.size(), 2u);
  EXPECT_EQ(plan.links[0].child.account, emma);
  EXPECT_EQ(plan.links[1].child.account, noah);
  EXPECT_THAT(Codes(plan.rows[1]), ElementsAre("child_not_found"));
  EXPECT_EQ(plan.rows[1].diagnostics[0].Param("child"), "PETIT Jade");
}

TEST_F(MatchingTest, ExcludedRowIsLeftAloneAndNeverExpired) {
  const directory::Id pupil = AddPerson("KAYA", "Ali", "student", "csv", "S1");
  options_.mode = Mode::kSync;
  AddFile("student", "Quell-Id;Nachname;Vorname\nS1;KAYA;Alihan\n").decisions[2].exclude = true;
  const Plan plan = MakeThePlan();
  EXPECT_THAT(Operations(plan), ElementsAre("skip"));
  EXPECT_EQ(plan.rows[0].person.account, pupil);
  EXPECT_THAT(plan.expiries, IsEmpty());
}

TEST_F(MatchingTest, InvalidRowsBlockUnlessSkipped) {
  AddFile("student", "Nom;Prénom;Date de naissance\nA;B;31/02/2015\nC;D;01/02/2015\n");
  EXPECT_TRUE(MakeThePlan().blocked);
  options_.skip_invalid_rows = true;
  const Plan plan = MakeThePlan();
  EXPECT_FALSE(plan.blocked);
  EXPECT_THAT(Operations(plan), ElementsAre("skip", "create"));
}

TEST_F(MatchingTest, ModesCreateOnlyAndUpdateOnly) {
  AddPerson("KAYA", "Ali", "student", "csv", "S1");
  AddFile("student", "Quell-Id;Nachname;Vorname\nS1;KAYA;Alihan\nS2;NEU;Nina\n");
  options_.mode = Mode::kCreateOnly;
  EXPECT_THAT(Operations(MakeThePlan()), ElementsAre("unchanged", "create"));
  options_.mode = Mode::kUpdateOnly;
  EXPECT_THAT(Operations(MakeThePlan()), ElementsAre("update", "skip"));
}

TEST_F(MatchingTest, GroupDecisionsCreateIgnoreOrMapToExisting) {
  AddGroup("CM1 A");
  options_.groups["CM1-A"] = GroupDecision{GroupDecision::Kind::kExisting, "CM1 A"};
  options_.groups["Atelier"] = GroupDecision{GroupDecision::Kind::kIgnore, ""};
  AddFile("student", "Quell-Id;Nom;Prénom;Classe;Groupes\nS1;A;B;CM1-A;Atelier|Chorale\n");
  Plan plan = MakeThePlan();
  EXPECT_THAT(plan.groups_existing, ElementsAre("CM1-A"));
  EXPECT_THAT(plan.groups_ignored, ElementsAre("Atelier"));
  ASSERT_EQ(plan.groups.size(), 1u);
  EXPECT_EQ(plan.groups[0].name, "Chorale");
  options_.ignore_unmapped_groups = true;
  plan = MakeThePlan();
  EXPECT_THAT(plan.groups, IsEmpty());
  EXPECT_THAT(plan.groups_ignored, ElementsAre("Atelier", "Chorale"));
}

TEST_F(MatchingTest, ExpiringOneSchoolKeepsTheAccountOfATeacherInTwoSchools) {
  const directory::Id teacher = AddPerson("DURAND", "Annie", "teacher", "csv", "T-42");
  AddAffiliation(teacher, "teacher", "csv", "T-42", /*org=*/2);
  options_.mode = Mode::kSync;
  AddFile("teacher", "externalid;Nom;Prénom\nT-1;TOM;Véronique\n");
  const Plan plan = MakeThePlan();
  ASSERT_EQ(plan.expiries.size(), 1u);
  EXPECT_EQ(plan.expiries[0].account, teacher);
  EXPECT_FALSE(plan.expiries[0].account_pending_deletion);
}

TEST_F(MatchingTest, CountsAddUpToTheRows) {
  AddPerson("KAYA", "Ali", "student", "csv", "S1");
  AddFile("student", "Quell-Id;Nachname;Vorname\nS1;KAYA;Ali\nS2;B;C\nS2;B;C\n");
  const Plan plan = MakeThePlan();
  std::size_t total = 0;
  for (const char* operation : {"create", "update", "unchanged", "restore", "skip"}) {
    total += plan.counts.by_operation.at(operation);
  }
  EXPECT_EQ(total, plan.rows.size());
}

}  // namespace
}  // namespace rollcall::plan::testing
