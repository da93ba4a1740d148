// The seeds' scenarios (issue 4), on a temporary SQLite file: the directory is set up through the
// store, the files written to disk, and the import analysed as `rollcall import` does.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "service/import_service.hpp"
#include "service/import_summary.hpp"
#include "store/open_store.hpp"
#include "support/test_support.hpp"

namespace rollcall::service {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class ImportScenarioTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<directory::Store>> opened =
        store::OpenStore("sqlite:" + (dir_ / "rollcall.db").string());
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->Migrate().has_value());
    school_a_ = store_->AddOrg("0751234A", "École Jean Jaurès", std::nullopt)->id;
    school_b_ = store_->AddOrg("0759999Z", "École Louise Michel", std::nullopt)->id;
  }

  std::filesystem::path Write(const std::string& name, const std::string& text) {
    testing::WriteFile(dir_ / name, text);
    return dir_ / name;
  }

  // Puts people and groups in the directory, as earlier imports or an administrator would have.
  directory::Id AddAccount(directory::Transaction& transaction, const std::string& login,
                           const std::string& last, const std::string& first,
                           const std::string& birth = "") {
    directory::Account account;
    account.login = login;
    account.last_name = last;
    account.first_name = first;
    account.birth_date = birth;
    account.created_at = account.updated_at = "2026-09-01T08:00:00Z";
    return *transaction.InsertAccount(account);
  }
  void Affiliate(directory::Transaction& transaction, directory::Id account, directory::Id org,
                 const std::string& profile, const std::string& source,
                 const std::string& external_id = "") {
    ASSERT_TRUE(transaction
                    .InsertAffiliation(directory::Affiliation{0, account, org, profile, source,
                                                              external_id, true, ""})
                    .has_value());
  }
  directory::Id AddGroup(directory::Transaction& transaction, const std::string& name,
                         directory::GroupKind kind = directory::GroupKind::kClass,
                         const std::string& source = "csv") {
    return *transaction.InsertGroup(
        directory::Group{0, school_a_, kind, name, "2026-2027", false, source});
  }

  Analysis Analyze(ImportRequest request) {
    request.org_code = request.org_code.empty() ? "0751234A" : request.org_code;
    request.period = "2026-2027";
    Result<Analysis> analysis = AnalyzeImport(*store_, schema_, request, clock_);
    EXPECT_TRUE(analysis.has_value()) << analysis.error().message;
    return analysis ? std::move(analysis).value() : Analysis{};
  }

  static std::map<std::string, std::size_t> Counts(const Analysis& analysis) {
    std::map<std::string, std::size_t> counts;
    for (const auto& [operation, count] : analysis.plan.counts.by_operation) {
      if (count != 0) counts[operation] = count;
    }
    return counts;
  }

  testing::TempDir dir_;
  std::unique_ptr<directory::Store> store_;
  mapping::Schema schema_ = mapping::DefaultSchema();
  Clock clock_{"2026-11-21", "2026-11-21T10:00:00Z"};
  directory::Id school_a_ = 0, school_b_ = 0;
};

TEST_F(ImportScenarioTest, FirstOneImportOfStudentsParentsAndTeachers) {
  ImportRequest request;
  request.files = {
      {Write("eleves.csv",
             "Nom*;Prénom*;Date de naissance*;Classe*\r\nCHARDOT;Benoît;14/02/2017;CLASSE 1\r\n"
             "CHARDOT;Olivia;14/02/2017;CLASSE 1\r\nRAISON;Pablo;16/10/2013;CLASSE 2\r\n"),
       "",
       {},
       0},
      {Write("parents.csv",
             "Nom responsable*;Prénom responsable*;Nom de famille enfant*;Prénom enfant*;Classes "
             "enfants*;Nom de famille enfant;Prénom enfant;Classes enfants\r\n"
             "CHARDOT;Aline;CHARDOT;BENOIT;CLASSE 1;CHARDOT;OLIVIA;CLASSE 1\r\n"
             "CHARDOT;François;CHARDOT;BENOIT;CLASSE 1;CHARDOT;OLIVIA;CLASSE 1\r\n"),
       "",
       {},
       0},
      {Write("enseignants.csv",
             "Civilité*;Nom*;Prénom*;Classe*;Classe\r\nMME;DUPONT;Jean;CLASSE 1;\r\n"
             "MME;TOM;Véronique;CLASSE 1;CLASSE 2\r\n"),
       "",
       {},
       0}};
  const Analysis analysis = Analyze(request);
  EXPECT_EQ(analysis.files[0].profile->id, "student");
  EXPECT_EQ(analysis.files[1].profile->id, "guardian");
  EXPECT_EQ(analysis.files[2].profile->id, "teacher");
  EXPECT_FALSE(analysis.plan.blocked);
  EXPECT_EQ(Counts(analysis),
            (std::map<std::string, std::size_t>{{"create", 7}, {"enroll", 6}, {"link", 4}}));
  const nlohmann::ordered_json json = ImportSummaryJson(analysis, "analyzed");
  EXPECT_EQ(json["groups"]["create"], nlohmann::json({"CLASSE 1", "CLASSE 2"}));
  EXPECT_EQ(json["by_profile"]["guardian"]["create"], 2);
}

TEST_F(ImportScenarioTest, MnsproDeltaImportNameAndClassChange) {
  auto transaction = std::move(store_->Begin()).value();
  const directory::Id lena = AddAccount(*transaction, "lena.meier", "Meier", "Lena");
  Affiliate(*transaction, lena, school_a_, "student", "csv", "4711");
  const directory::Id five_a = AddGroup(*transaction, "5a");
  ASSERT_TRUE(transaction->InsertMembership(directory::Membership{lena, five_a, "csv"}));
  ASSERT_TRUE(transaction->Commit());
  ImportRequest request;
  request.files = {{Write("schueler.csv",
                          "Vorname,Nachname,Referenz-ID,Gruppen#Klasse,Gruppen#Kurs\n"
                          "Lena,Schulz,4711,6a,Mathe-6a\n"),
                    "student",
                    {},
                    0}};
  const Analysis analysis = Analyze(request);
  EXPECT_EQ(Counts(analysis),
            (std::map<std::string, std::size_t>{{"update", 1}, {"enroll", 2}, {"unenroll", 1}}));
  EXPECT_EQ(analysis.plan.rows[0].person.account, lena);
  EXPECT_EQ(analysis.plan.rows[0].changes[0].after, "Schulz");
}

TEST_F(ImportScenarioTest, LogineoUpdateImportWithExpiredAccounts) {
  auto transaction = std::move(store_->Begin()).value();
  const directory::Id rudi = AddAccount(*transaction, "rudi.rosemann", "Rosemann", "Rudi");
  Affiliate(*transaction, rudi, school_a_, "student", "csv", "Q-2");
  const directory::Id ali = AddAccount(*transaction, "ali.kaya", "Kaya", "Ali");
  Affiliate(*transaction, ali, school_a_, "student", "csv", "Q-1");
  const directory::Id admin = AddAccount(*transaction, "maria.admin", "Admin", "Maria");
  Affiliate(*transaction, admin, school_a_, "student", "manual");
  const directory::Id special =
      AddGroup(*transaction, "LOGINEO NRW-Gruppe", directory::GroupKind::kProtected, "manual");
  ASSERT_TRUE(transaction->InsertMembership(directory::Membership{ali, special, "manual"}));
  ASSERT_TRUE(transaction->Commit());
  ImportRequest request;
  request.mode = plan::Mode::kSync;
  request.files = {{Write("tabelle.csv", "Quell-Id;Nachname;Vorname;Gruppen\nQ-1;Kaya;Ali;5a\n"),
                    "student",
                    {},
                    0}};
  const Analysis analysis = Analyze(request);
  ASSERT_EQ(analysis.plan.expiries.size(), 1u);
  EXPECT_EQ(analysis.plan.expiries[0].account, rudi);  // the manual user is untouched
  EXPECT_TRUE(analysis.plan.expiries[0].account_pending_deletion);
  EXPECT_EQ(analysis.plan.expiries[0].purge_date, "2027-02-19");
  for (const plan::MembershipChange& change : analysis.plan.memberships) {
    EXPECT_NE(change.group.group, special);  // the protected group's membership survives
  }
}

TEST_F(ImportScenarioTest, TeacherExportedForTwoSchoolsIsOneAccount) {
  auto transaction = std::move(store_->Begin()).value();
  const directory::Id annie = AddAccount(*transaction, "annie.durand", "DURAND", "Annie");
  Affiliate(*transaction, annie, school_b_, "teacher", "csv", "T-42");
  ASSERT_TRUE(transaction->Commit());
  ImportRequest request;
  request.files = {
      {Write("profs.csv", "externalid;Nom;Prénom\nT-42;DURAND;Annie\n"), "teacher", {}, 0}};
  Analysis analysis = Analyze(request);
  EXPECT_EQ(Counts(analysis), (std::map<std::string, std::size_t>{{"update", 1}}));
  EXPECT_TRUE(analysis.plan.rows[0].new_affiliation);
  EXPECT_EQ(analysis.plan.rows[0].person.account, annie);
  // Expiring her school-B affiliation keeps the account when she is affiliated with A too.
  transaction = std::move(store_->Begin()).value();
  Affiliate(*transaction, annie, school_a_, "teacher", "csv", "T-42");
  ASSERT_TRUE(transaction->Commit());
  request.org_code = "0759999Z";
  request.mode = plan::Mode::kSync;
  request.files = {
      {Write("autres.csv", "externalid;Nom;Prénom\nT-7;TOM;Véronique\n"), "teacher", {}, 0}};
  analysis = Analyze(request);
  ASSERT_EQ(analysis.plan.expiries.size(), 1u);
  EXPECT_EQ(analysis.plan.expiries[0].account, annie);
  EXPECT_FALSE(analysis.plan.expiries[0].account_pending_deletion);
}

TEST_F(ImportScenarioTest, SameInputsGiveTheSameIdAndByteIdenticalJson) {
  ImportRequest request;
  request.files = {{Write("eleves.csv",
                          "Nom;Prénom;Date de naissance;Classe\nA;B;01/02/2015;CP\n"
                          "C;D;31/02/2015;CP\n"),
                    "student",
                    {},
                    0}};
  const Analysis first = Analyze(request);
  const Analysis second = Analyze(request);
  EXPECT_EQ(first.import_id, second.import_id);
  EXPECT_EQ(ImportSummaryJson(first, "blocked").dump(),
            ImportSummaryJson(second, "blocked").dump());
  EXPECT_TRUE(first.plan.blocked);
  request.skip_invalid_rows = true;
  EXPECT_NE(Analyze(request).import_id, first.import_id);
}

TEST_F(ImportScenarioTest, DraftIsKeptInTheStore) {
  ImportRequest request;
  request.files = {{Write("profs.csv", "Nom;Prénom\nTOM;Véronique\n"), "teacher", {}, 0}};
  const Analysis analysis = Analyze(request);
  ASSERT_TRUE(SaveDraft(*store_, analysis, request, directory::ImportState::kAnalyzed, "{}", clock_)
                  .has_value());
  Result<std::optional<directory::ImportRecord>> found = store_->FindImport(analysis.import_id);
  ASSERT_TRUE(found.has_value());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->state, directory::ImportState::kAnalyzed);
  EXPECT_EQ((*found)->period, "2026-2027");
}

TEST_F(ImportScenarioTest, UnknownOrgAndUnguessableProfileAreErrors) {
  ImportRequest request;
  request.org_code = "NOPE";
  request.files = {{Write("liste.csv", "Nom;Prénom\nA;B\n"), "", {}, 0}};
  EXPECT_EQ(AnalyzeImport(*store_, schema_, request, clock_).error().code, ErrorCode::kNotFound);
  request.org_code = "0751234A";
  EXPECT_EQ(AnalyzeImport(*store_, schema_, request, clock_).error().code,
            ErrorCode::kInvalidArgument);
}

TEST(SchoolYearOf, SeptemberStartsTheYear) {
  EXPECT_EQ(SchoolYearOf("2026-11-21"), "2026-2027");
  EXPECT_EQ(SchoolYearOf("2027-08-31"), "2026-2027");
  EXPECT_EQ(SchoolYearOf("2027-09-01"), "2027-2028");
}

}  // namespace
}  // namespace rollcall::service
