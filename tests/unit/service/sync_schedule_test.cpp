// When the daily sync of an org is due (DueSyncs), the settings an administrator sets, "sync now"
// recording its run, and one scheduler pass with an injected clock (issue 6).
#include "service/sync_schedule.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "service/scheduler.hpp"
#include "service/sync_settings.hpp"
#include "store/open_store.hpp"
#include "support/test_support.hpp"

namespace rollcall::service {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

directory::SyncSettings Daily(directory::Id org, const std::string& time, bool enabled = true,
                              const std::string& last_run = "") {
  return directory::SyncSettings{org, "/srv/drop", enabled, time, last_run, ""};
}

TEST(DailyTime, IsTwoDigitHoursAndMinutes) {
  EXPECT_EQ(ParseDailyTime("00:00"), 0);
  EXPECT_EQ(ParseDailyTime("02:30"), 150);
  EXPECT_EQ(ParseDailyTime("23:59"), 23 * 60 + 59);
  for (const char* bad : {"24:00", "12:60", "2:30", "02:3", "0230", "ab:cd", "", "02:30 "}) {
    EXPECT_FALSE(ParseDailyTime(bad)) << bad;
  }
}

TEST(Timestamps, RoundTripAndRejectMalformedOnes) {
  const auto time = ParseTimestamp("2026-02-28T23:59:30Z");
  ASSERT_TRUE(time);
  EXPECT_EQ(FormatTimestamp(*time + std::chrono::seconds(30)), "2026-03-01T00:00:00Z");
  EXPECT_FALSE(ParseTimestamp("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(ParseTimestamp("2026-02-28 23:59:30"));
  EXPECT_FALSE(ParseTimestamp(""));
}

TEST(DueSyncs, BeforeTheDailyTimeNothingIsDue) {
  EXPECT_THAT(DueSyncs({Daily(1, "14:00")}, "2026-11-21T13:59:59Z", 0), IsEmpty());
}

TEST(DueSyncs, AfterTheDailyTimeAnOrgThatHasNotRunSinceIsDue) {
  EXPECT_THAT(DueSyncs({Daily(1, "14:00")}, "2026-11-21T14:00:00Z", 0), ElementsAre(1));
  // Ran yesterday, or this morning before the time ("sync now"): due again.
  EXPECT_THAT(DueSyncs({Daily(1, "14:00", true, "2026-11-20T14:00:03Z"),
                        Daily(2, "14:00", true, "2026-11-21T09:00:00Z")},
                       "2026-11-21T16:30:00Z", 0),
              ElementsAre(1, 2));
}

TEST(DueSyncs, AnOrgThatAlreadyRanTodayIsNotDueAgain) {
  EXPECT_THAT(
      DueSyncs({Daily(1, "14:00", true, "2026-11-21T14:00:02Z")}, "2026-11-21T23:59:00Z", 0),
      IsEmpty());
}

TEST(DueSyncs, DisabledOrMalformedSettingsAreNeverDue) {
  EXPECT_THAT(DueSyncs({Daily(1, "00:00", false), Daily(2, "25:00")}, "2026-11-21T23:00:00Z", 0),
              IsEmpty());
  EXPECT_THAT(DueSyncs({Daily(1, "00:00")}, "not a time", 0), IsEmpty());
}

TEST(DueSyncs, TheDailyTimeIsTheServersLocalTime) {
  // 02:00 in Paris in winter (UTC+1) is 01:00 UTC.
  EXPECT_THAT(DueSyncs({Daily(1, "02:00")}, "2026-11-21T00:59:00Z", 60), IsEmpty());
  EXPECT_THAT(DueSyncs({Daily(1, "02:00")}, "2026-11-21T01:00:00Z", 60), ElementsAre(1));
  // 23:30 UTC on the 21st is already the 22nd in Paris: the 22nd's 02:00 is not reached yet, and
  // the run of the 21st at 01:00 UTC was that day's.
  EXPECT_THAT(
      DueSyncs({Daily(1, "02:00", true, "2026-11-21T01:00:05Z")}, "2026-11-21T23:30:00Z", 60),
      IsEmpty());
}

class SyncSettingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<directory::Store>> opened =
        store::OpenStore("sqlite:" + (dir_ / "rollcall.db").string());
    ASSERT_TRUE(opened.has_value());
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->Migrate().has_value());
    ASSERT_TRUE(store_->AddOrg("0751234A", "École", std::nullopt).has_value());
    Result<apply::SecretKey> key = apply::SecretKey::Generate();
    ASSERT_TRUE(key.has_value());
    key_.emplace(*key);
  }
  fs::path Folder() const { return dir_ / "drop"; }
  void DropStudents() {
    fs::create_directories(Folder() / "import/user/internal");
    testing::WriteFile(Folder() / "import/user/internal/eleves.csv",
                       "Nom;Prénom;Date de naissance\r\nRAISON;Pablo;16/10/2013\r\n");
  }
  Result<directory::SyncSettings> Change(std::optional<fs::path> folder,
                                         std::optional<std::string> time,
                                         std::optional<bool> enabled) {
    return ChangeSyncSettings(*store_, {"0751234A", std::move(folder), std::move(time), enabled});
  }
  directory::SyncSettings Stored() { return **store_->FindSyncSettings(1); }

  testing::TempDir dir_;
  std::unique_ptr<directory::Store> store_;
  mapping::Schema schema_ = mapping::DefaultSchema();
  AccountSettings settings_;
  std::optional<apply::SecretKey> key_;
};

TEST_F(SyncSettingsTest, NewSettingsNeedAFolderAndStartDisabledAtNight) {
  Result<directory::SyncSettings> no_folder = Change(std::nullopt, "03:00", true);
  ASSERT_FALSE(no_folder.has_value());
  EXPECT_EQ(no_folder.error().code, ErrorCode::kInvalidArgument);
  Result<directory::SyncSettings> relative = Change(fs::path("drop"), std::nullopt, std::nullopt);
  ASSERT_FALSE(relative.has_value());
  EXPECT_EQ(relative.error().code, ErrorCode::kInvalidArgument);
  Result<directory::SyncSettings> created = Change(Folder(), std::nullopt, std::nullopt);
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_EQ(Stored(), (directory::SyncSettings{1, Folder().string(), false, "02:00", "", ""}));
  // Later changes touch only what they name.
  ASSERT_TRUE(Change(std::nullopt, "14:30", std::nullopt).has_value());
  ASSERT_TRUE(Change(std::nullopt, std::nullopt, true).has_value());
  EXPECT_EQ(Stored(), (directory::SyncSettings{1, Folder().string(), true, "14:30", "", ""}));
}

TEST_F(SyncSettingsTest, ABadTimeOrUnknownOrgChangesNothing) {
  ASSERT_TRUE(Change(Folder(), "02:00", true).has_value());
  for (const char* bad : {"24:00", "2h", "14:5"}) {
    Result<directory::SyncSettings> refused = Change(std::nullopt, bad, std::nullopt);
    ASSERT_FALSE(refused.has_value()) << bad;
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(refused.error().message, HasSubstr("HH:MM"));
  }
  EXPECT_EQ(Stored().daily_time, "02:00");
  Result<directory::SyncSettings> unknown = ChangeSyncSettings(*store_, {"nope", Folder(), {}, {}});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_F(SyncSettingsTest, SyncNowRunsTheStoredFolderAndRecordsTheRun) {
  FolderSyncRequest request;
  request.org_code = "0751234A";
  request.apply = true;
  const Clock clock{"2026-11-21", "2026-11-21T10:00:00Z"};
  Result<FolderSyncResult> no_settings =
      SyncStoredFolder(*store_, schema_, request, clock, settings_, &*key_);
  ASSERT_FALSE(no_settings.has_value());
  EXPECT_EQ(no_settings.error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(Change(Folder(), "02:00", false).has_value());
  // The folder does not exist yet: the failure is recorded.
  ASSERT_FALSE(SyncStoredFolder(*store_, schema_, request, clock, settings_, &*key_).has_value());
  EXPECT_THAT(Stored().last_outcome, HasSubstr("failed: "));
  DropStudents();
  Result<FolderSyncResult> ran =
      SyncStoredFolder(*store_, schema_, request, clock, settings_, &*key_);
  ASSERT_TRUE(ran.has_value()) << ran.error().message;
  EXPECT_EQ(ran->files.at(0).outcome, FileOutcome::kApplied);
  EXPECT_EQ(Stored().last_run_at, "2026-11-21T10:00:00Z");
  EXPECT_EQ(Stored().last_outcome, "ok: 1 applied");
}

TEST_F(SyncSettingsTest, SchedulerRunsEachDueOrgOnceAndStopsWhenAsked) {
  ASSERT_TRUE(Change(Folder(), "09:00", true).has_value());
  DropStudents();
  int passes = 0;
  SchedulerEnvironment environment;
  environment.clock = [] { return Clock{"2026-11-21", "2026-11-21T10:00:00Z"}; };
  environment.utc_offset_minutes = [] { return 0; };
  environment.wait = [&](std::chrono::seconds interval) {
    EXPECT_EQ(interval, std::chrono::seconds(60));
    return ++passes < 3;  // three passes at the same moment, then "SIGTERM"
  };
  RunScheduler(*store_, schema_, settings_, *key_, environment);
  EXPECT_EQ(passes, 3);
  EXPECT_EQ(Stored().last_run_at, "2026-11-21T10:00:00Z");
  EXPECT_EQ(Stored().last_outcome, "ok: 1 applied");
  EXPECT_TRUE(
      fs::exists(Folder() / "archive/2026-11-21T10-00-00Z/import/user/internal/eleves.csv"));
  // A later pass the same day finds nothing due.
  Result<std::vector<ScheduledRun>> later = RunDueSyncs(
      *store_, schema_, Clock{"2026-11-21", "2026-11-21T18:00:00Z"}, 0, settings_, *key_);
  ASSERT_TRUE(later.has_value());
  EXPECT_THAT(*later, IsEmpty());
}

}  // namespace
}  // namespace rollcall::service
