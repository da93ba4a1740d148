// Applying imports end to end on a temporary SQLite file (issue 5): logins as in the ONE guide,
// homonyms, credentials, a re-import that writes nothing, revert to the exact previous state,
// revert refused after later edits, purge by date, stale plans.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "apply/revert.hpp"
#include "service/apply_service.hpp"
#include "service/import_summary.hpp"
#include "store/open_store.hpp"
#include "support/test_support.hpp"

namespace rollcall::service {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr const char kStudents[] =
    "Nom*;Prénom*;Date de naissance*;Classe*\r\n"
    "RAISON;Pablo;16/10/2013;CM1\r\n"
    "POULAD-MALIN;Hervé;02/01/2014;CM1\r\n"
    "N'DIAYE;Awa;03/03/2014;CM2\r\n";

class ApplyScenarioTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<directory::Store>> opened = store::OpenStore("sqlite:" + DbPath());
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->Migrate().has_value());
    ASSERT_TRUE(store_->AddOrg("0751234A", "École Jean Jaurès", std::nullopt).has_value());
    Result<apply::SecretKey> key = apply::SecretKey::Generate();
    ASSERT_TRUE(key.has_value());
    key_.emplace(*key);
  }

  std::string DbPath() const { return (dir_ / "rollcall.db").string(); }

  std::filesystem::path Write(const std::string& name, const std::string& text) {
    testing::WriteFile(dir_ / name, text);
    return dir_ / name;
  }

  ImportRequest Request(const std::string& name, const std::string& text,
                        plan::Mode mode = plan::Mode::kAdd) {
    ImportRequest request;
    request.org_code = "0751234A";
    request.period = "2026-2027";
    request.mode = mode;
    request.files = {{Write(name, text), "student", {}, 0}};
    return request;
  }

  AppliedImport Apply(const ImportRequest& request) {
    Result<AppliedImport> applied =
        AnalyzeAndApply(*store_, schema_, request, clock_, settings_, *key_);
    EXPECT_TRUE(applied.has_value()) << applied.error().message;
    return applied ? std::move(applied).value() : AppliedImport{};
  }

  std::string Dump() const { return testing::DumpDirectory(DbPath()); }

  static std::vector<std::string> CreatedLogins(const AppliedImport& import) {
    std::vector<std::string> logins;
    for (std::size_t row_idx = 0; row_idx < import.analysis.plan.rows.size(); ++row_idx) {
      if (import.analysis.plan.rows[row_idx].operation == plan::Operation::kCreate) {
        logins.push_back(import.applied->logins[row_idx]);
      }
    }
    return logins;
  }

  testing::TempDir dir_;
  std::unique_ptr<directory::Store> store_;
  mapping::Schema schema_ = mapping::DefaultSchema();
  Clock clock_{"2026-11-21", "2026-11-21T10:00:00Z"};
  AccountSettings settings_;
  std::optional<apply::SecretKey> key_;
};

TEST_F(ApplyScenarioTest, FirstImportGivesOneGuideLoginsAndCredentials) {
  const AppliedImport import = Apply(Request("eleves.csv", kStudents));
  ASSERT_TRUE(import.applied.has_value());
  EXPECT_THAT(CreatedLogins(import),
              ElementsAre("pablo.raison", "herve.poulad-malin", "awa.ndiaye"));
  for (std::size_t row_idx = 0; row_idx < 3; ++row_idx) {
    const std::string& credential = import.applied->credentials[row_idx];
    EXPECT_GE(credential.size(), 11u);
    Result<std::optional<directory::Credential>> stored =
        store_->FindCredential(import.applied->accounts[row_idx]);
    ASSERT_TRUE(stored.has_value() && stored->has_value());
    EXPECT_TRUE((*stored)->must_change);
    EXPECT_EQ((*stored)->secret_hash.find(credential), std::string::npos);
    EXPECT_TRUE(key_->VerifyCredential((*stored)->secret_hash, credential));
  }
  EXPECT_THAT(import.applied->classes, ElementsAre("CM1", "CM1", "CM2"));
  Result<std::optional<directory::ImportRecord>> record =
      store_->FindImport(import.analysis.import_id);
  ASSERT_TRUE(record.has_value() && record->has_value());
  EXPECT_EQ((*record)->state, directory::ImportState::kApplied);
  // Credentials never reach the audit log or the summary.
  Result<std::vector<directory::AuditEntry>> audit = store_->LoadAudit(import.analysis.import_id);
  ASSERT_TRUE(audit.has_value());
  EXPECT_EQ(audit->size(), 3u * 3u + 2u);  // account, affiliation, membership each; 2 groups
  EXPECT_THAT((*record)->summary_json, ::testing::Not(HasSubstr(import.applied->credentials[0])));
}

TEST_F(ApplyScenarioTest, PreviewPredictsTheLoginsApplyGives) {
  ASSERT_TRUE(
      Apply(Request("autres.csv", "Nom;Prénom;Date de naissance\r\nRAISON;Pablo;01/01/2012\r\n"))
          .applied.has_value());
  const ImportRequest request = Request("eleves.csv", kStudents);
  Result<Analysis> preview = AnalyzeImport(*store_, schema_, request, clock_);
  ASSERT_TRUE(preview.has_value());
  ASSERT_TRUE(PredictLogins(*store_, preview->plan, settings_.login).has_value());
  std::vector<std::string> predicted;
  for (const plan::RowPlan& row : preview->plan.rows) predicted.push_back(row.login);
  EXPECT_THAT(predicted, ElementsAre("pablo.raison2", "herve.poulad-malin", "awa.ndiaye"));
  EXPECT_EQ(CreatedLogins(Apply(request)), predicted);
}

TEST_F(ApplyScenarioTest, HomonymsGetNumberedLogins) {
  const AppliedImport import =
      Apply(Request("eleves.csv",
                    "Nom;Prénom;Date de naissance;Classe\r\nRAISON;Pablo;16/10/2013;CM1\r\n"
                    "RAISON;Pablo;17/11/2014;CM2\r\n"));
  ASSERT_TRUE(import.applied.has_value());
  EXPECT_THAT(CreatedLogins(import), ElementsAre("pablo.raison", "pablo.raison2"));
}

TEST_F(ApplyScenarioTest, ReimportChangesNothingAndWritesNothing) {
  const AppliedImport first = Apply(Request("eleves.csv", kStudents));
  ASSERT_TRUE(first.applied.has_value());
  const std::string before = Dump();
  const AppliedImport second = Apply(Request("eleves.csv", kStudents));
  ASSERT_TRUE(second.applied.has_value());
  EXPECT_FALSE(second.applied->wrote);
  EXPECT_EQ(second.applied->entities_written, 0u);
  EXPECT_EQ(second.analysis.plan.counts.by_operation.at("unchanged"), 3u);
  EXPECT_EQ(second.analysis.plan.counts.by_operation.at("create"), 0u);
  EXPECT_EQ(Dump(), before);
}

// Issue 14: two teachers called Marie MARTIN, told apart only by their e-mails and classes; the
// second run of the same file was blocked by a conflict.
TEST_F(ApplyScenarioTest, ReimportOfNamesakeTeachersWritesNothing) {
  ImportRequest request = Request("enseignants.csv",
                                  "Nom;Prénom;Email;Classe\r\n"
                                  "MARTIN;Marie;marie.martin@ecole-a.fr;CM1\r\n"
                                  "MARTIN;Marie;m.martin@ecole-a.fr;CM2\r\n");
  request.files[0].profile = "teacher";
  const AppliedImport first = Apply(request);
  ASSERT_TRUE(first.applied.has_value());
  EXPECT_EQ(first.analysis.plan.counts.by_operation.at("create"), 2u);
  const std::string before = Dump();
  const AppliedImport second = Apply(request);
  ASSERT_TRUE(second.applied.has_value());
  EXPECT_FALSE(second.analysis.plan.blocked);
  EXPECT_EQ(second.analysis.plan.counts.by_operation.at("unchanged"), 2u);
  EXPECT_EQ(second.applied->entities_written, 0u);
  EXPECT_EQ(Dump(), before);
  EXPECT_EQ(second.analysis.plan.rows[0].person.account, first.applied->accounts[0]);
  EXPECT_EQ(second.analysis.plan.rows[1].person.account, first.applied->accounts[1]);
}

TEST_F(ApplyScenarioTest, RevertRestoresTheExactPreviousState) {
  const AppliedImport first = Apply(Request("eleves.csv", kStudents));
  ASSERT_TRUE(first.applied.has_value());
  const std::string before = Dump();
  // A sync that renames one pupil, moves one to another class and drops the third.
  const AppliedImport second =
      Apply(Request("eleves.csv",
                    "Nom;Prénom;Date de naissance;Classe\r\nRAISON;Pablo;16/10/2013;CM2\r\n"
                    "POULAD-MALIN;Hervé;02/01/2014;CM1\r\nMARTIN;Léa;05/05/2014;CM1\r\n",
                    plan::Mode::kSync));
  ASSERT_TRUE(second.applied.has_value());
  EXPECT_EQ(second.analysis.plan.expiries.size(), 1u);
  EXPECT_NE(Dump(), before);
  Result<apply::RevertOutcome> reverted =
      apply::RevertImport(*store_, second.analysis.import_id, "2026-11-22T10:00:00Z");
  ASSERT_TRUE(reverted.has_value()) << reverted.error().message;
  EXPECT_THAT(reverted->conflicts, IsEmpty());
  EXPECT_EQ(Dump(), before);
  Result<std::optional<directory::ImportRecord>> record =
      store_->FindImport(second.analysis.import_id);
  EXPECT_EQ((*record)->state, directory::ImportState::kReverted);
  // Reverting twice is refused; the first import reverts to an empty directory.
  EXPECT_FALSE(
      apply::RevertImport(*store_, second.analysis.import_id, "2026-11-22T10:00:00Z").has_value());
  reverted = apply::RevertImport(*store_, first.analysis.import_id, "2026-11-22T10:00:00Z");
  ASSERT_TRUE(reverted.has_value());
  EXPECT_THAT(reverted->conflicts, IsEmpty());
  EXPECT_THAT(Dump(), ::testing::Not(HasSubstr("pablo.raison")));
  // A reverted account's login is still never given to someone else.
  const AppliedImport again = Apply(Request("eleves.csv", kStudents));
  EXPECT_THAT(CreatedLogins(again),
              ElementsAre("pablo.raison2", "herve.poulad-malin2", "awa.ndiaye2"));
}

TEST_F(ApplyScenarioTest, RevertIsRefusedWhenRecordsChangedSince) {
  const AppliedImport first = Apply(Request("eleves.csv", kStudents));
  ASSERT_TRUE(first.applied.has_value());
  const AppliedImport second = Apply(Request(
      "eleves.csv", "Nom;Prénom;Date de naissance;Classe\r\nRAISON;Pablo;16/10/2013;CM2\r\n"));
  ASSERT_TRUE(second.applied.has_value());
  const std::string before = Dump();
  // The first import cannot be undone: the second changed Pablo's memberships since.
  Result<apply::RevertOutcome> reverted =
      apply::RevertImport(*store_, first.analysis.import_id, "2026-11-22T10:00:00Z");
  ASSERT_TRUE(reverted.has_value());
  ASSERT_FALSE(reverted->conflicts.empty());
  EXPECT_THAT(reverted->conflicts[0].entity, HasSubstr("membership"));
  EXPECT_EQ(Dump(), before);
}

TEST_F(ApplyScenarioTest, SyncPendsDeletionAndPurgeRespectsTheDate) {
  ASSERT_TRUE(Apply(Request("eleves.csv", kStudents)).applied.has_value());
  ImportRequest sync = Request(
      "eleves.csv", "Nom;Prénom;Date de naissance;Classe\r\nRAISON;Pablo;16/10/2013;CM1\r\n",
      plan::Mode::kSync);
  sync.retention_days = 90;
  const AppliedImport synced = Apply(sync);
  ASSERT_TRUE(synced.applied.has_value());
  EXPECT_EQ(synced.analysis.plan.expiries.size(), 2u);
  const std::string purge_date = "2027-02-19";  // 2026-11-21 + 90 days
  Result<apply::PurgeOutcome> early = apply::Purge(*store_, purge_date, "2027-02-19T00:00:00Z");
  ASSERT_TRUE(early.has_value());
  EXPECT_THAT(early->purged, IsEmpty());
  EXPECT_EQ(early->credentials_wiped, 3u);  // kept 7 days: every sealed copy has expired
  Result<apply::PurgeOutcome> due = apply::Purge(*store_, "2027-02-20", "2027-02-20T00:00:00Z");
  ASSERT_TRUE(due.has_value());
  std::vector<std::string> purged;
  for (const directory::Account& account : due->purged) purged.push_back(account.login);
  EXPECT_THAT(purged, ElementsAre("herve.poulad-malin", "awa.ndiaye"));
  EXPECT_THAT(Dump(), ::testing::Not(HasSubstr("awa.ndiaye")));
  // The purged people come back as new accounts with new logins.
  const AppliedImport back = Apply(Request("eleves.csv", kStudents));
  EXPECT_THAT(CreatedLogins(back), ElementsAre("herve.poulad-malin2", "awa.ndiaye2"));
}

TEST_F(ApplyScenarioTest, ReimportRestoresPendingDeletion) {
  ASSERT_TRUE(Apply(Request("eleves.csv", kStudents)).applied.has_value());
  ASSERT_TRUE(
      Apply(Request("eleves.csv",
                    "Nom;Prénom;Date de naissance;Classe\r\nRAISON;Pablo;16/10/2013;CM1\r\n",
                    plan::Mode::kSync))
          .applied.has_value());
  const AppliedImport back = Apply(Request("eleves.csv", kStudents, plan::Mode::kSync));
  ASSERT_TRUE(back.applied.has_value());
  EXPECT_EQ(back.analysis.plan.counts.by_operation.at("restore"), 2u);
  Result<std::vector<directory::UserRow>> users = store_->ListUsers({});
  ASSERT_TRUE(users.has_value());
  for (const directory::UserRow& user : *users) {
    EXPECT_EQ(user.account.state, directory::AccountState::kActive) << user.account.login;
    EXPECT_TRUE(user.affiliations.at(0).active) << user.account.login;
  }
}

TEST_F(ApplyScenarioTest, StalePlanIsRefusedAndAnalysedAgain) {
  const ImportRequest request = Request("eleves.csv", kStudents);
  Result<Analysis> stale = AnalyzeImport(*store_, schema_, request, clock_);
  ASSERT_TRUE(stale.has_value());
  // Another import lands in between.
  ASSERT_TRUE(
      Apply(Request("autres.csv", "Nom;Prénom;Date de naissance\r\nMARTIN;Léa;05/05/2014\r\n"))
          .applied.has_value());
  apply::ApplyOptions options;
  options.import.id = stale->import_id;
  options.import.org = stale->org.id;
  options.import.source = "csv";
  options.now = clock_.now;
  options.key = &*key_;
  Result<apply::ApplyResult> refused =
      apply::ApplyPlan(*store_, stale->snapshot, stale->plan, options);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
}

TEST_F(ApplyScenarioTest, CredentialsAreRecoverableWhileKept) {
  const AppliedImport import = Apply(Request("eleves.csv", kStudents));
  Result<std::vector<report::Letter>> letters =
      RecoverCredentials(*store_, import.analysis.import_id, *key_, clock_.now);
  ASSERT_TRUE(letters.has_value()) << letters.error().message;
  ASSERT_EQ(letters->size(), 3u);
  EXPECT_EQ((*letters)[0].login, "pablo.raison");
  EXPECT_EQ((*letters)[0].group, "CM1");
  EXPECT_EQ((*letters)[0].credential, import.applied->credentials[0]);
  // Another key cannot open them.
  Result<std::vector<report::Letter>> wrong_key = RecoverCredentials(
      *store_, import.analysis.import_id, *apply::SecretKey::Generate(), clock_.now);
  EXPECT_FALSE(wrong_key.has_value());
}

// `rollcall credentials` gave the credentials back after their expiry when no purge had run yet.
TEST_F(ApplyScenarioTest, CredentialsAreNotRecoverableOnceExpired) {
  const AppliedImport import = Apply(Request("eleves.csv", kStudents));
  const std::string id = import.analysis.import_id;
  ASSERT_TRUE(RecoverCredentials(*store_, id, *key_, clock_.now).has_value());
  Result<std::vector<report::Letter>> expired =
      RecoverCredentials(*store_, id, *key_, "2099-01-01T00:00:00Z");
  ASSERT_FALSE(expired.has_value());
  EXPECT_EQ(expired.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(expired.error().message.find("expired"), std::string::npos) << expired.error().message;
}

TEST_F(ApplyScenarioTest, ResultReportHasCredentialsForCreatedAccountsOnly) {
  ASSERT_TRUE(Apply(Request("eleves.csv", kStudents)).applied.has_value());
  const AppliedImport second =
      Apply(Request("eleves.csv", std::string(kStudents) + "MARTIN;Léa;05/05/2014;CM1\r\n"));
  const std::vector<report::ReportTable> tables = ResultReport(second, Language::kEn);
  ASSERT_EQ(tables.size(), 1u);
  const std::vector<std::string>& header = tables[0].header;
  const auto column = [&](std::string_view name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  ASSERT_LT(column("initial_credential"), header.size());
  ASSERT_EQ(tables[0].rows.size(), 4u);
  for (std::size_t row = 0; row < 3; ++row) {
    EXPECT_EQ(tables[0].rows[row][column("operation")], "unchanged");
    EXPECT_EQ(tables[0].rows[row][column("initial_credential")], "");
  }
  EXPECT_EQ(tables[0].rows[3][column("login")], "lea.martin");
  EXPECT_FALSE(tables[0].rows[3][column("initial_credential")].empty());
}

TEST_F(ApplyScenarioTest, ParentsTeachersAndSchoolYearChangeApplyAndRevert) {
  ImportRequest first = Request("eleves.csv", kStudents);
  first.files.push_back({Write("parents.csv",
                               "Nom responsable*;Prénom responsable*;Nom de famille enfant*;Prénom "
                               "enfant*;Classes enfants*\r\nRAISON;Inès;RAISON;Pablo;CM1\r\n"),
                         "guardian",
                         {},
                         0});
  first.files.push_back(
      {Write("enseignants.csv",
             "Civilité*;Nom*;Prénom*;Classe*;Classe\r\nMME;TOM;Véronique;CM1;CM2\r\n"),
       "teacher",
       {},
       0});
  const AppliedImport applied = Apply(first);
  ASSERT_TRUE(applied.applied.has_value());
  EXPECT_EQ(applied.analysis.plan.counts.by_operation.at("link"), 1u);
  EXPECT_THAT(CreatedLogins(applied), ElementsAre("pablo.raison", "herve.poulad-malin",
                                                  "awa.ndiaye", "veronique.tom", "ines.raison"));
  const std::string after_first = Dump();
  EXPECT_THAT(after_first, HasSubstr("|csv|\n"));  // the guardian link, owned by the source
  // Next school year: last year's classes are archived, the new ones created.
  ImportRequest next = Request(
      "eleves.csv", "Nom;Prénom;Date de naissance;Classe\r\nRAISON;Pablo;16/10/2013;CM2\r\n");
  next.period = "2027-2028";
  next.school_year_change = true;
  const AppliedImport changed = Apply(next);
  ASSERT_TRUE(changed.applied.has_value());
  std::size_t archived = 0;
  for (const plan::GroupChange& group : changed.analysis.plan.groups) {
    archived += group.kind == plan::GroupChange::Kind::kArchive ? 1 : 0;
  }
  EXPECT_EQ(archived, 2u);
  Result<apply::RevertOutcome> reverted =
      apply::RevertImport(*store_, changed.analysis.import_id, "2027-09-02T10:00:00Z");
  ASSERT_TRUE(reverted.has_value());
  EXPECT_THAT(reverted->conflicts, IsEmpty());
  EXPECT_EQ(Dump(), after_first);
}

TEST_F(ApplyScenarioTest, BlockedPlanWritesNothing) {
  const std::string before = Dump();
  const AppliedImport import =
      Apply(Request("eleves.csv", "Nom;Prénom;Date de naissance\r\nRAISON;;16/10/2013\r\n"));
  EXPECT_FALSE(import.applied.has_value());
  EXPECT_EQ(Dump(), before);
}

}  // namespace
}  // namespace rollcall::service
