// The batched double engine (docs/PERFORMANCE.md), in one run:
//  - one layer at n = 128, d = 16 against a per-token loop in the style of NumPy code;
//  - one layer at n in {128, 1024}, d = 16 against the score GEMM alone (Eigen, same shapes);
//  - a batch of 64 configurations, n = 128, d = 16, 10 layers, on 1 and 2 threads.
// Input: a seeded configuration with n/8 large "anchor" tokens and small ones that attend to them,
// so that most tokens are not leaders and every row is computed.
#include "numerics/batched_engine.hpp"

#include <Eigen/Dense>
#include <benchmark/benchmark.h>

#include <random>

namespace hardmax {
namespace {

tokens<double> anchored(index n, index d, std::uint64_t seed = 20261130) {
  std::mt19937_64 rng(seed + static_cast<std::uint64_t>(n));
  std::uniform_int_distribution<long> k(-1000, 1000);
  tokens<double> Z(n, d);
  for (index i = 0; i < n; ++i)
    for (index c = 0; c < d; ++c) Z(i, c) = static_cast<double>(k(rng)) / 1000.0 * (i < n / 8 ? 8.0 : 1.0);
  return Z;
}

model<double> identity_model(index d) { return {matrix<double>::Identity(d, d), 0.5, {}, {}, {}}; }

// The per-token loop a NumPy program writes: q = A @ z_i; s = Z @ q; C = where(s == s.max());
// m = Z[C].mean(axis=0); each a fresh array.
tokens<double> per_token_layer(const model<double>& m, const tokens<double>& Z) {
  const index n = Z.rows(), d = Z.cols();
  tokens<double> next(n, d);
  for (index i = 0; i < n; ++i) {
    std::vector<double> q(static_cast<std::size_t>(d), 0.0);
    for (index r = 0; r < d; ++r)
      for (index c = 0; c < d; ++c) q[static_cast<std::size_t>(r)] += m.A(r, c) * Z(i, c);
    std::vector<double> s(static_cast<std::size_t>(n), 0.0);
    for (index j = 0; j < n; ++j)
      for (index c = 0; c < d; ++c) s[static_cast<std::size_t>(j)] += Z(j, c) * q[static_cast<std::size_t>(c)];
    const double best = *std::max_element(s.begin(), s.end());
    std::vector<index> C;
    for (index j = 0; j < n; ++j)
      if (s[static_cast<std::size_t>(j)] == best) C.push_back(j);
    std::vector<double> mean(static_cast<std::size_t>(d), 0.0);
    for (index j : C)
      for (index c = 0; c < d; ++c) mean[static_cast<std::size_t>(c)] += Z(j, c) / static_cast<double>(C.size());
    for (index c = 0; c < d; ++c) next(i, c) = (Z(i, c) + m.alpha * mean[static_cast<std::size_t>(c)]) / (1 + m.alpha);
  }
  return next;
}

void numpy_style_layer(benchmark::State& state) {
  const tokens<double> Z = anchored(state.range(0), state.range(1));
  const model<double> m = identity_model(Z.cols());
  for (auto _ : state) benchmark::DoNotOptimize(per_token_layer(m, Z));
}

void batched_layer(benchmark::State& state) {
  const tokens<double> Z0 = anchored(state.range(0), state.range(1));
  const model<double> m = identity_model(Z0.cols());
  std::vector<tokens<double>> batch(1);
  for (auto _ : state) {
    batch[0] = Z0;
    benchmark::DoNotOptimize(simulate_batch(m, batch, 1, 1));
  }
}

void score_gemm_alone(benchmark::State& state) {
  const tokens<double> Z = anchored(state.range(0), state.range(1));
  const model<double> m = identity_model(Z.cols());
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> Q(Z.rows(), Z.cols()), S(Z.rows(), Z.rows());
  for (auto _ : state) {
    Q.noalias() = Z * m.A;
    S.noalias() = Q * Z.transpose();
    benchmark::DoNotOptimize(S.data());
  }
  // 2 n d^2 for Q = Z A and 2 n^2 d for S = Q Z^T: the rate to set against the ISA's peak
  // (docs/PERFORMANCE.md, issue 17).
  const auto n = static_cast<double>(Z.rows()), d = static_cast<double>(Z.cols());
  state.counters["GFLOP/s"] = benchmark::Counter(2 * n * d * (d + n) * static_cast<double>(state.iterations()) / 1e9,
                                                 benchmark::Counter::kIsRate);
}

void batch_of_64(benchmark::State& state) {
  std::vector<tokens<double>> inputs;
  for (std::uint64_t s = 0; s < 64; ++s) inputs.push_back(anchored(128, 16, s));
  const model<double> m = identity_model(16);
  for (auto _ : state) {
    std::vector<tokens<double>> batch = inputs;
    benchmark::DoNotOptimize(simulate_batch(m, batch, 10, static_cast<unsigned>(state.range(0))));
  }
  state.counters["configs/s"] = benchmark::Counter(64.0 * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

BENCHMARK(numpy_style_layer)->Name("layer/numpy-style")->Args({128, 16})->Unit(benchmark::kMicrosecond);
BENCHMARK(batched_layer)->Name("layer/batched")->Args({128, 16})->Args({1024, 16})->Unit(benchmark::kMicrosecond);
BENCHMARK(score_gemm_alone)->Name("layer/score-gemm-only")->Args({128, 16})->Args({1024, 16})->Unit(benchmark::kMicrosecond);
BENCHMARK(batch_of_64)->Name("batch64x10layers/threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace hardmax

BENCHMARK_MAIN();
