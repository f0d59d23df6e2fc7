// One layer of M4 per engine, for n in {8, 32, 128, 512} and d in {2, 16} (docs/PERFORMANCE.md).
// Inputs are seeded random rationals k/1000 in [-1, 1]; every engine steps the same configuration.
#include "numerics/layer.hpp"
#include "numerics/problem.hpp"

#include "bench/random_problem.hpp"

#include <benchmark/benchmark.h>

#include <random>

namespace hardmax {
namespace {

using bench::random_problem;

template <class Scalar>
void one_layer(benchmark::State& state) {
  const problem p = random_problem(state.range(0), state.range(1));
  const model<Scalar> m = model_of<Scalar>(p);
  const tokens<Scalar> Z = initial_tokens<Scalar>(p);
  for (auto _ : state) benchmark::DoNotOptimize(step(m, Z));
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(state.iterations() * p.size()),
                                                  benchmark::Counter::kIsRate);
}

template <long Bits>
void one_layer_mpfr(benchmark::State& state) {
  const mpfr_precision_scope scope(Bits);
  one_layer<mpfr_real>(state);
}

void shapes(benchmark::internal::Benchmark* b) {
  for (long d : {2, 16})
    for (long n : {8, 32, 128, 512}) b->Args({n, d});
  b->ArgNames({"n", "d"})->Unit(benchmark::kMicrosecond);
}

BENCHMARK(hardmax::one_layer<double>)->Name("layer/double")->Apply(shapes);
BENCHMARK(one_layer_mpfr<53>)->Name("layer/mpfr:53")->Apply(shapes);
BENCHMARK(one_layer_mpfr<113>)->Name("layer/mpfr:113")->Apply(shapes);
BENCHMARK(hardmax::one_layer<rational>)->Name("layer/exact")->Apply(shapes);

}  // namespace
}  // namespace hardmax

BENCHMARK_MAIN();
