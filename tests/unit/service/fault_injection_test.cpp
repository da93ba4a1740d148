// SQLite-style fault injection through a whole apply and a whole revert: the store fails its Nth
// write for N = 1, 2, … until the operation completes. After every failure the directory must be
// exactly as before (all-or-nothing, DESIGN.md §4.10), and the next try must go further, until
// one succeeds.
#include <gtest/gtest.h>

#include "apply/revert.hpp"
#include "service/apply_service.hpp"
#include "store/open_store.hpp"
#include "support/test_support.hpp"
#include "unit/service/faulty_store.hpp"

namespace rollcall::service {
namespace {

constexpr const char kStudents[] =
    "Nom*;Prénom*;Date de naissance*;Classe*\r\n"
    "RAISON;Pablo;16/10/2013;CM1\r\n"
    "POULAD-MALIN;Hervé;02/01/2014;CM1\r\n"
    "N'DIAYE;Awa;03/03/2014;CM2\r\n";
// A sync that renames one pupil, moves one to another class, drops the third and adds two.
constexpr const char kNextYear[] =
    "Nom*;Prénom*;Date de naissance*;Classe*\r\n"
    "RAISON;Pablo;16/10/2013;CM2\r\n"
    "POULAD-MALIN;Hervé;02/01/2014;CM1\r\n"
    "MARTIN;Léa;05/05/2014;CM1\r\n"
    "DURAND;Noé;06/06/2014;CE2\r\n";
constexpr std::size_t kMaxWrites = 10'000;

class FaultInjectionTest : public ::testing::Test {
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
  std::string Dump() const { return testing::DumpDirectory(DbPath()); }

  ImportRequest Request(const std::string& text, plan::Mode mode) {
    const std::filesystem::path path = dir_ / "eleves.csv";
    testing::WriteFile(path, text);
    ImportRequest request;
    request.org_code = "0751234A";
    request.period = "2026-2027";
    request.mode = mode;
    request.files = {{path, "student", {}, 0}};
    return request;
  }
  Result<AppliedImport> Apply(directory::Store& store, const ImportRequest& request) {
    return AnalyzeAndApply(store, schema_, request, clock_, settings_, *key_);
  }

  testing::TempDir dir_;
  std::unique_ptr<directory::Store> store_;
  mapping::Schema schema_ = mapping::DefaultSchema();
  Clock clock_{"2026-11-21", "2026-11-21T10:00:00Z"};
  AccountSettings settings_;
  std::optional<apply::SecretKey> key_;
};

TEST_F(FaultInjectionTest, EveryFailedWriteOfAnApplyOrARevertLeavesTheDirectoryUnchanged) {
  Result<AppliedImport> first = Apply(*store_, Request(kStudents, plan::Mode::kAdd));
  ASSERT_TRUE(first.has_value() && first->applied) << first.error().message;
  const std::string before_apply = Dump();
  const ImportRequest sync = Request(kNextYear, plan::Mode::kSync);

  // 1. The apply: creates, updates, moves, expires.
  std::string import_id;
  std::size_t apply_faults = 0;
  for (std::size_t fail_at = 1; fail_at < kMaxWrites; ++fail_at) {
    testing::FaultyStore faulty(*store_, fail_at);
    Result<AppliedImport> applied = Apply(faulty, sync);
    if (!faulty.failed()) {
      ASSERT_TRUE(applied.has_value()) << applied.error().message;
      ASSERT_TRUE(applied->applied.has_value());
      import_id = applied->analysis.import_id;
      break;
    }
    ++apply_faults;
    EXPECT_FALSE(applied.has_value() && applied->applied.has_value()) << "write " << fail_at;
    ASSERT_EQ(Dump(), before_apply) << "the directory changed after failing write " << fail_at;
  }
  ASSERT_FALSE(import_id.empty());
  EXPECT_GT(apply_faults, 5u);
  RecordProperty("apply_faults", static_cast<int>(apply_faults));
  const std::string after_apply = Dump();
  ASSERT_NE(after_apply, before_apply);

  // 2. The revert of that apply, the same way.
  std::size_t revert_faults = 0;
  bool reverted = false;
  for (std::size_t fail_at = 1; fail_at < kMaxWrites && !reverted; ++fail_at) {
    testing::FaultyStore faulty(*store_, fail_at);
    Result<apply::RevertOutcome> outcome =
        apply::RevertImport(faulty, import_id, "2026-11-22T10:00:00Z");
    if (!faulty.failed()) {
      ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
      ASSERT_TRUE(outcome->conflicts.empty());
      reverted = true;
      break;
    }
    ++revert_faults;
    EXPECT_FALSE(outcome.has_value()) << "write " << fail_at;
    ASSERT_EQ(Dump(), after_apply) << "the directory changed after failing write " << fail_at;
  }
  ASSERT_TRUE(reverted);
  EXPECT_GT(revert_faults, 5u);
  RecordProperty("revert_faults", static_cast<int>(revert_faults));
  EXPECT_EQ(Dump(), before_apply);
}

}  // namespace
}  // namespace rollcall::service
