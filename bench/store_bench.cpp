// Store benchmarks (DESIGN.md §7): bulk writes through one Transaction, and LoadSnapshot, on a
// temporary SQLite file holding N accounts of one org and one source.
//
// The population, per account i: students (in class i % 30), every 50th a teacher (in three
// classes), every third a guardian linked to the two accounts before it; each with one
// affiliation (source "onde", external id), an e-mail and a gender attribute.
//
// N is ROLLCALL_BENCH_ACCOUNTS (default 100000), e.g. ROLLCALL_BENCH_ACCOUNTS=1000000. Files go
// under ROLLCALL_BENCH_TMP (default: the system temp directory) and are removed at exit, unless
// ROLLCALL_BENCH_KEEP is set (to look at them with the sqlite3 shell).
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "directory/store.hpp"
#include "store/open_store.hpp"

namespace {

using rollcall::directory::Id;
namespace directory = rollcall::directory;

constexpr int kGroups = 30;
constexpr const char kStamp[] = "2026-09-01T08:00:00Z";
constexpr const char* kLastNames[] = {"Martin", "Bernard", "Dubois", "Thomas", "Robert",
                                      "Müller", "Schmidt", "Nguyễn", "Garcia", "Poulad-Malin"};
constexpr const char* kFirstNames[] = {"Léa",  "Hugo", "Chloé", "Lukas", "Emma",
                                       "Noah", "Ayşe", "Mia",   "Hervé", "Jonas"};

std::size_t AccountCount() {
  const char* text = std::getenv("ROLLCALL_BENCH_ACCOUNTS");
  return text != nullptr ? static_cast<std::size_t>(std::stoull(text)) : 100000;
}

std::filesystem::path ScratchDir() {
  const char* base = std::getenv("ROLLCALL_BENCH_TMP");
  const std::filesystem::path root =
      base != nullptr ? base : std::filesystem::temp_directory_path();
  return root / fmt::format("rollcall-store-bench-{}", ::getpid());
}

// Heap bytes in use now, in MiB (glibc): the difference around a load is the snapshot's size.
double HeapMib() {
  const struct mallinfo2 info = ::mallinfo2();
  return static_cast<double>(info.uordblks + info.hblkhd) / 1048576.0;
}

template <class T>
T Must(rollcall::Result<T> result) {
  if (!result) {
    std::cerr << "store_bench: " << result.error().message << '\n';
    std::exit(1);
  }
  return std::move(result).value();
}

void Must(const rollcall::Status& status) {
  if (!status) {
    std::cerr << "store_bench: " << status.error().message << '\n';
    std::exit(1);
  }
}

directory::Account MakeAccount(std::size_t i) {
  directory::Account account;
  account.last_name = kLastNames[i % 10];
  account.first_name = kFirstNames[(i / 10) % 10];
  account.login = fmt::format("user{}", i);
  account.birth_date = fmt::format("201{}-0{}-1{}", i % 10, 1 + i % 9, i % 10);
  account.SetAttribute("email", fmt::format("user{}@ecole.example", i));
  account.SetAttribute("gender", i % 2 == 0 ? "F" : "M");
  account.created_at = kStamp;
  account.updated_at = kStamp;
  return account;
}

// Writes the population; returns the number of rows written.
std::size_t WritePopulation(directory::Transaction& transaction, Id org, std::size_t count) {
  std::size_t rows = 0;
  std::vector<Id> groups;
  for (int group_idx = 0; group_idx < kGroups; ++group_idx) {
    directory::Group group{
        0,     org,   directory::GroupKind::kClass, fmt::format("Class {}", group_idx), "2026-2027",
        false, "onde"};
    groups.push_back(Must(transaction.InsertGroup(group)));
    ++rows;
  }
  std::vector<Id> accounts;
  accounts.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const Id id = Must(transaction.InsertAccount(MakeAccount(i)));
    accounts.push_back(id);
    const bool guardian = i % 3 == 2;
    const bool teacher = !guardian && i % 50 == 0;
    const std::string profile = guardian ? "guardian" : teacher ? "teacher" : "student";
    Must(transaction.InsertAffiliation(
        {0, id, org, profile, "onde", fmt::format("E{}", i), true, ""}));
    rows += 3;  // account, its login, its affiliation
    if (guardian) {
      Must(transaction.InsertLink({id, accounts[i - 1], "onde"}));
      Must(transaction.InsertLink({id, accounts[i - 2], "onde"}));
      rows += 2;
      continue;
    }
    for (std::size_t k = 0; k < (teacher ? 3u : 1u); ++k) {
      Must(transaction.InsertMembership({id, groups[(i + k) % kGroups], "onde"}));
      ++rows;
    }
  }
  return rows;
}

struct Database {
  std::unique_ptr<directory::Store> store;
  Id org = 0;
};

Database OpenEmpty(const std::string& name) {
  std::filesystem::create_directories(ScratchDir());
  const std::filesystem::path path = ScratchDir() / name;
  std::filesystem::remove(path);
  Database db;
  db.store = Must(rollcall::store::OpenStore("sqlite:" + path.string()));
  Must(db.store->Migrate());
  db.org = Must(db.store->AddOrg("0751234A", "École Jules Ferry", std::nullopt)).id;
  return db;
}

// The database the read benchmarks share, filled once.
Database& Filled() {
  static Database db = [] {
    Database filled = OpenEmpty("read.db");
    auto transaction = Must(filled.store->Begin());
    WritePopulation(*transaction, filled.org, AccountCount());
    Must(transaction->Commit());
    return filled;
  }();
  return db;
}

void BM_BulkInsert(benchmark::State& state) {
  const std::size_t count = AccountCount();
  std::size_t rows = 0;
  for (auto _ : state) {
    state.PauseTiming();
    Database db = OpenEmpty("write.db");
    state.ResumeTiming();
    auto transaction = Must(db.store->Begin());
    rows = WritePopulation(*transaction, db.org, count);
    Must(transaction->Commit());
  }
  state.counters["accounts"] = static_cast<double>(count);
  state.counters["accounts/s"] =
      benchmark::Counter(static_cast<double>(count), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsIterationInvariantRate);
}
// Real time: a bulk write is also I/O (the WAL, the checkpoint at commit).
BENCHMARK(BM_BulkInsert)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

void BM_LoadSnapshot(benchmark::State& state) {
  Database& db = Filled();
  double snapshot_mib = 0;
  std::size_t accounts = 0;
  for (auto _ : state) {
    const double before = HeapMib();
    directory::Snapshot snapshot = Must(db.store->LoadSnapshot(db.org, "onde"));
    snapshot_mib = HeapMib() - before;
    accounts = snapshot.accounts.size();
    state.counters["affiliations"] = static_cast<double>(snapshot.affiliations.size());
    state.counters["memberships"] = static_cast<double>(snapshot.memberships.size());
    state.counters["links"] = static_cast<double>(snapshot.links.size());
    benchmark::DoNotOptimize(snapshot);
  }
  state.counters["accounts"] = static_cast<double>(accounts);
  state.counters["accounts/s"] = benchmark::Counter(static_cast<double>(accounts),
                                                    benchmark::Counter::kIsIterationInvariantRate);
  state.counters["heap_MiB"] = snapshot_mib;
}
BENCHMARK(BM_LoadSnapshot)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_ListUsersFirstPage(benchmark::State& state) {
  Database& db = Filled();
  for (auto _ : state) {
    auto users = Must(db.store->ListUsers({db.org, "", "", 100}));
    benchmark::DoNotOptimize(users);
  }
}
BENCHMARK(BM_ListUsersFirstPage)->Unit(benchmark::kMillisecond);

void BM_ListUsersSearch(benchmark::State& state) {
  Database& db = Filled();
  for (auto _ : state) {
    auto users = Must(db.store->ListUsers({std::nullopt, "", "user4242@", 100}));
    benchmark::DoNotOptimize(users);
  }
}
BENCHMARK(BM_ListUsersSearch)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  std::cout << fmt::format("store_bench: {} accounts in {}\n", AccountCount(),
                           ScratchDir().string());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (std::getenv("ROLLCALL_BENCH_KEEP") == nullptr) {
    std::error_code ignored;
    std::filesystem::remove_all(ScratchDir(), ignored);
  }
  return 0;
}
