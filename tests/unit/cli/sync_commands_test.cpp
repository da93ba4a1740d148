// End to end: `rollcall sync`, `sync-settings` and `serve` on a temporary SQLite file and drop
// folder (issue 6), including a sync refused because another process holds the org's lock.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/test_support.hpp"

namespace rollcall::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr const char kStudents[] =
    "Nom*;Prénom*;Date de naissance*;Classe*\r\n"
    "RAISON;Pablo;16/10/2013;CM1\r\n"
    "POULAD-MALIN;Hervé;02/01/2014;CM1\r\n";

class SyncCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(Run({"init"}).exit_code, 0);
    ASSERT_EQ(Run({"org", "add", "0751234A", "École Jean Jaurès"}).exit_code, 0);
    fs::create_directories(Folder() / "import/user/internal");
    WriteFile(UserFile(), kStudents);
  }
  fs::path DbFile() const { return dir_ / "t.db"; }
  fs::path Folder() const { return dir_ / "drop"; }
  fs::path UserFile() const { return Folder() / "import/user/internal/eleves.csv"; }
  std::vector<std::string> WithDb(std::vector<std::string> arguments) const {
    arguments.push_back("--db");
    arguments.push_back("sqlite:" + DbFile().string());
    return arguments;
  }
  CommandResult Run(std::vector<std::string> arguments) const {
    return RunRollcall(WithDb(std::move(arguments)));
  }
  nlohmann::json RunJson(std::vector<std::string> arguments, int expected_exit = 0) const {
    arguments.push_back("--json");
    const CommandResult result = Run(std::move(arguments));
    EXPECT_EQ(result.exit_code, expected_exit) << result.err;
    return nlohmann::json::parse(result.out, nullptr, false);
  }

  TempDir dir_;
};

TEST_F(SyncCommands, DryRunThenApplyArchivesAndASecondRunDoesNothing) {
  const nlohmann::json dry = RunJson({"sync", Folder().string(), "--org", "0751234A"});
  EXPECT_EQ(dry["apply"], false);
  EXPECT_EQ(dry["files"][0]["outcome"], "analyzed");
  EXPECT_EQ(dry["files"][0]["import"]["counts"]["create"], 2);
  EXPECT_TRUE(fs::exists(UserFile()));
  EXPECT_FALSE(fs::exists(Folder() / "archive"));

  const CommandResult applied = Run({"sync", Folder().string(), "--org", "0751234A", "--apply"});
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_THAT(applied.out, HasSubstr("import/user/internal/eleves.csv (student): applied"));
  EXPECT_THAT(applied.out, HasSubstr("eleves.report.csv"));
  EXPECT_FALSE(fs::exists(UserFile()));

  const nlohmann::json again = RunJson({"sync", Folder().string(), "--org", "0751234A", "--apply"});
  EXPECT_EQ(again["outcome"], "ok: nothing to do");
  EXPECT_TRUE(again["files"].empty());
}

TEST_F(SyncCommands, SettingsRoundTripAndABadTimeIsAUsageError) {
  EXPECT_EQ(
      Run({"sync-settings", "--org", "0751234A", "--folder", Folder().string(), "--time", "25:00"})
          .exit_code,
      2);
  EXPECT_EQ(Run({"sync-settings", "--org", "0751234A", "--time", "03:00"}).exit_code, 2);
  EXPECT_EQ(Run({"sync-settings", "--org", "0751234A", "--enable", "--disable"}).exit_code, 2);
  EXPECT_EQ(Run({"sync-settings", "--org", "nope", "--folder", "/x"}).exit_code, 3);
  const nlohmann::json set = RunJson({"sync-settings", "--org", "0751234A", "--folder",
                                      Folder().string(), "--time", "06:45", "--enable"});
  ASSERT_EQ(set["sync_settings"].size(), 1u);
  EXPECT_EQ(set["sync_settings"][0]["folder"], Folder().string());
  EXPECT_EQ(set["sync_settings"][0]["daily_time"], "06:45");
  EXPECT_EQ(set["sync_settings"][0]["enabled"], true);
  ASSERT_EQ(Run({"sync-settings", "--org", "0751234A", "--disable"}).exit_code, 0);
  const nlohmann::json listed = RunJson({"sync-settings"});
  EXPECT_EQ(listed["sync_settings"][0]["enabled"], false);
  EXPECT_EQ(listed["sync_settings"][0]["daily_time"], "06:45");
  EXPECT_EQ(listed["sync_settings"][0]["last_run_at"], "");
  const CommandResult text = Run({"sync-settings"});
  EXPECT_THAT(text.out, HasSubstr("never"));
}

TEST_F(SyncCommands, SyncNowRunsTheStoredFolderAndRecordsIt) {
  EXPECT_EQ(Run({"sync", "--org", "0751234A", "--now", "--apply"}).exit_code, 3);  // no settings
  EXPECT_EQ(Run({"sync", Folder().string(), "--org", "0751234A", "--now"}).exit_code, 2);
  EXPECT_EQ(Run({"sync", "--org", "0751234A"}).exit_code, 2);
  ASSERT_EQ(Run({"sync-settings", "--org", "0751234A", "--folder", Folder().string()}).exit_code,
            0);
  const nlohmann::json ran = RunJson({"sync", "--org", "0751234A", "--now", "--apply"});
  EXPECT_EQ(ran["files"][0]["outcome"], "applied");
  const nlohmann::json listed = RunJson({"sync-settings"});
  EXPECT_EQ(listed["sync_settings"][0]["last_outcome"], "ok: 1 applied");
  EXPECT_NE(listed["sync_settings"][0]["last_run_at"], "");
}

TEST_F(SyncCommands, ASyncIsRefusedWhileAnotherProcessHoldsTheOrgsLock) {
  QueryOne(DbFile(),
           "INSERT INTO org_lock(org_id, holder, acquired_at, expires_at) VALUES "
           "(1, 'other-host pid 4242 #1', '2026-11-21T10:00:00Z', '2999-01-01T00:00:00Z')");
  const CommandResult refused = Run({"sync", Folder().string(), "--org", "0751234A", "--apply"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("already running (other-host pid 4242 #1"));
  EXPECT_TRUE(fs::exists(UserFile()));
}

TEST_F(SyncCommands, ServeRunsDueSyncsAndStopsCleanlyOnSigterm) {
  ASSERT_EQ(Run({"sync-settings", "--org", "0751234A", "--folder", Folder().string(), "--time",
                 "00:00", "--enable"})
                .exit_code,
            0);
  const int pid = StartRollcall(WithDb({"serve", "--interval", "1"}));
  ASSERT_GT(pid, 0);
  // The first pass runs at once: 00:00 has passed today and the org never ran.
  for (int attempt = 0; attempt < 150 && fs::exists(UserFile()); ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_FALSE(fs::exists(UserFile()));
  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  const nlohmann::json listed = RunJson({"sync-settings"});
  EXPECT_EQ(listed["sync_settings"][0]["last_outcome"], "ok: 1 applied");
}

}  // namespace
}  // namespace rollcall::testing
