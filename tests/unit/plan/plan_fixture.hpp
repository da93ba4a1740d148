// Builds snapshots and planned files for the planner's tests.
#pragma once

#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

#include "mapping/mapping.hpp"
#include "plan/plan.hpp"
#include "records/record.hpp"
#include "table/read.hpp"

namespace rollcall::plan::testing {

class PlanFixture : public ::testing::Test {
 protected:
  PlanFixture() {
    snapshot_.org = directory::Org{1, "0751234A", "École A", std::nullopt};
    snapshot_.source = "csv";
    options_.source = "csv";
    options_.period = "2026-2027";
    options_.today = "2026-11-21";
  }

  // An account affiliated with `org` (default: the snapshot's org).
  directory::Id AddPerson(const std::string& last, const std::string& first,
                          const std::string& profile, const std::string& source = "csv",
                          const std::string& external_id = "", const std::string& birth = "",
                          directory::Id org = 1) {
    const directory::Id id = next_account_++;
    directory::Account account;
    account.id = id;
    account.login = Lower(first) + "." + Lower(last) + std::to_string(id);
    account.last_name = last;
    account.first_name = first;
    account.birth_date = birth;
    snapshot_.accounts.push_back(account);
    AddAffiliation(id, profile, source, external_id, org);
    return id;
  }
  directory::Id AddAffiliation(directory::Id account, const std::string& profile,
                               const std::string& source, const std::string& external_id,
                               directory::Id org = 1, bool active = true) {
    const directory::Id id = next_affiliation_++;
    snapshot_.affiliations.push_back(
        directory::Affiliation{id, account, org, profile, source, external_id, active, ""});
    return id;
  }
  directory::Id AddGroup(const std::string& name,
                         directory::GroupKind kind = directory::GroupKind::kClass,
                         const std::string& period = "2026-2027",
                         const std::string& source = "csv") {
    const directory::Id id = next_group_++;
    snapshot_.groups.push_back(directory::Group{id, 1, kind, name, period, false, source});
    return id;
  }
  void Enrol(directory::Id account, directory::Id group, const std::string& source = "csv") {
    snapshot_.memberships.push_back(directory::Membership{account, group, source});
  }
  directory::Account& AccountOf(directory::Id id) {
    for (directory::Account& account : snapshot_.accounts) {
      if (account.id == id) return account;
    }
    throw std::logic_error("no account");
  }

  // Reads, maps and validates a CSV file for `profile`, and adds it to the files to plan.
  PlanFile& AddFile(const std::string& profile, std::string csv) {
    Result<table::ReadOutcome> read = table::ReadCsv(std::move(csv), {});
    EXPECT_TRUE(read.has_value());
    outcomes_.push_back(std::move(read).value());
    const table::ReadOutcome& outcome = outcomes_.back();
    const mapping::ProfileSpec& spec = *schema_.Profile(profile);
    Result<mapping::Mapping> mapped = mapping::MapColumns(
        schema_, spec, mapping::HeaderCells(outcome.table), outcome.table.max_cell_count(), {});
    EXPECT_TRUE(mapped.has_value());
    for (const Diagnostic& diagnostic : mapped->diagnostics) {
      EXPECT_NE(diagnostic.severity, Severity::kCritical) << diagnostic.code;
    }
    records_.push_back(records::BuildRecords(schema_, spec, outcome.table, outcome.first_data_row(),
                                             *mapped, records::RecordOptions{2026}));
    files_.push_back(PlanFile{profile + ".csv", &spec, &records_.back(), {}, {}});
    return files_.back();
  }

  Plan MakeThePlan() const { return MakePlan(snapshot_, files_, options_); }

  static std::vector<std::string> Operations(const Plan& plan) {
    std::vector<std::string> operations;
    for (const RowPlan& row : plan.rows) operations.emplace_back(OperationName(row.operation));
    return operations;
  }
  static std::vector<std::string> Codes(const RowPlan& row) {
    std::vector<std::string> codes;
    for (const Diagnostic& diagnostic : row.diagnostics) codes.push_back(diagnostic.code);
    return codes;
  }
  static std::string Lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  }

  mapping::Schema schema_ = mapping::DefaultSchema();
  directory::Snapshot snapshot_;
  PlanOptions options_;
  std::deque<table::ReadOutcome> outcomes_;
  std::deque<records::RecordSet> records_;
  std::vector<PlanFile> files_;
  directory::Id next_account_ = 100, next_affiliation_ = 1000, next_group_ = 500;
};

}  // namespace rollcall::plan::testing
