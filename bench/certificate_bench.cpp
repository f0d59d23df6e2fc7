// What the L6 certificates cost (docs/PERFORMANCE.md): one certificate at the certified layer K*,
// the straight-line one on seeded uniform planar inputs (bench/random_problem.hpp), the general one on
// seeded planar symmetric centres (the origin and pairs +-u of lattice points: attended tokens move),
// n = 8 .. 64; and the whole search for K* on both.
#include "proofs-check/limit_search.hpp"

#include "bench/random_problem.hpp"

#include <benchmark/benchmark.h>

#include <random>
#include <set>

namespace hardmax {
namespace {

// The origin and (n - 1)/2 pairs +-u, u distinct non-zero points of the lattice (1/2) Z^2 in [-3, 3]^2.
problem symmetric_centre(index n) {
  std::mt19937_64 rng(20261203 + static_cast<std::uint64_t>(n));
  std::set<std::pair<long, long>> used = {{0, 0}};
  problem p;
  p.A = matrix<rational>::Identity(2, 2);
  p.alpha = rational(1, 2);
  p.Z0 = tokens<rational>::Zero(1 + 2 * ((n - 1) / 2), 2);
  for (index k = 0; k < (n - 1) / 2; ++k) {
    std::pair<long, long> u;
    do u = {static_cast<long>(rng() % 13) - 6, static_cast<long>(rng() % 13) - 6};
    while (used.count(u) || used.count({-u.first, -u.second}));
    used.insert(u);
    p.Z0(1 + 2 * k, 0) = rational(u.first, 2);
    p.Z0(1 + 2 * k, 1) = rational(u.second, 2);
    p.Z0(2 + 2 * k, 0) = rational(-u.first, 2);
    p.Z0(2 + 2 * k, 1) = rational(-u.second, 2);
  }
  return p;
}

problem input(const benchmark::State& state) {
  return state.range(1) == 0 ? bench::random_problem(state.range(0), 2) : symmetric_centre(state.range(0) + 1);
}

void certificate_at_K(benchmark::State& state) {
  const problem p = input(state);
  const model<rational> m = model_of<rational>(p);
  const limit_search s = find_limit(m, {p.Z0}, 200);
  const certificate_kind wanted = state.range(1) == 0 ? certificate_kind::straight_line : certificate_kind::general;
  if (!s.certified || s.certificate.kind != wanted) {
    state.SkipWithError("the input is not certified by the intended certificate");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(certify_limit(m, s.last_layer, s.K()));
  state.counters["K"] = static_cast<double>(s.K());
  state.counters["tokens"] = static_cast<double>(p.size());
  if (s.certificate.general) {
    state.counters["layers_checked"] = static_cast<double>(s.certificate.general->layers_checked);
    state.counters["conditions"] = static_cast<double>(s.certificate.general->ties + s.certificate.general->preferences);
  }
}

void search_for_K(benchmark::State& state) {
  const problem p = input(state);
  const model<rational> m = model_of<rational>(p);
  for (auto _ : state) benchmark::DoNotOptimize(find_limit(m, {p.Z0}, 200));
}

void sizes(benchmark::internal::Benchmark* b) {
  for (long n : {8, 16, 32, 64}) b->Args({n, 0})->Args({n, 1});
  b->ArgNames({"n", "general"})->Unit(benchmark::kMillisecond);
}

BENCHMARK(certificate_at_K)->Name("certificate/at-K*")->Apply(sizes);
BENCHMARK(search_for_K)->Name("certificate/search-K*")->Apply(sizes);

}  // namespace
}  // namespace hardmax

BENCHMARK_MAIN();
