// The certified engine against double and exact (docs/PERFORMANCE.md): 10 layers of M4 on the
// Figure-2 configurations and on seeded random inputs (coordinates k/1000), n in {32, 128, 512}.
#include "io/config_file.hpp"
#include "numerics/certified_engine.hpp"

#include "bench/random_problem.hpp"

#include <benchmark/benchmark.h>

#include <random>

namespace hardmax {
namespace {

constexpr index depth = 10;

using bench::random_problem;

const char* const figure2[] = {"figure2-1-emerging-leader", "figure2-2-triangle", "figure2-3-square",
                               "figure2-4-non-leader-clusters"};

problem input(benchmark::State& state) {
  if (state.range(0) < 0)
    return read_problem(std::string(HARDMAX_SOURCE_DIR) + "/data/configs/" + figure2[-state.range(0) - 1] + ".json");
  return random_problem(state.range(0), state.range(1));
}

// Every engine starts from the exact problem, as `hardmax simulate` does: rounding the input is timed.
void run_double(benchmark::State& state) {
  const problem p = input(state);
  for (auto _ : state) benchmark::DoNotOptimize(simulate(model_of<double>(p), initial_tokens<double>(p), depth));
}

void run_certified(benchmark::State& state) {
  const problem p = input(state);
  certification_stats stats;
  for (auto _ : state) {
    certified_run r = simulate_certified(p, depth);
    stats = r.stats;
    benchmark::DoNotOptimize(r);
  }
  state.counters["exact_decisions"] = static_cast<double>(stats.decided_exactly + stats.leaders_decided_exactly);
}

void run_exact(benchmark::State& state) {
  const problem p = input(state);
  for (auto _ : state) benchmark::DoNotOptimize(simulate(model_of<rational>(p), p.Z0, depth));
}

// range(0) < 0: Figure-2 configuration number -range(0); else random with n = range(0), d = range(1).
void inputs(benchmark::internal::Benchmark* b, bool large) {
  for (long f = -1; f >= -4; --f) b->Args({f, 2});
  for (long d : {2, 16})
    for (long n : {32, 128, 512})
      if (large || n <= 128) b->Args({n, d});
  b->ArgNames({"n", "d"})->Unit(benchmark::kMillisecond);
}

BENCHMARK(run_double)->Name("trajectory10/double")->Apply([](auto* b) { inputs(b, true); });
BENCHMARK(run_certified)->Name("trajectory10/certified")->Apply([](auto* b) { inputs(b, true); });
BENCHMARK(run_exact)->Name("trajectory10/exact")->Apply([](auto* b) { inputs(b, false); });

}  // namespace
}  // namespace hardmax

BENCHMARK_MAIN();
