// Parse throughput (issue 2, DESIGN.md §7): reading a generated 100 MiB roster into a Table, for
// UTF-8 and for Windows-1252 (detection and transcoding included), and the phases on their own.
//
// The inputs are generated once per process, in memory. Readers consume their input (they take
// the bytes by value and keep them as the table's buffer), so every iteration gets a fresh copy;
// the copy and the destruction of the result are not timed.
//
// Rates are of the *input* size per second of CPU time (Google Benchmark's default), which stays
// meaningful on a machine shared with other work; on an idle machine a single-threaded read
// takes as long in wall time. bytes_per_second is in MiB/s (1024-based), MB/s is decimal.
// Figures, not assertions: nothing here fails on a slow machine.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <string>
#include <utility>

#include "base/result.hpp"
#include "generator/roster_generator.hpp"
#include "table/csv.hpp"
#include "table/read.hpp"
#include "text/encoding.hpp"

namespace {

using rollcall::table::ReadOptions;
using rollcall::text::Encoding;

constexpr std::uint64_t kInputBytes = 100ull << 20;
constexpr std::uint64_t kSeed = 2026;
constexpr std::size_t kSniffSampleBytes = 64 * 1024;

std::string MakeRoster(Encoding encoding) {
  rollcall::bench::GeneratorOptions options;
  options.encoding = encoding;
  options.delimiter = ';';
  options.seed = kSeed;
  options.max_bytes = kInputBytes;
  return rollcall::bench::GenerateRoster(options);
}

// Same pupils in both: the Windows-1252 file is the UTF-8 one as Excel would save it.
const std::string& Utf8Roster() {
  static const std::string roster = MakeRoster(Encoding::kUtf8);
  return roster;
}

const std::string& Windows1252Roster() {
  static const std::string roster = MakeRoster(Encoding::kWindows1252);
  return roster;
}

void ReportRates(benchmark::State& state, std::size_t input_bytes) {
  const auto bytes =
      static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(input_bytes);
  state.SetBytesProcessed(bytes);
  state.counters["MB/s"] =
      benchmark::Counter(static_cast<double>(bytes) / 1e6, benchmark::Counter::kIsRate);
}

template <class T>
bool Succeeded(const rollcall::Result<T>& result) {
  return result.has_value();
}
bool Succeeded(const rollcall::text::DecodedText& /*decoded*/) { return true; }

// Runs `consume(copy of input)` once per iteration and times only that call: the copy is made and
// the result destroyed while the timers are paused (a few microseconds per pause, nothing next to
// a 100 MiB read). A failed read ends the benchmark with an error.
template <class Consume>
void TimeConsumingCalls(benchmark::State& state, const std::string& input, Consume consume) {
  for (auto _ : state) {
    state.PauseTiming();
    std::string copy = input;
    state.ResumeTiming();
    auto produced = consume(std::move(copy));
    state.PauseTiming();
    const bool succeeded = Succeeded(produced);
    { const auto discarded = std::move(produced); }
    state.ResumeTiming();
    if (!succeeded) {
      state.SkipWithError("reading failed");
      return;
    }
  }
  ReportRates(state, input.size());
}

void ReadCsvBenchmark(benchmark::State& state, const std::string& input) {
  std::size_t data_rows = 0;
  TimeConsumingCalls(state, input, [&](std::string bytes) {
    auto outcome = rollcall::table::ReadCsv(std::move(bytes), ReadOptions{});
    if (outcome) data_rows = outcome->data_row_count();
    return outcome;
  });
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * data_rows));
  state.SetLabel(
      fmt::format("{:.1f} MiB, {} rows", static_cast<double>(input.size()) / (1 << 20), data_rows));
}

void BM_ParseUtf8Semicolon(benchmark::State& state) { ReadCsvBenchmark(state, Utf8Roster()); }

void BM_ParseWindows1252(benchmark::State& state) { ReadCsvBenchmark(state, Windows1252Roster()); }

// The CSV parser alone: dialect known, text already UTF-8.
void BM_ParseCsvOnly(benchmark::State& state) {
  TimeConsumingCalls(state, Utf8Roster(), [](std::string bytes) {
    std::vector<rollcall::Diagnostic> diagnostics;
    rollcall::table::CsvDialect dialect;
    dialect.delimiter = ';';
    return rollcall::table::ParseCsv(std::move(bytes), dialect, rollcall::table::Limits{},
                                     diagnostics);
  });
}

void BM_DetectEncoding(benchmark::State& state, const std::string& input) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(rollcall::text::DetectEncoding(input));
  }
  ReportRates(state, input.size());
}

void BM_DetectEncodingUtf8(benchmark::State& state) { BM_DetectEncoding(state, Utf8Roster()); }
void BM_DetectEncodingWindows1252(benchmark::State& state) {
  BM_DetectEncoding(state, Windows1252Roster());
}

// Transcoding alone: the encoding is given, so nothing is detected.
void BM_DecodeWindows1252(benchmark::State& state) {
  TimeConsumingCalls(state, Windows1252Roster(), [](std::string bytes) {
    return rollcall::text::DecodeToUtf8(std::move(bytes), Encoding::kWindows1252);
  });
}

void BM_SniffDelimiter(benchmark::State& state) {
  const std::string_view sample = std::string_view(Utf8Roster()).substr(0, kSniffSampleBytes);
  for (auto _ : state) {
    benchmark::DoNotOptimize(rollcall::table::SniffDelimiter(sample));
  }
  ReportRates(state, sample.size());
}

}  // namespace

BENCHMARK(BM_ParseUtf8Semicolon)->Unit(benchmark::kMillisecond)->MinTime(3.0);
BENCHMARK(BM_ParseWindows1252)->Unit(benchmark::kMillisecond)->MinTime(3.0);
BENCHMARK(BM_ParseCsvOnly)->Unit(benchmark::kMillisecond)->MinTime(3.0);
BENCHMARK(BM_DetectEncodingUtf8)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_DetectEncodingWindows1252)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_DecodeWindows1252)->Unit(benchmark::kMillisecond)->MinTime(3.0);
BENCHMARK(BM_SniffDelimiter)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
