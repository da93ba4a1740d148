// The store contract for the drop-folder sync (issue 6): per-org sync settings and the per-org
// lock, the latter through two connections on the same database as two processes would.
#include <gmock/gmock.h>

#include "unit/store/store_contract.hpp"

namespace rollcall::testing {
namespace {

using directory::OrgLock;
using directory::SyncSettings;

SyncSettings Settings(directory::Id org, const std::string& folder, bool enabled,
                      const std::string& time) {
  SyncSettings settings;
  settings.org = org;
  settings.folder = folder;
  settings.enabled = enabled;
  settings.daily_time = time;
  return settings;
}

TEST_P(StoreContract, SyncSettingsRoundTripAndKeepTheLastRunWhenChanged) {
  const directory::Org a = AddOrg("A");
  const directory::Org b = AddOrg("B");
  EXPECT_FALSE(*store().FindSyncSettings(a.id));
  ASSERT_TRUE(store().SaveSyncSettings(Settings(b.id, "/srv/drop/b", false, "23:30")));
  ASSERT_TRUE(store().SaveSyncSettings(Settings(a.id, "/srv/drop/a", true, "02:00")));
  ASSERT_TRUE(store().RecordSyncRun(a.id, "2026-11-21T02:00:05Z", "ok: 1 file applied"));
  // Changing the settings keeps what the last run recorded.
  ASSERT_TRUE(store().SaveSyncSettings(Settings(a.id, "/srv/drop/a2", true, "03:15")));
  Result<std::optional<SyncSettings>> found = store().FindSyncSettings(a.id);
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_TRUE(*found);
  SyncSettings expected = Settings(a.id, "/srv/drop/a2", true, "03:15");
  expected.last_run_at = "2026-11-21T02:00:05Z";
  expected.last_outcome = "ok: 1 file applied";
  EXPECT_EQ(**found, expected);
  Result<std::vector<SyncSettings>> listed = store().ListSyncSettings();
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0], expected);
  EXPECT_EQ((*listed)[1], Settings(b.id, "/srv/drop/b", false, "23:30"));
}

TEST_P(StoreContract, SyncSettingsOfAnUnknownOrgOrWithABadTimeAreRefused) {
  const directory::Org org = AddOrg("A");
  const Status unknown = store().SaveSyncSettings(Settings(org.id + 100, "/d", true, "02:00"));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
  const Status bad_time = store().SaveSyncSettings(Settings(org.id, "/d", true, "2h"));
  ASSERT_FALSE(bad_time);
  EXPECT_EQ(bad_time.error().code, ErrorCode::kInvalidArgument);
  const Status no_settings = store().RecordSyncRun(org.id, "2026-11-21T02:00:05Z", "ok");
  ASSERT_FALSE(no_settings);
  EXPECT_EQ(no_settings.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store().ListSyncSettings()->empty());
}

TEST_P(StoreContract, OrgLockRefusesASecondConnectionUntilReleased) {
  const directory::Org org = AddOrg("A");
  std::unique_ptr<directory::Store> other = OpenAnother();
  ASSERT_NE(other, nullptr);
  const OrgLock first{org.id, "host-1 pid 10", "2026-11-21T10:00:00Z", "2026-11-21T11:00:00Z"};
  const OrgLock second{org.id, "host-2 pid 20", "2026-11-21T10:01:00Z", "2026-11-21T11:01:00Z"};
  Result<OrgLock> taken = store().AcquireOrgLock(first, "2026-11-21T10:00:00Z");
  ASSERT_TRUE(taken) << taken.error().message;
  EXPECT_EQ(*taken, first);
  Result<OrgLock> refused = other->AcquireOrgLock(second, "2026-11-21T10:01:00Z");
  ASSERT_TRUE(refused) << refused.error().message;
  EXPECT_EQ(*refused, first);  // the holder in force, for the refusal's message
  // Releasing someone else's lock changes nothing.
  ASSERT_TRUE(other->ReleaseOrgLock(org.id, second.holder));
  EXPECT_EQ(*other->AcquireOrgLock(second, "2026-11-21T10:02:00Z"), first);
  ASSERT_TRUE(store().ReleaseOrgLock(org.id, first.holder));
  EXPECT_EQ(*other->AcquireOrgLock(second, "2026-11-21T10:03:00Z"), second);
}

TEST_P(StoreContract, OrgLockExpiresAndItsHolderCanExtendIt) {
  const directory::Org a = AddOrg("A");
  const directory::Org b = AddOrg("B");
  std::unique_ptr<directory::Store> other = OpenAnother();
  ASSERT_NE(other, nullptr);
  const OrgLock crashed{a.id, "crashed", "2026-11-21T10:00:00Z", "2026-11-21T11:00:00Z"};
  ASSERT_EQ(*store().AcquireOrgLock(crashed, "2026-11-21T10:00:00Z"), crashed);
  // The holder extends its lock; its acquisition time stays.
  OrgLock extended = crashed;
  extended.acquired_at = "2026-11-21T10:30:00Z";
  extended.expires_at = "2026-11-21T11:30:00Z";
  OrgLock expected = crashed;
  expected.expires_at = "2026-11-21T11:30:00Z";
  EXPECT_EQ(*store().AcquireOrgLock(extended, "2026-11-21T10:30:00Z"), expected);
  // Another org's lock is independent.
  const OrgLock other_org{b.id, "next", "2026-11-21T10:31:00Z", "2026-11-21T11:31:00Z"};
  EXPECT_EQ(*other->AcquireOrgLock(other_org, "2026-11-21T10:31:00Z"), other_org);
  // Past its expiry the lock goes to the next one asking.
  const OrgLock next{a.id, "next", "2026-11-21T11:30:00Z", "2026-11-21T12:30:00Z"};
  EXPECT_EQ(*other->AcquireOrgLock(next, "2026-11-21T11:29:59Z"), expected);
  EXPECT_EQ(*other->AcquireOrgLock(next, "2026-11-21T11:30:00Z"), next);
}

}  // namespace
}  // namespace rollcall::testing
