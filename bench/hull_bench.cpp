// Planar attention: the convex-hull path against all pairs (docs/PERFORMANCE.md). One layer of M4 in
// double on n seeded random tokens in the unit square, A = I; the all-pairs time at n = 100,000 is
// extrapolated from n = 1000..4000 (it is O(n^2)).
#include "numerics/hull_attention.hpp"
#include "numerics/layer.hpp"

#include <benchmark/benchmark.h>

#include <random>

namespace hardmax {
namespace {

tokens<double> square(index n) {
  std::mt19937_64 rng(20261130 + static_cast<std::uint64_t>(n));
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  tokens<double> Z(n, 2);
  for (index i = 0; i < n; ++i) Z.row(i) << u(rng), u(rng);
  return Z;
}

const model<double> planar{matrix<double>::Identity(2, 2), 0.5, {}, {}, {}};

void hull_layer(benchmark::State& state) {
  const tokens<double> Z = square(state.range(0));
  hull_stats stats;
  for (auto _ : state) benchmark::DoNotOptimize(advance(planar, Z, hull_attention(planar.A, Z, &stats)));
  state.counters["exact_predicates"] = static_cast<double>(stats.exact);
  state.counters["filtered_predicates"] = static_cast<double>(stats.filtered);
}

void pairs_layer(benchmark::State& state) {
  const tokens<double> Z = square(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(step(planar, Z));
}

BENCHMARK(hull_layer)->Name("planar/hull")->Arg(1000)->Arg(4000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(pairs_layer)->Name("planar/pairs")->Arg(1000)->Arg(2000)->Arg(4000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace hardmax

BENCHMARK_MAIN();
