// A drop-folder sync end to end on a temporary SQLite file and folder (issue 6): a dry run moves
// and writes nothing; with apply every processed file is archived with its report and a second run
// does nothing; the same file dropped again is all `unchanged`; links are refused; the role files
// are synced as `rollcall roles sync` does; a second sync of the org is refused while the first
// holds the lock, from another connection as from another process.
#include "service/folder_sync.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "service/org_lock.hpp"
#include "store/open_store.hpp"
#include "support/test_support.hpp"

namespace rollcall::service {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char kStudents[] =
    "Nom*;Prénom*;Date de naissance*;Classe*\r\n"
    "RAISON;Pablo;16/10/2013;CM1\r\n"
    "POULAD-MALIN;Hervé;02/01/2014;CM1\r\n"
    "N'DIAYE;Awa;03/03/2014;CM2\r\n";
constexpr const char kUserFolder[] = "import/user/internal";

class FolderSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = Open();
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(store_->Migrate().has_value());
    Result<directory::Org> org = store_->AddOrg("0751234A", "École Jean Jaurès", std::nullopt);
    ASSERT_TRUE(org.has_value());
    org_ = *org;
    Result<apply::SecretKey> key = apply::SecretKey::Generate();
    ASSERT_TRUE(key.has_value());
    key_.emplace(*key);
    fs::create_directories(Folder() / kUserFolder);
  }

  std::unique_ptr<directory::Store> Open() const {
    Result<std::unique_ptr<directory::Store>> opened =
        store::OpenStore("sqlite:" + (dir_ / "rollcall.db").string());
    EXPECT_TRUE(opened.has_value()) << opened.error().message;
    return opened ? std::move(opened).value() : nullptr;
  }
  fs::path Folder() const { return dir_ / "drop"; }
  fs::path Drop(const std::string& name, const std::string& text = kStudents) {
    const fs::path path = Folder() / kUserFolder / name;
    fs::create_directories(path.parent_path());
    testing::WriteFile(path, text);
    return path;
  }
  std::string Dump() const { return testing::DumpDirectory(dir_ / "rollcall.db"); }

  FolderSyncRequest Request(bool apply) const {
    FolderSyncRequest request;
    request.org_code = "0751234A";
    request.folder = Folder();
    request.apply = apply;
    request.lock_holder = "test";
    return request;
  }
  FolderSyncResult Sync(bool apply) {
    Result<FolderSyncResult> result =
        SyncFolder(*store_, schema_, Request(apply), clock_, settings_, &*key_);
    EXPECT_TRUE(result.has_value()) << result.error().message;
    return result ? std::move(result).value() : FolderSyncResult{};
  }

  testing::TempDir dir_;
  std::unique_ptr<directory::Store> store_;
  directory::Org org_;
  mapping::Schema schema_ = mapping::DefaultSchema();
  Clock clock_{"2026-11-21", "2026-11-21T10:00:00Z"};
  AccountSettings settings_;
  std::optional<apply::SecretKey> key_;
};

TEST_F(FolderSyncTest, DryRunPlansEveryFileButMovesAndWritesNothing) {
  const fs::path file = Drop("eleves.csv");
  const std::string before = Dump();
  const FolderSyncResult result = Sync(false);
  ASSERT_EQ(result.files.size(), 1u);
  EXPECT_EQ(result.files[0].path, "import/user/internal/eleves.csv");
  EXPECT_EQ(result.files[0].profile, "student");
  EXPECT_EQ(result.files[0].outcome, FileOutcome::kAnalyzed);
  EXPECT_EQ(result.files[0].summary["counts"]["create"], 3);
  EXPECT_TRUE(result.files[0].archived.empty());
  EXPECT_FALSE(result.NeedsAttention());
  EXPECT_TRUE(fs::exists(file));
  EXPECT_FALSE(fs::exists(Folder() / "archive"));
  EXPECT_EQ(Dump(), before);
}

TEST_F(FolderSyncTest, ApplyArchivesEachFileWithItsReportAndIsIdempotent) {
  Drop("eleves.csv");
  const FolderSyncResult first = Sync(true);
  ASSERT_EQ(first.files.size(), 1u);
  const SyncedFile& applied = first.files[0];
  EXPECT_EQ(applied.outcome, FileOutcome::kApplied) << applied.note;
  EXPECT_EQ(first.stamp, "2026-11-21T10-00-00Z");
  EXPECT_EQ(applied.archived, "archive/2026-11-21T10-00-00Z/import/user/internal/eleves.csv");
  EXPECT_EQ(applied.report, "archive/2026-11-21T10-00-00Z/import/user/internal/eleves.report.csv");
  EXPECT_EQ(first.Outcome(), "ok: 1 applied");
  EXPECT_FALSE(fs::exists(Folder() / kUserFolder / "eleves.csv"));
  EXPECT_EQ(testing::ReadFile(Folder() / applied.archived), kStudents);
  const std::string report = testing::ReadFile(Folder() / applied.report);
  EXPECT_THAT(report, HasSubstr("pablo.raison"));
  EXPECT_THAT(report, HasSubstr(";create;"));
  // The connector folder is shared with the exporting system: no credentials in it.
  EXPECT_THAT(report, Not(HasSubstr("initial_credential")));

  // A second run finds nothing to do and changes nothing.
  const std::string after = Dump();
  const FolderSyncResult second = Sync(true);
  EXPECT_THAT(second.files, IsEmpty());
  EXPECT_EQ(second.Outcome(), "ok: nothing to do");
  EXPECT_EQ(Dump(), after);

  // The same file dropped again (in the same second: a fresh archive folder) is all unchanged.
  Drop("eleves.csv");
  const FolderSyncResult again = Sync(true);
  ASSERT_EQ(again.files.size(), 1u);
  EXPECT_EQ(again.files[0].outcome, FileOutcome::kApplied);
  EXPECT_EQ(again.files[0].summary["counts"]["unchanged"], 3);
  EXPECT_EQ(again.files[0].summary["counts"]["create"], 0);
  EXPECT_EQ(again.stamp, "2026-11-21T10-00-00Z-2");
  EXPECT_THAT(testing::ReadFile(Folder() / again.files[0].report), HasSubstr(";unchanged;"));
  EXPECT_EQ(Dump(), after);
}

// A password column of the file stays out of the shared connector folder: the archived report
// masks it (the result protocol of `rollcall credentials` is where it may be read).
TEST_F(FolderSyncTest, PasswordColumnIsMaskedInTheArchivedReport) {
  Drop("eleves.csv",
       "Nom*;Prénom*;Date de naissance*;Classe*;Mot de passe\r\n"
       "RAISON;Pablo;16/10/2013;CM1;Tr0ub4dor&3xyz\r\n");
  const FolderSyncResult result = Sync(true);
  ASSERT_EQ(result.files.size(), 1u);
  ASSERT_EQ(result.files[0].outcome, FileOutcome::kApplied) << result.files[0].note;
  const std::string report = testing::ReadFile(Folder() / result.files[0].report);
  EXPECT_THAT(report, HasSubstr("pablo.raison"));
  EXPECT_THAT(report, Not(HasSubstr("Tr0ub4dor")));
  EXPECT_THAT(report, HasSubstr("********"));
}

TEST_F(FolderSyncTest, BlockedFileIsArchivedWithTheReasonAndNothingApplied) {
  Drop("eleves.csv", "Nom;Prénom;Date de naissance\r\nRAISON;;16/10/2013\r\n");
  const std::string before = Dump();
  const FolderSyncResult result = Sync(true);
  ASSERT_EQ(result.files.size(), 1u);
  EXPECT_EQ(result.files[0].outcome, FileOutcome::kBlocked);
  EXPECT_TRUE(result.NeedsAttention());
  EXPECT_THAT(result.Outcome(), HasSubstr("attention: 1 blocked"));
  EXPECT_THAT(testing::ReadFile(Folder() / result.files[0].report), HasSubstr(";error;"));
  EXPECT_EQ(Dump(), before);
}

TEST_F(FolderSyncTest, FileNamingNoProfileStaysInPlaceAndRoleFilesAreSynced) {
  const fs::path unnamed = Drop("export.csv");
  const fs::path roles =
      Drop("user_role/role.csv",
           "Nom;Cours;Spécificateur du champ d'application du catalogue;Champ d'application des "
           "groupes d'utilisateurs Spécificateur\nAuteur ventes;ÉCRITURE | RAPPORT;FULL;FULL\n");
  const fs::path assignments = Drop("user_role/user_role.csv", "email;role\n");
  const FolderSyncResult result = Sync(true);
  ASSERT_EQ(result.files.size(), 3u);
  EXPECT_EQ(result.files[0].path, "import/user/internal/export.csv");
  EXPECT_EQ(result.files[0].outcome, FileOutcome::kNotProcessed);
  EXPECT_THAT(result.files[0].note, HasSubstr("names no profile"));
  EXPECT_TRUE(fs::exists(unnamed));
  EXPECT_EQ(result.files[1].path, "import/user/internal/user_role/role.csv");
  EXPECT_EQ(result.files[1].outcome, FileOutcome::kApplied) << result.files[1].note;
  EXPECT_EQ(result.files[2].path, "import/user/internal/user_role/user_role.csv");
  EXPECT_EQ(result.files[2].outcome, FileOutcome::kApplied);
  // Both archived with their reports; the role exists.
  EXPECT_FALSE(fs::exists(roles));
  EXPECT_FALSE(fs::exists(assignments));
  EXPECT_TRUE(fs::exists(Folder() / result.files[1].report));
  EXPECT_THAT(testing::ReadFile(Folder() / result.files[1].report), HasSubstr("Auteur ventes"));
  Result<std::vector<directory::CustomRole>> stored = store_->ListCustomRoles();
  ASSERT_TRUE(stored.has_value());
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ(stored->front().name, "Auteur ventes");
  EXPECT_TRUE(result.NeedsAttention());  // the unnamed user file, not the role files
}

TEST_F(FolderSyncTest, StudentsFilesComeBeforeGuardiansFiles) {
  Drop("a-parents.csv", "Nom;Prénom\r\nRAISON;Marie\r\n");
  Drop("b-eleves.csv");
  const FolderSyncResult result = Sync(false);
  ASSERT_EQ(result.files.size(), 2u);
  EXPECT_EQ(result.files[0].profile, "student");
  EXPECT_EQ(result.files[1].profile, "guardian");
}

TEST_F(FolderSyncTest, SymbolicLinkInTheFolderIsRefusedAndItsTargetUntouched) {
  testing::TempDir outside;
  testing::WriteFile(outside / "eleves.csv", kStudents);
  fs::create_symlink(outside / "eleves.csv", Folder() / kUserFolder / "eleves.csv");
  const std::string before = Dump();
  const FolderSyncResult result = Sync(true);
  EXPECT_THAT(result.files, IsEmpty());
  ASSERT_EQ(result.refused.size(), 1u);
  EXPECT_THAT(result.refused[0], HasSubstr("symbolic link"));
  EXPECT_TRUE(result.NeedsAttention());
  EXPECT_TRUE(fs::exists(outside / "eleves.csv"));
  EXPECT_EQ(Dump(), before);
  // The folder itself as a link is refused outright.
  fs::create_directory_symlink(Folder(), dir_ / "link");
  FolderSyncRequest request = Request(true);
  request.folder = dir_ / "link";
  Result<FolderSyncResult> linked =
      SyncFolder(*store_, schema_, request, clock_, settings_, &*key_);
  ASSERT_FALSE(linked.has_value());
  EXPECT_EQ(linked.error().code, ErrorCode::kRefused);
}

TEST_F(FolderSyncTest, ASecondSyncOfTheOrgIsRefusedWhileTheFirstHoldsTheLock) {
  const fs::path file = Drop("eleves.csv");
  // Another process holds the org's lock: a second connection on the same file.
  std::unique_ptr<directory::Store> other = Open();
  ASSERT_NE(other, nullptr);
  Result<OrgLockGuard> held =
      OrgLockGuard::Take(*other, org_, "host-2 pid 77", Clock::System().now, std::chrono::hours(1));
  ASSERT_TRUE(held.has_value()) << held.error().message;
  Result<FolderSyncResult> refused =
      SyncFolder(*store_, schema_, Request(true), clock_, settings_, &*key_);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_THAT(refused.error().message, HasSubstr("already running (host-2 pid 77"));
  EXPECT_TRUE(fs::exists(file));
  ASSERT_TRUE(held->Release().has_value());
  EXPECT_EQ(Sync(true).files.at(0).outcome, FileOutcome::kApplied);
}

TEST_F(FolderSyncTest, AStaleLockOfACrashedSyncExpires) {
  Drop("eleves.csv");
  const directory::OrgLock crashed{org_.id, "crashed", "2020-01-01T00:00:00Z",
                                   "2020-01-01T01:00:00Z"};
  ASSERT_EQ(store_->AcquireOrgLock(crashed, "2020-01-01T00:00:00Z")->holder, "crashed");
  EXPECT_EQ(Sync(true).files.at(0).outcome, FileOutcome::kApplied);
  // The sync released its lock: anyone may take it now.
  const directory::OrgLock next{org_.id, "next", "2030-01-01T00:00:00Z", "2030-01-01T01:00:00Z"};
  EXPECT_EQ(store_->AcquireOrgLock(next, "2030-01-01T00:00:00Z")->holder, "next");
}

TEST_F(FolderSyncTest, TheLockOfAKilledProcessOfThisHostIsTakenOver) {
  // A process of this host that held the lock and is gone (killed in the middle of an apply).
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ASSERT_GT(child, 0);
  ASSERT_EQ(::waitpid(child, nullptr, 0), child);
  const std::string holder = DefaultLockHolder();
  const std::string dead =
      holder.substr(0, holder.find(" pid ")) + fmt::format(" pid {} #1", child);
  const std::string now = Clock::System().now;
  ASSERT_EQ(store_->AcquireOrgLock({org_.id, dead, now, "2999-01-01T00:00:00Z"}, now)->holder,
            dead);
  Result<OrgLockGuard> taken = LockOrgForApply(*store_, org_.code, now);
  EXPECT_TRUE(taken.has_value()) << taken.error().message;
  // A live holder keeps it.
  ASSERT_TRUE(taken->Release().has_value());
  ASSERT_TRUE(store_->AcquireOrgLock({org_.id, holder, now, "2999-01-01T00:00:00Z"}, now));
  EXPECT_FALSE(LockOrgForApply(*store_, org_.code, now).has_value());
}

TEST_F(FolderSyncTest, UnknownOrgOrMissingFolderIsAnError) {
  FolderSyncRequest request = Request(false);
  request.org_code = "nope";
  Result<FolderSyncResult> unknown =
      SyncFolder(*store_, schema_, request, clock_, settings_, nullptr);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  request = Request(false);
  request.folder = dir_ / "missing";
  Result<FolderSyncResult> missing =
      SyncFolder(*store_, schema_, request, clock_, settings_, nullptr);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace rollcall::service
