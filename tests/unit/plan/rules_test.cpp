// One test per rule of DESIGN.md §4 that the planner carries (rules 1–6), named after it.
#include <gmock/gmock.h>

#include "plan_fixture.hpp"

namespace rollcall::plan::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using RulesTest = PlanFixture;

TEST_F(RulesTest, Rule1_OwnershipManualAndOtherSourceAccountsAreNeverTouched) {
  const directory::Id manual = AddPerson("MARTIN", "Léa", "student", "manual", "", "2015-03-04");
  const directory::Id other = AddPerson("DUPUIS", "Tom", "student", "onde", "X1", "2015-05-06");
  options_.mode = Mode::kSync;
  AddFile("student", "Nom;Prénom;Date de naissance\nMARTIN;Léa;04/03/2015\n");
  const Plan plan = MakeThePlan();
  // The manual Léa is not matched (an import matches only what its source owns): a new account
  // is planned, with a warning that it looks like the manual one.
  ASSERT_THAT(Operations(plan), ElementsAre("create"));
  EXPECT_THAT(Codes(plan.rows[0]), ElementsAre("possible_duplicate"));
  EXPECT_EQ(plan.rows[0].diagnostics[0].Param("logins"), AccountOf(manual).login);
  // Nobody of another source is expired by a sync of "csv".
  for (const Expiry& expiry : plan.expiries) {
    EXPECT_NE(expiry.account, manual);
    EXPECT_NE(expiry.account, other);
  }
}

TEST_F(RulesTest, Rule2_DeletionIsTwoStepWithAPurgeDate) {
  const directory::Id gone = AddPerson("ROSEMANN", "Rudi", "student", "csv", "S9");
  AddPerson("KAYA", "Ali", "student", "csv", "S1");
  options_.mode = Mode::kSync;
  options_.retention_days = 90;
  AddFile("student", "Quell-Id;Nachname;Vorname\nS1;KAYA;Ali\n");
  const Plan plan = MakeThePlan();
  ASSERT_EQ(plan.expiries.size(), 1u);
  EXPECT_EQ(plan.expiries[0].account, gone);
  EXPECT_TRUE(plan.expiries[0].account_pending_deletion);
  EXPECT_EQ(plan.expiries[0].purge_date, "2027-02-19");
  EXPECT_EQ(plan.counts.by_operation.at("delete"), 1u);
}

TEST_F(RulesTest, Rule2_APendingDeletionPersonBackInTheFileIsRestored) {
  const directory::Id back = AddPerson("KAYA", "Ali", "student", "csv", "S1");
  AccountOf(back).state = directory::AccountState::kPendingDeletion;
  AccountOf(back).purge_date = "2027-01-01";
  snapshot_.affiliations.back().active = false;
  AddFile("student", "Quell-Id;Nachname;Vorname\nS1;KAYA;Ali\n");
  const Plan plan = MakeThePlan();
  EXPECT_THAT(Operations(plan), ElementsAre("restore"));
  EXPECT_EQ(plan.rows[0].person.account, back);
}

TEST_F(RulesTest, Rule2_AddModeNeverExpires) {
  AddPerson("ROSEMANN", "Rudi", "student", "csv", "S9");
  AddFile("student", "Quell-Id;Nachname;Vorname\nS1;KAYA;Ali\n");
  EXPECT_THAT(MakeThePlan().expiries, IsEmpty());
}

TEST_F(RulesTest, Rule3_ProfilesInScopeTeacherFileNeverExpiresStudents) {
  AddPerson("ROSEMANN", "Rudi", "student", "csv", "S9");
  const directory::Id teacher = AddPerson("DURAND", "Annie", "teacher", "csv", "T9");
  options_.mode = Mode::kSync;
  AddFile("teacher", "Quell-Id;Nachname;Vorname\nT1;TOM;Véronique\n");
  const Plan plan = MakeThePlan();
  ASSERT_EQ(plan.expiries.size(), 1u);
  EXPECT_EQ(plan.expiries[0].account, teacher);
}

TEST_F(RulesTest, Rule4_MembershipsFollowTheFileExceptProtectedGroups) {
  const directory::Id pupil = AddPerson("KAYA", "Ali", "student", "csv", "S1");
  const directory::Id five_a = AddGroup("5a");
  const directory::Id ag =
      AddGroup("AG Robotik", directory::GroupKind::kGroup, "2026-2027", "manual");
  const directory::Id protected_group =
      AddGroup("LOGINEO NRW-Gruppe", directory::GroupKind::kProtected, "2026-2027", "manual");
  Enrol(pupil, five_a);
  Enrol(pupil, ag, "manual");
  Enrol(pupil, protected_group, "manual");
  AddFile("student", "Quell-Id;Nachname;Vorname;Klasse;Gruppen\nS1;KAYA;Ali;6b;Chor\n");
  const Plan plan = MakeThePlan();
  EXPECT_THAT(Operations(plan), ElementsAre("update"));
  std::vector<std::string> changes;
  for (const MembershipChange& change : plan.memberships) {
    changes.push_back(std::string(change.kind == MembershipChange::Kind::kEnroll ? "+" : "-") +
                      change.group_name);
  }
  // Leaving 5a is an unenroll; the manual membership of an ordinary group follows the file too;
  // the protected group is untouched.
  EXPECT_THAT(changes, ElementsAre("+6b", "-5a", "+Chor", "-AG Robotik"));
}

TEST_F(RulesTest, Rule4_AnEmptyGroupCellLeavesMembershipsAlone) {
  const directory::Id pupil = AddPerson("KAYA", "Ali", "student", "csv", "S1");
  Enrol(pupil, AddGroup("5a"));
  AddFile("student", "Quell-Id;Nachname;Vorname;Klasse\nS1;KAYA;Ali;\n");
  const Plan plan = MakeThePlan();
  EXPECT_THAT(plan.memberships, IsEmpty());
  EXPECT_THAT(Operations(plan), ElementsAre("unchanged"));
}

TEST_F(RulesTest, Rule5_SchoolYearChangeArchivesThePreviousYearsGroups) {
  const directory::Id old_class = AddGroup("CM1", directory::GroupKind::kClass, "2025-2026");
  AddGroup("Chorale", directory::GroupKind::kProtected, "2025-2026", "manual");
  options_.school_year_change = true;
  AddFile("student", "Quell-Id;Nom;Prénom;Classe\nS1;RAISON;Pablo;CM2\n");
  const Plan plan = MakeThePlan();
  ASSERT_EQ(plan.groups.size(), 2u);
  EXPECT_EQ(plan.groups[0].kind, GroupChange::Kind::kCreate);
  EXPECT_EQ(plan.groups[0].name, "CM2");
  EXPECT_EQ(plan.groups[0].period, "2026-2027");
  EXPECT_EQ(plan.groups[1].kind, GroupChange::Kind::kArchive);
  EXPECT_EQ(plan.groups[1].group, old_class);
}

TEST_F(RulesTest, Rule6_GuardiansAfterStudentsFindChildrenAmongNewStudents) {
  // The guardian file comes first in the list; students are still planned first.
  AddFile("guardian",
          "Nom responsable;Prénom responsable;Nom de famille enfant;Prénom enfant;Classes "
          "enfants;Nom de famille enfant;Prénom enfant;Classes enfants\n"
          "CHARDOT;Aline;CHARDOT;BENOIT;CLASSE 1;CHARDOT;OLIVIA;CLASSE 1\n");
  AddFile("student",
          "Nom;Prénom;Date de naissance;Classe\nCHARDOT;Benoît;14/02/2017;CLASSE 1\n"
          "CHARDOT;Olivia;14/02/2017;CLASSE 1\n");
  const Plan plan = MakeThePlan();
  EXPECT_THAT(Operations(plan), ElementsAre("create", "create", "create"));
  EXPECT_EQ(plan.rows[2].profile, "guardian");
  ASSERT_EQ(plan.links.size(), 2u);
  EXPECT_EQ(plan.links[0].guardian.created_row, 2);
  EXPECT_EQ(plan.links[0].child.created_row, 0);
  EXPECT_EQ(plan.links[1].child.created_row, 1);
  EXPECT_THAT(plan.rows[2].diagnostics, IsEmpty());
}

}  // namespace
}  // namespace rollcall::plan::testing
