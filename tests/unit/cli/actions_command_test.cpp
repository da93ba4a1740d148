// End to end: `rollcall actions FILE --org CODE` as a dry run and with --apply, on a temporary
// SQLite file: exit codes, the per-line report, the JSON summary, and letters of new accounts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace rollcall::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ActionsCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(Run({"init"}).exit_code, 0);
    ASSERT_EQ(Run({"org", "add", "0751234A", "École Jean Jaurès"}).exit_code, 0);
    WriteFile(dir_ / "eleves.csv",
              "Nom;Prénom;Date de naissance;Classe\nRAISON;Pablo;16/10/2013;CM1\n");
    ASSERT_EQ(Run({"import", "--org", "0751234A", "--period", "2026-2027",
                   (dir_ / "eleves.csv").string() + ":student", "--apply"})
                  .exit_code,
              0);
  }
  std::filesystem::path DbFile() const { return dir_ / "t.db"; }
  CommandResult Run(std::vector<std::string> arguments) const {
    arguments.push_back("--db");
    arguments.push_back("sqlite:" + DbFile().string());
    return RunRollcall(arguments);
  }

  TempDir dir_;
};

TEST_F(ActionsCommand, DryRunReportsEveryLineAndWritesNothing) {
  WriteFile(dir_ / "actions.txt",
            "CREATE,jdoe,,John,Doe,S3cret-pass,Teacher,1,jd@example.org\n"
            "ENROLL,jdoe,,Teacher,CM1\n"
            "UPDATE,nobody,,A,B,,,\n");
  const std::string before = DumpDirectory(DbFile());
  const CommandResult result =
      Run({"actions", (dir_ / "actions.txt").string(), "--org", "0751234A", "--period", "2026-2027",
           "--report", (dir_ / "preview.csv").string(), "--json"});
  EXPECT_EQ(result.exit_code, 1);  // the unknown user blocks
  const nlohmann::json summary = nlohmann::json::parse(result.out);
  EXPECT_EQ(summary["state"], "blocked");
  EXPECT_EQ(summary["lines"]["success"], 2);
  EXPECT_EQ(summary["lines"]["error"], 1);
  EXPECT_EQ(DumpDirectory(DbFile()), before);
  const std::string report = ReadFile(dir_ / "preview.csv");
  EXPECT_THAT(report, HasSubstr("line;status;action;login;changes;messages"));
  EXPECT_THAT(report, HasSubstr("jdoe"));
  EXPECT_THAT(report, Not(HasSubstr("S3cret-pass")));
}

TEST_F(ActionsCommand, ApplySkippingInvalidLinesWritesProtocolAndLetters) {
  WriteFile(dir_ / "actions.csv",
            "CREATE,,,Léa,Martin,,élève,1,lea@example.org\n"
            "UPDATE,pablo.raison,,Paolo,,,,\n"
            "FROB\n");
  const CommandResult result =
      Run({"actions", (dir_ / "actions.csv").string(), "--org", "0751234A", "--period", "2026-2027",
           "--apply", "--skip-invalid-rows", "--report", (dir_ / "result.csv").string(),
           "--letters", (dir_ / "letters.html").string()});
  EXPECT_EQ(result.exit_code, 0) << result.out;
  EXPECT_THAT(result.out, HasSubstr("applied"));
  const std::string report = ReadFile(dir_ / "result.csv");
  EXPECT_THAT(report, HasSubstr("initial_credential"));
  EXPECT_THAT(report, HasSubstr("lea.martin"));
  EXPECT_THAT(ReadFile(dir_ / "letters.html"), HasSubstr("lea.martin"));
  EXPECT_THAT(Run({"users", "--query", "paolo"}).out, HasSubstr("pablo.raison"));
}

}  // namespace
}  // namespace rollcall::testing
