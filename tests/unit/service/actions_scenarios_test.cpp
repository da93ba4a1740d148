// Action files end to end on a temporary SQLite file (issue 6): every action in one file with
// errors on some lines, file order (CREATE then ENROLL), re-running a file, DELETE in two steps,
// users of other orgs, retired user names, revert, and the per-line report.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "apply/revert.hpp"
#include "service/actions_service.hpp"
#include "service/apply_service.hpp"
#include "service/import_summary.hpp"
#include "store/open_store.hpp"
#include "support/test_support.hpp"

namespace rollcall::service {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char kStudents[] =
    "Nom*;Prénom*;Date de naissance*;Classe*\r\n"
    "RAISON;Pablo;16/10/2013;CM1\r\n"
    "POULAD-MALIN;Hervé;02/01/2014;CM1\r\n"
    "N'DIAYE;Awa;03/03/2014;CM2\r\n";

class ActionsScenarioTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<directory::Store>> opened = store::OpenStore("sqlite:" + DbPath());
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->Migrate().has_value());
    ASSERT_TRUE(store_->AddOrg("0751234A", "École Jean Jaurès", std::nullopt).has_value());
    ASSERT_TRUE(store_->AddOrg("0759999Z", "Collège Voltaire", std::nullopt).has_value());
    Result<apply::SecretKey> key = apply::SecretKey::Generate();
    ASSERT_TRUE(key.has_value());
    key_.emplace(*key);
    // Pupils and their classes CM1 and CM2, by an ordinary import.
    ImportRequest request;
    request.org_code = "0751234A";
    request.period = "2026-2027";
    request.files = {{Write("eleves.csv", kStudents), "student", {}, 0}};
    Result<AppliedImport> imported =
        AnalyzeAndApply(*store_, schema_, request, clock_, settings_, *key_);
    ASSERT_TRUE(imported.has_value() && imported->applied.has_value());
  }

  std::string DbPath() const { return (dir_ / "rollcall.db").string(); }

  std::filesystem::path Write(const std::string& name, const std::string& text) {
    testing::WriteFile(dir_ / name, text);
    return dir_ / name;
  }

  ActionsRequest Request(const std::string& text, const std::string& org = "0751234A") {
    ActionsRequest request;
    request.org_code = org;
    request.period = "2026-2027";
    request.file = Write("actions-" + std::to_string(++files_) + ".csv", text);
    return request;
  }

  ActionsAnalysis Analyze(const ActionsRequest& request) {
    Result<ActionsAnalysis> analysis = AnalyzeActions(*store_, schema_, request, clock_);
    EXPECT_TRUE(analysis.has_value()) << analysis.error().message;
    return analysis ? std::move(analysis).value() : ActionsAnalysis{};
  }

  AppliedActions Apply(const ActionsRequest& request) {
    Result<AppliedActions> applied =
        AnalyzeAndApplyActions(*store_, schema_, request, clock_, settings_, *key_);
    EXPECT_TRUE(applied.has_value()) << applied.error().message;
    return applied ? std::move(applied).value() : AppliedActions{};
  }

  // Per line: status and the codes of its diagnostics.
  static std::vector<std::string> Statuses(const ActionsAnalysis& analysis) {
    std::vector<std::string> statuses;
    for (const plan::RowPlan& row : analysis.plan.plan.rows) {
      std::string text = std::to_string(row.line) + " " + RowStatus(row.diagnostics);
      for (const Diagnostic& diagnostic : row.diagnostics) text += " " + diagnostic.code;
      statuses.push_back(std::move(text));
    }
    return statuses;
  }

  std::optional<directory::UserRow> User(const std::string& login) {
    Result<std::vector<directory::UserRow>> rows = store_->AccountsWithLogins({login});
    EXPECT_TRUE(rows.has_value());
    if (!rows || rows->empty()) return std::nullopt;
    return rows->front();
  }

  directory::Id GroupId(const std::string& name) {
    Result<std::optional<directory::Org>> org = store_->FindOrg("0751234A");
    Result<directory::Snapshot> snapshot = store_->LoadSnapshot((**org).id, "actions");
    for (const directory::Group& group : snapshot->groups) {
      if (group.name == name) return group.id;
    }
    return 0;
  }

  bool IsMember(const std::string& login, const std::string& group) {
    const std::optional<directory::UserRow> user = User(login);
    if (!user) return false;
    Result<std::optional<directory::Membership>> membership =
        store_->FindMembership(user->account.id, GroupId(group));
    return membership.has_value() && membership->has_value();
  }

  std::string Dump() const { return testing::DumpDirectory(DbPath()); }

  testing::TempDir dir_;
  int files_ = 0;
  std::unique_ptr<directory::Store> store_;
  mapping::Schema schema_ = mapping::DefaultSchema();
  Clock clock_{"2026-11-21", "2026-11-21T10:00:00Z"};
  AccountSettings settings_;
  std::optional<apply::SecretKey> key_;
};

TEST_F(ActionsScenarioTest, MixedFileGivesTheExpectedStatusPerLine) {
  const ActionsAnalysis analysis =
      Analyze(Request("CREATE,jdoe,T-1,John,Doe,,Teacher,1,john.doe@example.org\n"
                      "ENROLL,jdoe,T-1,Teacher,CM1\n"
                      "UPDATE,pablo.raison,,Paolo,,,,\n"
                      "UNENROLL,herve.poulad-malin,,CM1\n"
                      "DELETE,awa.ndiaye,\n"
                      "IMPORT,lea.martin,S-9,Léa,Martin,,élève,1,lea@example.org,CM2\n"
                      "FROB,jdoe\n"
                      "UPDATE,nobody,,A,B,,,\n"
                      "ENROLL,jdoe,,Teacher,CM9\n"
                      "ENROLL,jdoe,,Wizard,CM1\n"
                      "CREATE,pablo.raison,,Pablo,Raison,,student,1,p@example.org\n"
                      "UNENROLL,pablo.raison,,CM2\n"
                      "DELETE,jdoe,\n"));
  EXPECT_THAT(Statuses(analysis),
              ElementsAre("1 success action_created", "2 success action_enrolled",
                          "3 success action_updated", "4 success action_unenrolled",
                          "5 success action_deleted", "6 success action_created action_enrolled",
                          "7 error unknown_action", "8 error action_unknown_user",
                          "9 error action_unknown_org_unit", "10 error action_unknown_role",
                          "11 warning action_user_exists", "12 warning action_not_enrolled",
                          "13 error action_user_created_in_file"));
  EXPECT_TRUE(analysis.plan.plan.blocked);
  const plan::Plan& plan = analysis.plan.plan;
  EXPECT_EQ(plan.counts.by_operation.at("create"), 2u);
  EXPECT_EQ(plan.counts.by_operation.at("delete"), 1u);
  EXPECT_EQ(plan.counts.by_operation.at("enroll"), 2u);
  EXPECT_EQ(plan.counts.by_operation.at("unenroll"), 1u);
  ASSERT_EQ(plan.expiries.size(), 1u);
  EXPECT_TRUE(plan.expiries[0].account_pending_deletion);
  EXPECT_EQ(plan.expiries[0].purge_date, "2027-02-19");
}

TEST_F(ActionsScenarioTest, BlockedFileWritesNothingUnlessInvalidLinesAreSkipped) {
  const std::string text =
      "CREATE,jdoe,T-1,John,Doe,,Teacher,1,john.doe@example.org\n"
      "ENROLL,jdoe,T-1,Teacher,CM1\n"
      "UPDATE,nobody,,A,B,,,\n";
  const std::string before = Dump();
  const AppliedActions blocked = Apply(Request(text));
  EXPECT_FALSE(blocked.applied.has_value());
  EXPECT_EQ(Dump(), before);
  ActionsRequest request = Request(text);
  request.skip_invalid_rows = true;
  const AppliedActions applied = Apply(request);
  ASSERT_TRUE(applied.applied.has_value());
  // CREATE then ENROLL in one file: the account exists, with its class.
  EXPECT_TRUE(IsMember("jdoe", "CM1"));
  const std::optional<directory::UserRow> jdoe = User("jdoe");
  ASSERT_TRUE(jdoe.has_value());
  EXPECT_EQ(jdoe->account.first_name, "John");
  EXPECT_EQ(jdoe->account.Attribute("email"), "john.doe@example.org");
  ASSERT_EQ(jdoe->affiliations.size(), 1u);
  EXPECT_EQ(jdoe->affiliations[0].profile, "teacher");
  EXPECT_EQ(jdoe->affiliations[0].source, "actions");
  EXPECT_EQ(jdoe->affiliations[0].external_id, "T-1");
  // A generated credential for the new account, reported once.
  EXPECT_FALSE(applied.applied->credentials[0].empty());
  EXPECT_THAT(LettersOf(applied.analysis.plan.plan, *applied.applied), ::testing::SizeIs(1));
}

TEST_F(ActionsScenarioTest, RunningTheSameFileAgainWritesNothing) {
  const std::string text =
      "CREATE,jdoe,T-1,John,Doe,S3cret-pass,Teacher,1,john.doe@example.org\n"
      "ENROLL,jdoe,T-1,Teacher,CM1\n"
      "UPDATE,pablo.raison,,Paolo,,,,\n";
  ASSERT_TRUE(Apply(Request(text)).applied.has_value());
  const std::string before = Dump();
  const AppliedActions again = Apply(Request(text));
  ASSERT_TRUE(again.applied.has_value());
  EXPECT_FALSE(again.applied->wrote);
  EXPECT_EQ(again.applied->entities_written, 0u);
  EXPECT_EQ(Dump(), before);
  EXPECT_THAT(Statuses(again.analysis),
              ElementsAre("1 warning action_user_exists", "2 success action_already_enrolled",
                          "3 success action_nothing_to_change"));
}

TEST_F(ActionsScenarioTest, LaterLinesSeeWhatEarlierLinesDid) {
  const AppliedActions applied =
      Apply(Request("CREATE,jdoe,,John,Doe,,Teacher,1,jd@example.org\n"
                    "UPDATE,jdoe,,Johnny,,,,john@example.org\n"
                    "ENROLL,jdoe,,Teacher,CM1\n"
                    "UNENROLL,jdoe,,CM1\n"
                    "ENROLL,jdoe,,Teacher,CM2\n"
                    "DELETE,awa.ndiaye,\n"
                    "ENROLL,awa.ndiaye,,student,\n"));
  ASSERT_TRUE(applied.applied.has_value());
  const std::optional<directory::UserRow> jdoe = User("jdoe");
  ASSERT_TRUE(jdoe.has_value());
  EXPECT_EQ(jdoe->account.first_name, "Johnny");
  EXPECT_EQ(jdoe->account.Attribute("email"), "john@example.org");
  EXPECT_FALSE(IsMember("jdoe", "CM1"));
  EXPECT_TRUE(IsMember("jdoe", "CM2"));
  // Removed, then back in the same file: nothing happened to her.
  const std::optional<directory::UserRow> awa = User("awa.ndiaye");
  ASSERT_TRUE(awa.has_value());
  EXPECT_EQ(awa->account.state, directory::AccountState::kActive);
  EXPECT_TRUE(awa->affiliations[0].active);
}

TEST_F(ActionsScenarioTest, DeleteIsTwoStepAndRevertRestoresTheExactState) {
  const std::string before = Dump();
  const AppliedActions applied =
      Apply(Request("DELETE,awa.ndiaye,\nUPDATE,pablo.raison,,,,,0,pablo@example.org\n"
                    "UNENROLL,herve.poulad-malin,,CM1\n"));
  ASSERT_TRUE(applied.applied.has_value());
  const std::optional<directory::UserRow> awa = User("awa.ndiaye");
  ASSERT_TRUE(awa.has_value());
  EXPECT_EQ(awa->account.state, directory::AccountState::kPendingDeletion);
  EXPECT_EQ(awa->account.purge_date, "2027-02-19");
  EXPECT_FALSE(awa->affiliations[0].active);
  EXPECT_EQ(User("pablo.raison")->account.Attribute("is_active"), "0");
  EXPECT_FALSE(IsMember("herve.poulad-malin", "CM1"));
  Result<apply::RevertOutcome> reverted =
      apply::RevertImport(*store_, applied.analysis.import_id, "2026-11-22T10:00:00Z");
  ASSERT_TRUE(reverted.has_value()) << reverted.error().message;
  EXPECT_THAT(reverted->conflicts, IsEmpty());
  EXPECT_EQ(Dump(), before);
}

TEST_F(ActionsScenarioTest, UsersOfOtherOrgsAreFoundByLogin) {
  // Pablo also teaches chess at the collège: an affiliation there, no second account.
  const AppliedActions applied = Apply(Request("ENROLL,pablo.raison,,student,\n", "0759999Z"));
  ASSERT_TRUE(applied.applied.has_value());
  EXPECT_THAT(Statuses(applied.analysis), ElementsAre("1 success action_joined_org"));
  const std::optional<directory::UserRow> pablo = User("pablo.raison");
  ASSERT_TRUE(pablo.has_value());
  EXPECT_EQ(pablo->affiliations.size(), 2u);
}

TEST_F(ActionsScenarioTest, UserNamesOfDeletedAccountsAreNeverGivenAgain) {
  ASSERT_TRUE(Apply(Request("DELETE,awa.ndiaye,\n")).applied.has_value());
  ASSERT_TRUE(apply::Purge(*store_, "2030-01-01", "2030-01-01T00:00:00Z").has_value());
  const ActionsAnalysis analysis =
      Analyze(Request("CREATE,awa.ndiaye,,Awa,N'Diaye,,student,1,awa@example.org\n"));
  EXPECT_THAT(Statuses(analysis), ElementsAre("1 error action_login_retired"));
}

TEST_F(ActionsScenarioTest, UpdateSetsAChosenPasswordAndCannotClearNames) {
  const AppliedActions applied = Apply(Request("UPDATE,pablo.raison,,,,N3w-Passw0rd,,\n"));
  ASSERT_TRUE(applied.applied.has_value());
  Result<std::optional<directory::Credential>> credential =
      store_->FindCredential(User("pablo.raison")->account.id);
  ASSERT_TRUE(credential.has_value() && credential->has_value());
  EXPECT_EQ((*credential)->kind, "chosen_password");
  EXPECT_FALSE((*credential)->must_change);
  EXPECT_THAT((*credential)->secret_hash, Not(HasSubstr("N3w-Passw0rd")));
  const ActionsAnalysis cleared = Analyze(Request("UPDATE,pablo.raison,,#CLEAR,,,,\n"));
  EXPECT_THAT(Statuses(cleared), ElementsAre("1 error cannot_clear_required"));
}

TEST_F(ActionsScenarioTest, ReportShowsEveryLineWithThePasswordMasked) {
  const ActionsAnalysis analysis = Analyze(
      Request("Action,User name,Org defined id,First name,Last name,Password,Role,Active,Email\n"
              "CREATE,jdoe,,John,Doe,S3cret-pass,Teacher,1,jd@example.org\n"
              "UPDATE,nobody,,A,B,,,\n"));
  EXPECT_EQ(analysis.actions.header_line, 1u);
  const report::ReportTable table = ActionsReport(analysis, nullptr, Language::kEn);
  EXPECT_EQ(table.header.front(), "Action");
  ASSERT_EQ(table.rows.size(), 2u);
  const std::string csv = report::ToCsv(table);
  EXPECT_THAT(csv, Not(HasSubstr("S3cret-pass")));
  EXPECT_THAT(csv, HasSubstr("********"));
  EXPECT_THAT(table.rows[0], ::testing::Contains("success"));
  EXPECT_THAT(table.rows[1], ::testing::Contains("error"));
  EXPECT_THAT(table.rows[1], ::testing::Contains("no user has the user name \"nobody\""));
  const nlohmann::ordered_json summary = ActionsSummaryJson(analysis, "blocked");
  EXPECT_EQ(summary["lines"]["success"], 1);
  EXPECT_EQ(summary["lines"]["error"], 1);
  EXPECT_EQ(summary["actions"]["create"], 1);
}

}  // namespace
}  // namespace rollcall::service
