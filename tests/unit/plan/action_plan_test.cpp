// The action planner on hand-built snapshots (pure): file order, what a CREATE's row carries,
// an UPDATE folded into the CREATE above it, DELETE's two steps across orgs, retired logins.
#include <gmock/gmock.h>

#include "plan/actions.hpp"
#include "plan_fixture.hpp"
#include "table/csv.hpp"

namespace rollcall::plan::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class ActionPlanTest : public PlanFixture {
 protected:
  ActionPlanTest() {
    options_.source = "actions";
    context_.org_code = "0751234A";
    context_.profiles_by_role = {{"Student", "student"}, {"Teacher", "teacher"}};
  }

  ActionPlan Plan(std::string csv) {
    table::ReadOptions read_options;
    read_options.header = false;
    read_options.drop_trailing_empty_column = false;
    Result<table::ReadOutcome> read = table::ReadCsv(std::move(csv), read_options);
    EXPECT_TRUE(read.has_value());
    files_.push_back(records::ParseActions(read->table));
    return MakeActionPlan(snapshot_, files_.back(), schema_, context_, options_);
  }

  std::string LoginOf(directory::Id account) { return AccountOf(account).login; }

  ActionContext context_;
  std::deque<records::ActionFile> files_;
};

TEST_F(ActionPlanTest, CreateCarriesTheSchemaFieldsAndEnrolFollowsInFileOrder) {
  const directory::Id cm1 = AddGroup("CM1");
  const ActionPlan plan = Plan(
      "CREATE,JDoe,T-1,John,Doe,,Teacher,1,jd@example.org\n"
      "ENROLL,jdoe,,Teacher,cm1\n");
  ASSERT_EQ(plan.plan.rows.size(), 2u);
  const RowPlan& created = plan.plan.rows[0];
  EXPECT_EQ(created.operation, Operation::kCreate);
  EXPECT_EQ(created.profile, "teacher");
  EXPECT_EQ(created.external_id, "T-1");
  EXPECT_EQ(created.Value("login"), "jdoe");  // logins are lower case
  EXPECT_EQ(created.Value("first_name"), "John");
  EXPECT_EQ(created.Value("email"), "jd@example.org");
  EXPECT_EQ(created.Value("is_active"), "1");
  ASSERT_EQ(plan.plan.memberships.size(), 1u);
  EXPECT_EQ(plan.plan.memberships[0].person, (PersonRef{0, 0}));
  EXPECT_EQ(plan.plan.memberships[0].group.group, cm1);
  // The ENROLL changes no account: the membership is the change.
  EXPECT_EQ(plan.plan.rows[1].operation, Operation::kUnchanged);
  EXPECT_FALSE(plan.plan.blocked);
}

TEST_F(ActionPlanTest, UpdateOfAPersonCreatedAboveChangesWhatIsCreated) {
  const ActionPlan plan = Plan(
      "CREATE,jdoe,,John,Doe,,Teacher,1,jd@example.org\n"
      "UPDATE,jdoe,,Johnny,,S3cret-pass,0,\n");
  const RowPlan& created = plan.plan.rows[0];
  EXPECT_EQ(created.Value("first_name"), "Johnny");
  EXPECT_EQ(created.Value("password"), "S3cret-pass");
  EXPECT_EQ(created.Value("is_active"), "0");
  EXPECT_EQ(plan.plan.rows[1].operation, Operation::kUnchanged);
  EXPECT_EQ(plan.plan.rows[1].changes.size(), 2u);  // names and is_active; never the password
}

TEST_F(ActionPlanTest, DeletePendsTheAccountOnlyWhenItBelongsNowhereElse) {
  const directory::Id here_only = AddPerson("Durand", "Marc", "teacher");
  const directory::Id elsewhere_too = AddPerson("Dupont", "Jeanne", "teacher");
  AddAffiliation(elsewhere_too, "teacher", "csv", "", /*org=*/2);
  const ActionPlan plan =
      Plan("DELETE," + LoginOf(here_only) + ",\nDELETE," + LoginOf(elsewhere_too) + ",\n");
  EXPECT_THAT(Operations(plan.plan), ElementsAre("delete", "delete"));
  ASSERT_EQ(plan.plan.expiries.size(), 2u);
  EXPECT_TRUE(plan.plan.expiries[0].account_pending_deletion);
  EXPECT_EQ(plan.plan.expiries[0].purge_date, "2027-02-19");
  EXPECT_FALSE(plan.plan.expiries[1].account_pending_deletion);
  EXPECT_EQ(plan.plan.counts.by_operation.at("delete"), 2u);
}

TEST_F(ActionPlanTest, DeleteThenEnrolInOneFileChangesNothing) {
  const directory::Id marc = AddPerson("Durand", "Marc", "teacher");
  const ActionPlan plan =
      Plan("DELETE," + LoginOf(marc) + ",\nENROLL," + LoginOf(marc) + ",,Teacher,\n");
  EXPECT_THAT(plan.plan.expiries, IsEmpty());
  EXPECT_FALSE(plan.plan.rows[1].new_affiliation);
}

TEST_F(ActionPlanTest, RetiredLoginsAndUnknownRolesAreLineErrors) {
  context_.retired_logins = {"old.login"};
  const ActionPlan plan = Plan(
      "CREATE,old.login,,A,B,,Student,1,a@example.org\n"
      "CREATE,,,A,B,,Wizard,1,a@example.org\n");
  EXPECT_THAT(Codes(plan.plan.rows[0]), ElementsAre("action_login_retired"));
  EXPECT_THAT(Codes(plan.plan.rows[1]), ElementsAre("action_unknown_role"));
  EXPECT_THAT(Operations(plan.plan), ElementsAre("skip", "skip"));
  EXPECT_TRUE(plan.plan.blocked);
}

}  // namespace
}  // namespace rollcall::plan::testing
