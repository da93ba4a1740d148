// End to end: `rollcall import --apply`, `credentials`, `revert` and `purge` on a temporary
// SQLite file, and an apply killed at several points (issue 5: a process killed at any point of
// an apply leaves the directory as it was before the import).
#include <fmt/format.h>
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

using ::testing::HasSubstr;

class ApplyCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(Run({"init"}).exit_code, 0);
    ASSERT_EQ(Run({"org", "add", "0751234A", "École Jean Jaurès"}).exit_code, 0);
  }
  std::filesystem::path DbFile() const { return dir_ / "t.db"; }
  std::string Db() const { return "sqlite:" + DbFile().string(); }
  std::vector<std::string> WithDb(std::vector<std::string> arguments) const {
    arguments.push_back("--db");
    arguments.push_back(Db());
    return arguments;
  }
  CommandResult Run(std::vector<std::string> arguments) const {
    return RunRollcall(WithDb(std::move(arguments)));
  }
  std::vector<std::string> Import(const std::filesystem::path& file) const {
    return {"import", "--org", "0751234A", "--period", "2026-2027", file.string() + ":student",
            "--apply"};
  }
  std::filesystem::path Students(std::size_t count, const std::string& name = "eleves.csv") {
    std::string text = "Nom;Prénom;Date de naissance;Classe\n";
    for (std::size_t pupil = 0; pupil < count; ++pupil) {
      text += fmt::format("NOM{};Prénom{};{:02d}/03/2015;CM{}\n", pupil, pupil, pupil % 28 + 1,
                          pupil % 12);
    }
    WriteFile(dir_ / name, text);
    return dir_ / name;
  }

  TempDir dir_;
};

TEST_F(ApplyCommands, ApplyWritesProtocolAndLettersThenRevertAndPurge) {
  WriteFile(
      dir_ / "eleves.csv",
      "Nom*;Prénom*;Date de naissance*;Classe*\r\nRAISON;Pablo;16/10/2013;=HYPERLINK(\"x\")\r\n"
      "POULAD-MALIN;Hervé;02/01/2014;CM1\r\n");
  const std::string before = DumpDirectory(DbFile());
  std::vector<std::string> arguments = Import(dir_ / "eleves.csv");
  arguments.insert(arguments.end(), {"--report", (dir_ / "protocol.csv").string(), "--letters",
                                     (dir_ / "letters.html").string(), "--json"});
  const CommandResult applied = Run(arguments);
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  const nlohmann::json summary = nlohmann::json::parse(applied.out);
  EXPECT_EQ(summary["state"], "applied");
  EXPECT_EQ(summary["counts"]["create"], 2);
  const std::string import_id = summary["import_id"];
  const std::string protocol = ReadFile(dir_ / "protocol.csv");
  EXPECT_THAT(protocol, HasSubstr("pablo.raison"));
  EXPECT_THAT(protocol, HasSubstr("herve.poulad-malin"));
  EXPECT_THAT(protocol, HasSubstr("initial_credential"));
  EXPECT_THAT(protocol, HasSubstr(";\"'=HYPERLINK"));  // neutralised (§4.9)
  const std::string letters = ReadFile(dir_ / "letters.html");
  EXPECT_THAT(letters, HasSubstr("École Jean Jaurès"));
  EXPECT_THAT(letters, HasSubstr("herve.poulad-malin"));
  // Credentials never reach standard output, and can be fetched again while kept.
  EXPECT_THAT(applied.out, ::testing::Not(HasSubstr("initial_credential")));
  const CommandResult again =
      Run({"credentials", import_id, "--report", (dir_ / "again.csv").string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(ReadFile(dir_ / "again.csv"), HasSubstr("pablo.raison"));
  EXPECT_EQ(Run({"credentials", import_id}).exit_code, 2);  // nowhere to write: refused

  const CommandResult reverted = Run({"revert", import_id});
  ASSERT_EQ(reverted.exit_code, 0) << reverted.err;
  EXPECT_THAT(reverted.out, HasSubstr("reverted"));
  EXPECT_EQ(DumpDirectory(DbFile()), before);
  EXPECT_EQ(Run({"revert", import_id}).exit_code, 2);
  EXPECT_EQ(Run({"revert", "imp-unknown"}).exit_code, 3);

  const CommandResult purged = Run({"purge", "--now", "2030-01-01", "--json"});
  ASSERT_EQ(purged.exit_code, 0) << purged.err;
  EXPECT_EQ(nlohmann::json::parse(purged.out)["purged"], 0);
  EXPECT_EQ(Run({"purge", "--now", "tomorrow"}).exit_code, 2);
}

TEST_F(ApplyCommands, BlockedImportExitsOneAndWritesNothing) {
  WriteFile(dir_ / "eleves.csv", "Nom;Prénom;Date de naissance\r\nRAISON;;16/10/2013\r\n");
  const std::string before = DumpDirectory(DbFile());
  const CommandResult blocked = Run(Import(dir_ / "eleves.csv"));
  EXPECT_EQ(blocked.exit_code, 1) << blocked.err;
  EXPECT_THAT(blocked.out, HasSubstr("blocked"));
  EXPECT_EQ(DumpDirectory(DbFile()), before);
  // --skip-invalid-rows applies the valid rows and reports the others.
  WriteFile(dir_ / "eleves.csv",
            "Nom;Prénom;Date de naissance\r\nRAISON;;16/10/2013\r\nMARTIN;Léa;05/05/2014\r\n");
  std::vector<std::string> arguments = Import(dir_ / "eleves.csv");
  arguments.insert(arguments.end(),
                   {"--skip-invalid-rows", "--report", (dir_ / "protocol.csv").string()});
  const CommandResult skipped = Run(arguments);
  EXPECT_EQ(skipped.exit_code, 0) << skipped.err;
  const std::string protocol = ReadFile(dir_ / "protocol.csv");
  EXPECT_THAT(protocol, HasSubstr("lea.martin"));
  EXPECT_THAT(protocol, HasSubstr(";error;skip;"));
}

// Kills `rollcall import --apply` once its import is marked `applying` (the analysis is done and
// the apply transaction is starting), after several delays spread over a full apply's duration;
// each time the directory must be exactly as before. A last run without a kill then applies.
TEST_F(ApplyCommands, KilledApplyLeavesTheDirectoryAsItWas) {
  const std::filesystem::path file = Students(6000);
  const std::string before = DumpDirectory(DbFile());
  const auto state = [&] {
    return QueryOne(DbFile(), "SELECT state FROM import ORDER BY updated_at DESC LIMIT 1");
  };
  // How long a whole apply takes here (sanitizers make it slow), on a copy.
  const std::filesystem::path copy = dir_ / "copy.db";
  std::filesystem::copy_file(DbFile(), copy);
  std::vector<std::string> timed = Import(file);
  timed.insert(timed.end(), {"--db", "sqlite:" + copy.string()});
  const auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(RunRollcall(timed).exit_code, 0);
  const auto whole = std::chrono::steady_clock::now() - started;

  int killed_while_applying = 0;
  for (double fraction : {0.0, 0.05, 0.15, 0.3, 0.5}) {
    // The same inputs give the same import id: mark the last killed attempt so that the wait
    // below sees this run's `applying`, not the previous one's.
    QueryOne(DbFile(), "UPDATE import SET state = 'failed' WHERE state = 'applying'");
    const int pid = StartRollcall(WithDb(Import(file)));
    const auto deadline = std::chrono::steady_clock::now() + whole * 2;
    while (state() != "applying" && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    const bool applying = state() == "applying";
    std::this_thread::sleep_for(
        std::chrono::duration_cast<std::chrono::milliseconds>(whole * fraction));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFSIGNALED(status) && applying && state() == "applying") {
      ++killed_while_applying;
      EXPECT_EQ(DumpDirectory(DbFile()), before) << "killed " << fraction << " into the apply";
    }
  }
  EXPECT_GE(killed_while_applying, 2);
  const CommandResult last = Run(Import(file));
  ASSERT_EQ(last.exit_code, 0) << last.err;
  EXPECT_EQ(QueryOne(DbFile(), "SELECT count(*) FROM account"), "6000");
  EXPECT_EQ(state(), "applied");
}

}  // namespace
}  // namespace rollcall::testing
