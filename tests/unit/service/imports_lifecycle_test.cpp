// Imports as long-lived objects (issue 13), on a temporary SQLite file: drafts that own their
// files and survive the process, decisions recorded and re-planned, stale plans refused, apply
// as a cancellable job under the org's lock.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>

#include "service/imports.hpp"
#include "service/org_lock.hpp"
#include "store/open_store.hpp"
#include "support/test_support.hpp"

namespace rollcall::service {
namespace {

using directory::ImportState;

constexpr const char kPupils[] =
    "Nom;Prénom;Date de naissance;Classe\n"
    "MARTIN;Léa;03/04/2016;CP\n"
    "DURAND;Hugo;12/11/2015;CE1\n"
    "PETIT;Zoé;30/01/2016;CP\n";

class ImportsLifecycleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AccountSettings settings;
    settings.secret_key_file = dir_ / "secret.key";
    deployment_ = std::make_unique<Deployment>(mapping::DefaultSchema(), settings,
                                               "sqlite:" + (dir_ / "rollcall.db").string(), [] {
                                                 return Clock{"2026-11-21", "2026-11-21T10:00:00Z"};
                                               });
    Result<std::unique_ptr<directory::Store>> opened =
        store::OpenStore(deployment_->database_url());
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->Migrate().has_value());
    org_ = *store_->AddOrg("0751234A", "École Jean Jaurès", std::nullopt);
  }

  ImportRequest Request(const std::string& name, const std::string& text,
                        plan::Mode mode = plan::Mode::kAdd) {
    testing::WriteFile(dir_ / name, text);
    ImportRequest request;
    request.org_code = org_.code;
    request.period = "2026-2027";
    request.mode = mode;
    request.files = {ImportFile{dir_ / name, "student"}};
    return request;
  }

  Draft Create(ImportRequest request) {
    Result<Draft> draft = CreateImport(*deployment_, *store_, std::move(request));
    EXPECT_TRUE(draft.has_value()) << draft.error().message;
    return draft ? std::move(draft).value() : Draft{};
  }

  Draft Decide(const std::string& id, std::vector<Decision> decisions) {
    Result<Draft> draft = DecideImport(*deployment_, *store_, id, decisions);
    EXPECT_TRUE(draft.has_value()) << draft.error().message;
    return draft ? std::move(draft).value() : Draft{};
  }

  std::size_t Count(const Draft& draft, const char* operation) const {
    return draft.analysis.plan.counts.by_operation.at(operation);
  }

  std::size_t AccountCount() {
    Result<std::vector<directory::UserRow>> users = store_->ListUsers({});
    EXPECT_TRUE(users.has_value());
    return users ? users->size() : 0;
  }

  ImportState StateOf(const std::string& id) {
    Result<std::optional<directory::ImportRecord>> record = store_->FindImport(id);
    EXPECT_TRUE(record.has_value() && record->has_value());
    return record && *record ? (*record)->state : ImportState::kDraft;
  }

  void AddPupil(const std::string& login, const std::string& last, const std::string& first,
                const std::string& birth) {
    std::unique_ptr<directory::Transaction> transaction = std::move(store_->Begin()).value();
    directory::Account account;
    account.login = login;
    account.last_name = last;
    account.first_name = first;
    account.birth_date = birth;
    account.created_at = account.updated_at = "2026-09-01T08:00:00Z";
    const directory::Id id = *transaction->InsertAccount(account);
    ASSERT_TRUE(transaction
                    ->InsertAffiliation(
                        directory::Affiliation{0, id, org_.id, "student", "csv", "", true, ""})
                    .has_value());
    ASSERT_TRUE(transaction->TouchOrg(org_.id).has_value());
    ASSERT_TRUE(transaction->TouchSource("csv").has_value());
    ASSERT_TRUE(transaction->Commit().has_value());
  }

  testing::TempDir dir_;
  std::unique_ptr<Deployment> deployment_;
  std::unique_ptr<directory::Store> store_;
  directory::Org org_;
};

TEST_F(ImportsLifecycleTest, DraftIsAnalysedAgainFromTheStoreAloneAfterARestart) {
  const Draft created = Create(Request("eleves.csv", kPupils));
  ASSERT_EQ(created.record.state, ImportState::kAnalyzed);
  std::filesystem::remove(dir_ / "eleves.csv");
  store_.reset();  // the process's objects gone, as after a restart
  store_ = std::move(deployment_->OpenStore()).value();
  Result<Draft> reopened = OpenImport(*deployment_, *store_, created.record.id);
  ASSERT_TRUE(reopened.has_value()) << reopened.error().message;
  EXPECT_EQ(reopened->analysis.import_id, created.record.id);
  EXPECT_EQ(Count(*reopened, "create"), 3u);
  EXPECT_EQ(reopened->analysis.plan.rows.size(), created.analysis.plan.rows.size());
  EXPECT_EQ(reopened->analysis.files[0].name, "eleves.csv");
}

TEST_F(ImportsLifecycleTest, SameInputsOnTheSameDirectoryGiveTheSameImport) {
  const Draft first = Create(Request("eleves.csv", kPupils));
  const Draft second = Create(Request("eleves.csv", kPupils));
  EXPECT_EQ(first.record.id, second.record.id);
  const Draft other =
      Create(Request("eleves.csv", std::string(kPupils) + "NEUF;Eva;01/01/2016;CP\n"));
  EXPECT_NE(other.record.id, first.record.id);
}

TEST_F(ImportsLifecycleTest, ExcludedRowIsLeftOutAndIncludedBack) {
  const Draft draft = Create(Request("eleves.csv", kPupils));
  Draft decided = Decide(draft.record.id, {{Decision::Kind::kExclude, "eleves.csv", 3, "", ""}});
  EXPECT_EQ(Count(decided, "create"), 2u);
  EXPECT_EQ(decided.record.id, draft.record.id);
  decided = Decide(draft.record.id, {{Decision::Kind::kInclude, "1", 3, "", ""}});
  EXPECT_EQ(Count(decided, "create"), 3u);
}

TEST_F(ImportsLifecycleTest, EditedCellIsReadInsteadAndTheUploadStaysAsItWas) {
  const Draft draft = Create(Request("eleves.csv",
                                     "Nom;Prénom;Date de naissance;Classe\n"
                                     "MARTIN;Léa;31/02/2016;CP\n"));
  EXPECT_TRUE(draft.analysis.plan.blocked);  // 31 February
  const Draft decided =
      Decide(draft.record.id,
             {{Decision::Kind::kEdit, "eleves.csv", 2, "Date de naissance", "28/02/2016"}});
  EXPECT_FALSE(decided.analysis.plan.blocked);
  ASSERT_EQ(decided.analysis.files[0].edits.size(), 1u);
  EXPECT_EQ(decided.analysis.files[0].edits[0].before, "31/02/2016");
  EXPECT_EQ(decided.analysis.files[0].edits[0].after, "28/02/2016");
  EXPECT_EQ(decided.request.files[0].content_hash, draft.request.files[0].content_hash);
}

TEST_F(ImportsLifecycleTest, ConflictIsResolvedByChoosingTheAccountOrANewOne) {
  AddPupil("lea.martin", "MARTIN", "Léa", "2016-04-03");
  AddPupil("lea.martin2", "MARTIN", "Léa", "2016-04-03");
  const Draft draft = Create(Request("eleves.csv",
                                     "Nom;Prénom;Date de naissance;Classe\n"
                                     "MARTIN;Léa;03/04/2016;CP\n"));
  EXPECT_TRUE(draft.analysis.plan.blocked);
  Draft decided =
      Decide(draft.record.id, {{Decision::Kind::kMatch, "eleves.csv", 2, "", "lea.martin2"}});
  EXPECT_FALSE(decided.analysis.plan.blocked);
  EXPECT_EQ(decided.analysis.plan.rows[0].login, "lea.martin2");
  decided = Decide(draft.record.id, {{Decision::Kind::kMatch, "eleves.csv", 2, "", kMatchNew}});
  EXPECT_EQ(Count(decided, "create"), 1u);
}

TEST_F(ImportsLifecycleTest, KeptPersonIsNotExpiredByASync) {
  AddPupil("tom.ancien", "ANCIEN", "Tom", "2015-01-01");
  const Draft draft = Create(Request("eleves.csv", kPupils, plan::Mode::kSync));
  EXPECT_EQ(draft.analysis.plan.expiries.size(), 1u);
  const Draft decided = Decide(draft.record.id, {{Decision::Kind::kKeep, "", 0, "", "tom.ancien"}});
  EXPECT_TRUE(decided.analysis.plan.expiries.empty());
}

TEST_F(ImportsLifecycleTest, StalePlanIsRefusedAnalysedAgainThenApplied) {
  const Draft draft = Create(Request("eleves.csv", kPupils));
  AddPupil("autre.eleve", "AUTRE", "Eleve", "2015-05-05");  // the directory moves
  Result<AppliedDraft> stale = ApplyImport(*deployment_, *store_, draft.record.id);
  ASSERT_TRUE(stale.has_value()) << stale.error().message;
  EXPECT_TRUE(stale->stale);
  EXPECT_FALSE(stale->applied.has_value());
  EXPECT_EQ(AccountCount(), 1u);  // nothing written
  EXPECT_EQ(StateOf(draft.record.id), ImportState::kAnalyzed);
  Result<AppliedDraft> applied = ApplyImport(*deployment_, *store_, draft.record.id);
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  EXPECT_FALSE(applied->stale);
  ASSERT_TRUE(applied->applied.has_value());
  EXPECT_EQ(AccountCount(), 4u);
  EXPECT_EQ(StateOf(draft.record.id), ImportState::kApplied);
  EXPECT_FALSE(DecideImport(*deployment_, *store_, draft.record.id, {}).has_value());
}

TEST_F(ImportsLifecycleTest, CancelledApplyLeavesTheDirectoryUnchanged) {
  const Draft draft = Create(Request("eleves.csv", kPupils));
  std::atomic<bool> cancel{false};
  std::vector<std::string> phases;
  JobControl control;
  control.cancel = &cancel;
  control.on_progress = [&](const JobProgress& progress) {
    phases.push_back(progress.phase);
    if (progress.phase == "people") cancel = true;
  };
  Result<AppliedDraft> applied = ApplyImport(*deployment_, *store_, draft.record.id, control);
  ASSERT_FALSE(applied.has_value());
  EXPECT_EQ(applied.error().code, ErrorCode::kCancelled);
  EXPECT_EQ(AccountCount(), 0u);
  EXPECT_EQ(StateOf(draft.record.id), ImportState::kCancelled);
  EXPECT_THAT(phases, ::testing::Contains("logins"));
  EXPECT_THAT(phases, ::testing::Not(::testing::Contains("commit")));
}

TEST_F(ImportsLifecycleTest, SecondWriterOnAnOrgIsRefusedWithTheRunningImport) {
  const Draft draft = Create(Request("eleves.csv", kPupils));
  Result<std::unique_ptr<directory::Store>> other = deployment_->OpenStore();
  ASSERT_TRUE(other.has_value());
  Result<OrgLockGuard> running =
      OrgLockGuard::Take(**other, org_, "host-2 pid 77 import imp-running", "2026-11-21T10:00:00Z",
                         std::chrono::hours(1));
  ASSERT_TRUE(running.has_value()) << running.error().message;
  Result<AppliedDraft> applied = ApplyImport(*deployment_, *store_, draft.record.id);
  ASSERT_FALSE(applied.has_value());
  EXPECT_EQ(applied.error().code, ErrorCode::kConflict);
  EXPECT_THAT(applied.error().message, ::testing::HasSubstr("imp-running"));
  EXPECT_EQ(AccountCount(), 0u);
}

TEST_F(ImportsLifecycleTest, CancelledDraftCannotBeApplied) {
  const Draft draft = Create(Request("eleves.csv", kPupils));
  ASSERT_TRUE(CancelImport(*deployment_, *store_, draft.record.id).has_value());
  EXPECT_EQ(StateOf(draft.record.id), ImportState::kCancelled);
  Result<AppliedDraft> applied = ApplyImport(*deployment_, *store_, draft.record.id);
  ASSERT_FALSE(applied.has_value());
  EXPECT_EQ(applied.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(ImportsLifecycleTest, FailedAnalysisLeavesADraftThatADecisionFixes) {
  ImportRequest request = Request("eleves.csv", "MARTIN;Léa;03/04/2016;CP\n");
  request.files[0].overrides = {{"1", "last_name"},
                                {"2", "first_name"},
                                {"3", "birth_date"},
                                {"4", "class"}};  // no such field: the analysis fails
  request.files[0].header = false;
  Result<Draft> failed = CreateImport(*deployment_, *store_, request);
  ASSERT_FALSE(failed.has_value());
  Result<std::vector<directory::ImportRecord>> drafts =
      ListImports(*store_, org_.code, ImportState::kDraft);
  ASSERT_TRUE(drafts.has_value());
  ASSERT_EQ(drafts->size(), 1u);
  EXPECT_THAT(failed.error().message, ::testing::HasSubstr((*drafts)[0].id));
  std::filesystem::remove(dir_ / "eleves.csv");
  const Draft decided =
      Decide((*drafts)[0].id, {{Decision::Kind::kMap, "eleves.csv", 0, "4", "classes"}});
  EXPECT_EQ(decided.record.state, ImportState::kAnalyzed);
  EXPECT_EQ(Count(decided, "create"), 1u);
  EXPECT_EQ(decided.request.files[0].header, std::optional<bool>(false));
}

TEST_F(ImportsLifecycleTest, OneShotCreateAndApplyWritesEverything) {
  Result<AppliedDraft> applied =
      CreateAndApplyImport(*deployment_, *store_, Request("eleves.csv", kPupils));
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  ASSERT_TRUE(applied->applied.has_value());
  EXPECT_EQ(AccountCount(), 3u);
  EXPECT_EQ(StateOf(applied->draft.record.id), ImportState::kApplied);
  Result<std::vector<directory::ImportRecord>> listed =
      ListImports(*store_, org_.code, ImportState::kApplied);
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].kind, directory::kUserFiles);
}

}  // namespace
}  // namespace rollcall::service
