// Fuzz target: a whole import without a database — bytes → read (CSV, XLSX or ODS, recognised
// from the bytes) → map the columns → validate the rows → plan against a small in-memory
// directory. The first byte picks the profile and the mode. Must never crash, hang or leak; bad
// input is an Error or diagnostics.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "mapping/mapping.hpp"
#include "plan/plan.hpp"
#include "records/record.hpp"

namespace {

using rollcall::directory::Account;
using rollcall::directory::Affiliation;

const rollcall::mapping::Schema& Schema() {
  static const rollcall::mapping::Schema schema = rollcall::mapping::DefaultSchema();
  return schema;
}

// Two pupils and a teacher, one of them a namesake of what the corpus files hold.
const rollcall::directory::Snapshot& Directory() {
  static const rollcall::directory::Snapshot snapshot = [] {
    rollcall::directory::Snapshot made;
    made.org = {1, "0751234A", "École", std::nullopt};
    made.source = "csv";
    made.accounts = {
        Account{1, "pablo.raison", "RAISON", "Pablo", "2013-10-16", {}, {}, {}, {}, {}},
        Account{2, "awa.ndiaye", "N'DIAYE", "Awa", "2014-03-03", {}, {}, {}, {}, {}},
        Account{3, "marie.martin", "MARTIN", "Marie", "", {}, {}, {}, {}, {}}};
    made.affiliations = {Affiliation{1, 1, 1, "student", "csv", "E1", true, ""},
                         Affiliation{2, 2, 1, "student", "csv", "", true, ""},
                         Affiliation{3, 3, 1, "teacher", "manual", "", true, ""}};
    return made;
  }();
  return snapshot;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  namespace mapping = rollcall::mapping;
  const char* const kProfiles[] = {"student", "teacher", "guardian", "staff"};
  const mapping::ProfileSpec* profile = Schema().Profile(kProfiles[data[0] % 4]);
  const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto read = rollcall::table::ReadTable(bytes, rollcall::fuzzing::SmallLimits());
  if (!read) return 0;
  const rollcall::table::ReadOutcome& outcome = read.value();
  const std::optional<std::vector<std::string>> header =
      outcome.info.header ? std::optional(mapping::HeaderCells(outcome.table)) : std::nullopt;
  auto mapped =
      mapping::MapColumns(Schema(), *profile, header, outcome.table.max_cell_count(), {}, 1);
  if (!mapped) return 0;
  const rollcall::records::RecordSet records =
      rollcall::records::BuildRecords(Schema(), *profile, outcome.table, outcome.first_data_row(),
                                      mapped.value(), rollcall::records::RecordOptions{2026});
  rollcall::plan::PlanFile file;
  file.name = "fuzz.csv";
  file.profile = profile;
  file.records = &records;
  file.diagnostics = outcome.diagnostics;
  rollcall::plan::PlanOptions options;
  options.period = "2026-2027";
  options.today = "2026-11-21";
  options.mode = (data[0] / 4) % 2 == 0 ? rollcall::plan::Mode::kAdd : rollcall::plan::Mode::kSync;
  const rollcall::plan::Plan plan = rollcall::plan::MakePlan(Directory(), {file}, options);
  (void)plan;
  return 0;
}
