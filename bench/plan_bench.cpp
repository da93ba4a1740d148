// Planning benchmark (issue 4): a generated roster of N pupils against a directory of N accounts
// (97 % already known by their external id, 1 % of them renamed, 1 % moved to another class), at
// 10k, 100k and 1M. Times reading + mapping + validating, and planning, separately; reports rows/s
// and the process's peak resident memory. Figures go in notes; nothing here asserts on time.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>
#include <deque>

#include "generator/roster_generator.hpp"
#include "mapping/mapping.hpp"
#include "plan/plan.hpp"
#include "records/record.hpp"
#include "table/read.hpp"

namespace rollcall {
namespace {

double PeakRssMegabytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

struct Prepared {
  table::ReadOutcome outcome;
  mapping::Mapping mapping;
  records::RecordSet records;
};

Prepared ReadMapValidate(const mapping::Schema& schema, std::string roster) {
  Prepared prepared;
  prepared.outcome = std::move(table::ReadCsv(std::move(roster), {})).value();
  const mapping::ProfileSpec& student = *schema.Profile("student");
  prepared.mapping =
      std::move(mapping::MapColumns(schema, student, mapping::HeaderCells(prepared.outcome.table),
                                    prepared.outcome.table.max_cell_count(), {}))
          .value();
  prepared.records =
      records::BuildRecords(schema, student, prepared.outcome.table,
                            prepared.outcome.first_data_row(), prepared.mapping, {2026});
  return prepared;
}

// The directory as an earlier import would have left it.
directory::Snapshot MakeDirectory(const records::RecordSet& set) {
  directory::Snapshot snapshot;
  snapshot.org = directory::Org{1, "0751234A", "Région", std::nullopt};
  snapshot.source = "csv";
  std::map<std::string, directory::Id> groups;
  directory::Id next_id = 1;
  for (std::size_t record_idx = 0; record_idx < set.records.size(); ++record_idx) {
    const records::Record& record = set.records[record_idx];
    if (record_idx % 100 < 3) continue;  // new pupils
    directory::Account account;
    account.id = next_id++;
    account.login = "user" + std::to_string(account.id);
    account.last_name = record_idx % 100 == 3 ? "RENAMED" : std::string(record.Text("last_name"));
    account.first_name = record.Text("first_name");
    account.birth_date = record.Text("birth_date");
    for (const records::FieldValue& value : record.values) {
      const bool core = value.field() == "last_name" || value.field() == "first_name" ||
                        value.field() == "birth_date" || value.field() == "external_id" ||
                        value.field() == "classes";
      if (!core) account.SetAttribute(value.field(), std::string(value.text));
    }
    snapshot.accounts.push_back(std::move(account));
    const directory::Id id = snapshot.accounts.back().id;
    snapshot.affiliations.push_back(directory::Affiliation{
        id, id, 1, "student", "csv", std::string(record.Text("external_id")), true, ""});
    std::string class_name = "CP";
    if (const records::FieldValue* classes = record.Get("classes");
        classes && !classes->Items().empty()) {
      class_name = record_idx % 100 == 4 ? "ELSEWHERE" : std::string(classes->Items().front());
    }
    auto [group, inserted] = groups.emplace(class_name, 0);
    if (inserted) {
      group->second = static_cast<directory::Id>(groups.size());
      snapshot.groups.push_back(directory::Group{group->second, 1, directory::GroupKind::kClass,
                                                 class_name, "2026-2027", false, "csv"});
    }
    snapshot.memberships.push_back(directory::Membership{id, group->second, "csv"});
  }
  return snapshot;
}

void BM_ReadMapValidate(benchmark::State& state) {
  const mapping::Schema schema = mapping::DefaultSchema();
  bench::GeneratorOptions options;
  options.max_rows = static_cast<std::uint64_t>(state.range(0));
  const std::string roster = bench::GenerateRoster(options);
  for (auto _ : state) {
    state.PauseTiming();
    std::string copy = roster;
    state.ResumeTiming();
    Prepared prepared = ReadMapValidate(schema, std::move(copy));
    benchmark::DoNotOptimize(prepared.records.records.data());
  }
  state.counters["rows_per_second"] = benchmark::Counter(
      static_cast<double>(state.range(0)) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<std::int64_t>(roster.size() * state.iterations()));
}

void BM_Plan(benchmark::State& state) {
  const mapping::Schema schema = mapping::DefaultSchema();
  bench::GeneratorOptions options;
  options.max_rows = static_cast<std::uint64_t>(state.range(0));
  const Prepared prepared = ReadMapValidate(schema, bench::GenerateRoster(options));
  const directory::Snapshot snapshot = MakeDirectory(prepared.records);
  const std::vector<plan::PlanFile> files = {
      plan::PlanFile{"eleves.csv", schema.Profile("student"), &prepared.records, {}, {}}};
  plan::PlanOptions plan_options;
  plan_options.period = "2026-2027";
  plan_options.today = "2026-11-21";
  plan_options.mode = plan::Mode::kSync;
  plan_options.skip_invalid_rows = true;
  std::size_t creates = 0;
  for (auto _ : state) {
    const plan::Plan plan = plan::MakePlan(snapshot, files, plan_options);
    creates = plan.counts.by_operation.at("create");
    benchmark::DoNotOptimize(plan.rows.data());
  }
  state.counters["rows_per_second"] = benchmark::Counter(
      static_cast<double>(state.range(0)) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
  state.counters["directory_accounts"] = static_cast<double>(snapshot.accounts.size());
  state.counters["creates"] = static_cast<double>(creates);
  state.counters["peak_rss_mb"] = PeakRssMegabytes();
}

BENCHMARK(BM_ReadMapValidate)
    ->Arg(10'000)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Plan)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Iterations(1)->Unit(
    benchmark::kMillisecond);

}  // namespace
}  // namespace rollcall

BENCHMARK_MAIN();
