// Login benchmark (DESIGN.md §4.7, §7): LoginMaker::Base per name for plain ASCII names, for
// accented Latin names (the table path) and for other scripts (the ICU path), then Base +
// LoginAllocator::Allocate over the generator's names for a 1M-row import. Reports ns per name;
// nothing here asserts on time.
#include <benchmark/benchmark.h>

#include <array>
#include <string_view>
#include <utility>
#include <vector>

#include "apply/login.hpp"
#include "generator/names.hpp"

namespace rollcall {
namespace {

using NamePair = std::pair<std::string_view, std::string_view>;

constexpr std::array kAsciiNames = {
    NamePair{"Pablo", "RAISON"},   NamePair{"Aminata", "N'Diaye"},
    NamePair{"Yann", "Le Gall"},   NamePair{"Jean-Pierre", "Dupont"},
    NamePair{"Emma", "Martin"},    NamePair{"Lucas", "O'Brien"},
    NamePair{"Sophie", "Schmidt"}, NamePair{"Noah", "Bernard-Petit"},
};
constexpr std::array kAccentedNames = {
    NamePair{"Hervé", "POULAD-MALIN"}, NamePair{"Łukasz", "Wiśniewski"},
    NamePair{"Ayşe", "Yılmaz"},        NamePair{"Thị Hương", "Nguyễn"},
    NamePair{"Zoé", "Lefèvre"},        NamePair{"Jürgen", "Müller"},
    NamePair{"Maëlys", "Lebœuf"},      NamePair{"Aminata", "N’Diaye"},
};
constexpr std::array kOtherScriptNames = {
    NamePair{"محمد", "علي"},
    NamePair{"Дмитрий", "Иванов"},
    NamePair{"Γιώργος", "Παπαδόπουλος"},
    NamePair{"小明", "王"},
};

apply::LoginMaker MakeMaker() {
  apply::LoginPolicy policy;
  policy.max_length = 20;  // Active Directory
  return std::move(apply::LoginMaker::Create(policy)).value();
}

template <std::size_t kCount>
void RunBase(benchmark::State& state, const std::array<NamePair, kCount>& names) {
  const apply::LoginMaker maker = MakeMaker();
  std::size_t name_idx = 0;
  for (auto _ : state) {
    const auto& [first, last] = names[name_idx];
    benchmark::DoNotOptimize(maker.Base(first, last));
    name_idx = name_idx + 1 == kCount ? 0 : name_idx + 1;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_BaseAscii(benchmark::State& state) { RunBase(state, kAsciiNames); }
void BM_BaseAccented(benchmark::State& state) { RunBase(state, kAccentedNames); }
void BM_BaseOtherScript(benchmark::State& state) { RunBase(state, kOtherScriptNames); }

// Every (given name, family name) pair of the generator's lists, each origin's names together.
std::vector<NamePair> GeneratorNames() {
  std::vector<NamePair> names;
  for (const bench::NameOrigin& origin : bench::NameOrigins()) {
    for (const std::string_view family : origin.family_names) {
      for (const std::string_view given : origin.female_given_names)
        names.emplace_back(given, family);
      for (const std::string_view given : origin.male_given_names)
        names.emplace_back(given, family);
    }
  }
  return names;
}

// A whole import's created accounts: Base and Allocate for N names drawn in turn from the
// generator's lists (so most bases recur, like homonyms in a region).
void BM_LoginsForImport(benchmark::State& state) {
  const apply::LoginMaker maker = MakeMaker();
  const std::vector<NamePair> names = GeneratorNames();
  const auto rows = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    apply::LoginAllocator allocator(maker);
    for (std::size_t row_idx = 0; row_idx < rows; ++row_idx) {
      const auto& [first, last] = names[row_idx % names.size()];
      benchmark::DoNotOptimize(allocator.Allocate(maker.Base(first, last)));
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(rows * state.iterations()));
  state.counters["distinct_names"] = static_cast<double>(names.size());
}

BENCHMARK(BM_BaseAscii);
BENCHMARK(BM_BaseAccented);
BENCHMARK(BM_BaseOtherScript);
BENCHMARK(BM_LoginsForImport)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rollcall

BENCHMARK_MAIN();
