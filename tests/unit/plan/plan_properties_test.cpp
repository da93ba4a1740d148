// Properties of the planner on generated directories and files (seeded, so failures replay):
// planning twice gives the same plan; counts add up to the rows; nobody a row names is expired;
// every expiry is an active affiliation of the import's own source and profiles.
#include <fmt/format.h>

#include <random>
#include <set>

#include "plan_fixture.hpp"

namespace rollcall::plan::testing {
namespace {

constexpr const char* kLastNames[] = {"MARTIN", "Müller", "N'Diaye",      "LE GALL",
                                      "Kaya",   "Nguyễn", "POULAD-MALIN", "Schmidt"};
constexpr const char* kFirstNames[] = {"Léa", "Hervé", "Ali", "Jürgen", "Zoé", "Ayşe", "Łukasz"};
constexpr const char* kClasses[] = {"CP", "CE1", "5a", "6b", ""};

std::string Serialise(const Plan& plan) {
  std::string text;
  for (const RowPlan& row : plan.rows) {
    text += fmt::format("{}:{}:{}:{}:{}:{}|", row.file_idx, row.line, OperationName(row.operation),
                        row.person.account, row.person.created_row, row.diagnostics.size());
    for (const FieldChange& change : row.changes) text += change.field + "=" + change.after + ",";
  }
  for (const Expiry& expiry : plan.expiries)
    text += fmt::format("x{}/{}", expiry.account, expiry.affiliation);
  for (const MembershipChange& change : plan.memberships) {
    text += fmt::format("m{}{}{}{}", static_cast<int>(change.kind), change.person.account,
                        change.person.created_row, change.group_name);
  }
  for (const LinkChange& change : plan.links) {
    text += fmt::format("l{}{}{}", static_cast<int>(change.kind), change.guardian.created_row,
                        change.child.account);
  }
  return text;
}

class PlanPropertiesTest : public PlanFixture, public ::testing::WithParamInterface<int> {
 protected:
  template <std::size_t N>
  std::string Pick(const char* const (&names)[N]) {
    return names[std::uniform_int_distribution<std::size_t>(0, N - 1)(random_)];
  }
  int Roll(int sides) { return std::uniform_int_distribution<int>(0, sides - 1)(random_); }

  void GenerateDirectory() {
    for (int person = 0; person < 60; ++person) {
      const std::string source = Roll(5) == 0 ? "manual" : "csv";
      const std::string external = Roll(3) == 0 ? "" : fmt::format("S{}", person);
      const directory::Id id = AddPerson(
          Pick(kLastNames), Pick(kFirstNames), Roll(4) == 0 ? "teacher" : "student", source,
          external, fmt::format("2015-0{}-1{}", 1 + Roll(9), Roll(9)), Roll(6) == 0 ? 2 : 1);
      if (Roll(4) == 0) AccountOf(id).state = directory::AccountState::kPendingDeletion;
    }
    for (const char* name : kClasses) {
      if (*name) AddGroup(name);
    }
  }

  std::string GenerateFile() {
    std::string csv = "Quell-Id;Nachname;Vorname;Geburtsdatum;Klasse\n";
    for (int row = 0; row < 80; ++row) {
      const std::string external = Roll(4) == 0 ? "" : fmt::format("S{}", Roll(90));
      const std::string birth =
          Roll(10) == 0 ? "31/02/2015" : fmt::format("1{}/0{}/2015", Roll(9), 1 + Roll(9));
      csv += fmt::format("{};{};{};{};{}\n", external, Pick(kLastNames), Pick(kFirstNames), birth,
                         Pick(kClasses));
    }
    return csv;
  }

  std::mt19937_64 random_{static_cast<std::uint64_t>(GetParam())};
};

TEST_P(PlanPropertiesTest, HoldOnGeneratedData) {
  GenerateDirectory();
  AddFile("student", GenerateFile());
  options_.mode = Roll(2) == 0 ? Mode::kSync : Mode::kAdd;
  options_.skip_invalid_rows = Roll(2) == 0;
  options_.school_year_change = Roll(2) == 0;
  const Plan plan = MakeThePlan();
  EXPECT_EQ(Serialise(plan), Serialise(MakeThePlan()));  // deterministic

  std::size_t total = 0;
  for (const char* operation : {"create", "update", "unchanged", "restore", "skip"}) {
    total += plan.counts.by_operation.at(operation);
  }
  EXPECT_EQ(total, plan.rows.size());
  EXPECT_EQ(plan.counts.by_operation.at("delete"), plan.expiries.size());

  std::set<directory::Id> named;
  for (const RowPlan& row : plan.rows) {
    if (row.person.account != 0) named.insert(row.person.account);
    if (row.operation == Operation::kCreate) {
      EXPECT_EQ(row.person.account, 0);
    }
  }
  for (const Expiry& expiry : plan.expiries) {
    EXPECT_EQ(named.count(expiry.account), 0u);
    const auto affiliation =
        std::find_if(snapshot_.affiliations.begin(), snapshot_.affiliations.end(),
                     [&](const directory::Affiliation& a) { return a.id == expiry.affiliation; });
    ASSERT_NE(affiliation, snapshot_.affiliations.end());
    EXPECT_EQ(affiliation->source, "csv");
    EXPECT_EQ(affiliation->org, 1);
    EXPECT_EQ(affiliation->profile, "student");
    EXPECT_TRUE(affiliation->active);
  }
  if (options_.mode != Mode::kSync) {
    EXPECT_TRUE(plan.expiries.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, PlanPropertiesTest, ::testing::Range(1, 41));

}  // namespace
}  // namespace rollcall::plan::testing
