// The batched double engine (docs/PERFORMANCE.md), in one run:
//  - one layer at n = 128, d = 16 against a per-token loop in the style of NumPy code;
//  - one layer at n in {128, 1024}, d = 16 against the score GEMM alone (Eigen, same shapes);
//  - a batch of 64 configurations, n = 128, d = 16, 10 layers, on 1 and 2 threads;
//  - per ISA of the score kernels this CPU runs (numerics/kernels/): one layer at n in {128, 1024},
//    d = 16; Eigen's full score GEMM compiled in the same ISA's TU; and the kernels' own product alone
//    (half the pairs, materialised), each with its GFLOP/s; at the end, the ratio of the layer to each
//    product per ISA and shape (CPU-time medians when repetitions are aggregated);
//  - the core's effective clock and the SSE2 and AVX2/FMA peaks it implies.
// Input: a seeded configuration with n/8 large "anchor" tokens and small ones that attend to them,
// so that most tokens are not leaders and every row is computed.
#include "numerics/batched_engine.hpp"
#include "numerics/batched_layers.hpp"
#include "numerics/kernels/batched_layer.hpp"

#include <Eigen/Dense>
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <random>
#include <string>

#include <unistd.h>

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

// 2 n d^2 for Q = Z A and 2 n^2 d for S = Q Z^T.
double score_flops(index n, index d) { return 2.0 * static_cast<double>(n) * static_cast<double>(d) * static_cast<double>(d + n); }

void batched_layer(benchmark::State& state) {
  const tokens<double> Z0 = anchored(state.range(0), state.range(1));
  const model<double> m = identity_model(Z0.cols());
  std::vector<tokens<double>> batch(1);
  for (auto _ : state) {
    batch[0] = Z0;
    benchmark::DoNotOptimize(simulate_batch(m, batch, 1, 1));
  }
}

// One configuration on 2 threads: every layer's rows split between them (numerics/batched_engine.hpp).
void batched_layer_split(benchmark::State& state) {
  const tokens<double> Z0 = anchored(state.range(0), state.range(1));
  const model<double> m = identity_model(Z0.cols());
  std::vector<tokens<double>> batch(1);
  for (auto _ : state) {
    batch[0] = Z0;
    benchmark::DoNotOptimize(simulate_batch(m, batch, 1, 2));
  }
}

// The plane: one layer by the convex hull (the default in d = 2) or by the n^2 scores.
void batched_plane(benchmark::State& state) {
  const tokens<double> Z0 = anchored(state.range(0), 2);
  const model<double> m = identity_model(2);
  std::vector<tokens<double>> batch(1);
  const auto path = state.range(1) ? planar_attention::hull : planar_attention::scores;
  for (auto _ : state) {
    batch[0] = Z0;
    benchmark::DoNotOptimize(simulate_batch(m, batch, 1, 1, path));
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
  // The rate to set against the ISA's peak (docs/PERFORMANCE.md, issue 17).
  state.counters["GFLOP/s"] = benchmark::Counter(score_flops(Z.rows(), Z.cols()) * static_cast<double>(state.iterations()) / 1e9,
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

// The layer on one ISA (forced for the benchmark; the automatic choice is restored after).
void batched_layer_isa(benchmark::State& state, vector_isa isa) {
  force_batched_isa(isa);
  batched_layer(state);
  reset_batched_isa();
}

// The score GEMM of the layer, all n rows, from the ISA's own kernel TU (its Eigen build).
void score_gemm_isa(benchmark::State& state, vector_isa isa) {
  const tokens<double> Z = anchored(state.range(0), state.range(1));
  const model<double> m = identity_model(Z.cols());
  const index n = Z.rows(), d = Z.cols();
  std::vector<double> Q(static_cast<std::size_t>(n * d)), S(static_cast<std::size_t>(n * n));
  const auto run = isa == vector_isa::avx512 ? &kernels::batched_scores_avx512
                   : isa == vector_isa::avx2 ? &kernels::batched_scores_avx2
                                             : &kernels::batched_scores_sse2;
  for (auto _ : state) {
    run(m.A.data(), Z.data(), n, d, Q.data(), S.data());
    benchmark::DoNotOptimize(S.data());
    benchmark::ClobberMemory();
  }
  state.counters["GFLOP/s"] =
      benchmark::Counter(score_flops(n, d) * static_cast<double>(state.iterations()) / 1e9, benchmark::Counter::kIsRate);
}

// The layer's own score product alone (numerics/kernels/): every block J >= I of S = Z A Z^T written
// to memory, nothing scanned. Its rate counts the flops of the half it computes (the tiles J >= I,
// diagonal tiles whole), so that it can be set against the peak.
void half_scores_isa(benchmark::State& state, vector_isa isa) {
  const tokens<double> Z = anchored(state.range(0), state.range(1));
  const model<double> m = identity_model(Z.cols());
  const index n = Z.rows(), d = Z.cols(), b = kernels::score_block, padded = (n + b - 1) / b * b;
  // On 64-byte boundaries, as the layer's own buffers (numerics/batched_layers.hpp).
  std::vector<double, cache_aligned<double>> scratch(static_cast<std::size_t>(padded * ((d + 7) / 8 * 8 + d) + d));
  std::vector<double> S(static_cast<std::size_t>(n * n));
  const auto run = isa == vector_isa::avx512 ? &kernels::half_scores_avx512
                   : isa == vector_isa::avx2 ? &kernels::half_scores_avx2
                                             : &kernels::half_scores_sse2;
  for (auto _ : state) {
    run(m.A.data(), Z.data(), n, d, scratch.data(), S.data());
    benchmark::DoNotOptimize(S.data());
    benchmark::ClobberMemory();
  }
  const double blocks = static_cast<double>(padded / b), pairs = blocks * (blocks + 1) / 2 * static_cast<double>(b * b);
  const double flops = 2.0 * static_cast<double>(n * d * d) + 2.0 * pairs * static_cast<double>(d);
  state.counters["GFLOP/s"] = benchmark::Counter(flops * static_cast<double>(state.iterations()) / 1e9, benchmark::Counter::kIsRate);
}

BENCHMARK(numpy_style_layer)->Name("layer/numpy-style")->Args({128, 16})->Unit(benchmark::kMicrosecond);
BENCHMARK(batched_layer)->Name("layer/batched")->Args({128, 16})->Args({1024, 16})->Unit(benchmark::kMicrosecond);
BENCHMARK(batched_layer_split)->Name("layer/batched-2-threads")->Args({1024, 16})->Args({4096, 16})->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(batched_plane)->Name("layer/batched-plane")->ArgNames({"n", "hull"})->Args({2000, 1})->Args({2000, 0})
    ->Args({100000, 1})->Unit(benchmark::kMicrosecond);
BENCHMARK(score_gemm_alone)->Name("layer/score-gemm-only")->Args({128, 16})->Args({1024, 16})->Unit(benchmark::kMicrosecond);
BENCHMARK(batch_of_64)->Name("batch64x10layers/threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The core's effective clock, for the ISAs' peaks (docs/PERFORMANCE.md): a chain of dependent 64-bit
// integer multiplies, one every 3 cycles (imul r64, r64 has 3 cycles of latency on Intel cores since
// Sandy Bridge and on AMD Zen; a chain of add-immediates cannot serve, Golden Cove folds them at
// rename). /proc/cpuinfo shows only the nominal clock in a virtual machine. Scalar code: under
// heavy AVX2 use a core may run somewhat slower.
void clock_estimate(benchmark::State& state) {
  constexpr long chain = 1 << 20;
  for (auto _ : state) {
    long x = 1;
    const long y = 3;
    for (long i = 0; i < chain; ++i)
      asm volatile("imul %1, %0\n\timul %1, %0\n\timul %1, %0\n\timul %1, %0" : "+r"(x) : "r"(y));
    benchmark::DoNotOptimize(x);
  }
  const double cycles = 3.0 * 4.0 * chain * static_cast<double>(state.iterations());
  state.counters["clock"] = benchmark::Counter(cycles, benchmark::Counter::kIsRate);
  // 2 FMA units x 8 doubles x 2 flops (AVX-512 on a core with two 512-bit FMA units), 2 x 4 x 2
  // for AVX2, and SSE2's 2 units x 2 doubles x 1 flop.
  state.counters["AVX512-FMA-peak-flop"] = benchmark::Counter(32 * cycles, benchmark::Counter::kIsRate);
  state.counters["AVX2-FMA-peak-flop"] = benchmark::Counter(16 * cycles, benchmark::Counter::kIsRate);
  state.counters["SSE2-peak-flop"] = benchmark::Counter(4 * cycles, benchmark::Counter::kIsRate);
}

// The console output, and at the end the ratio layer / GEMM of each ISA and shape, from the runs'
// CPU times (the median when repetitions are aggregated, else the single run).
class ratio_reporter : public benchmark::ConsoleReporter {
 public:
  // Colours only on a terminal (--benchmark_color applies to the library's own reporter only).
  ratio_reporter() : ConsoleReporter(isatty(STDOUT_FILENO) ? OO_ColorTabular : OO_Tabular) {}
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) {
      if (r.error_occurred || (r.run_type == Run::RT_Aggregate && r.aggregate_name != "median")) continue;
      std::string name = r.run_name.str();
      times_[name] = r.GetAdjustedCPUTime();
    }
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    std::printf("\nlayer / score product, same ISA and shape (CPU time: on a shared machine the real time also counts waits):\n");
    std::printf("  %-28s %14s %14s\n", "", "/ Eigen GEMM", "/ half product");
    for (const auto& [name, t] : times_) {
      const std::string prefix = "layer/batched-isa/";
      if (name.rfind(prefix, 0) != 0) continue;
      const std::string shape = name.substr(prefix.size());
      const auto gemm = times_.find("layer/score-gemm-isa/" + shape), half = times_.find("layer/half-scores-isa/" + shape);
      if (gemm != times_.end() && half != times_.end() && gemm->second > 0 && half->second > 0)
        std::printf("  %-28s %14.2f %14.2f\n", shape.c_str(), t / gemm->second, t / half->second);
    }
  }

 private:
  std::map<std::string, double> times_;
};

}  // namespace
}  // namespace hardmax

int main(int argc, char** argv) {
  using namespace hardmax;
  for (vector_isa isa : available_isas()) {
    const std::string name = isa_name(isa);
    benchmark::RegisterBenchmark(("layer/batched-isa/" + name).c_str(), batched_layer_isa, isa)
        ->Args({128, 16})->Args({1024, 16})->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("layer/score-gemm-isa/" + name).c_str(), score_gemm_isa, isa)
        ->Args({128, 16})->Args({1024, 16})->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("layer/half-scores-isa/" + name).c_str(), half_scores_isa, isa)
        ->Args({128, 16})->Args({1024, 16})->Unit(benchmark::kMicrosecond);
  }
  benchmark::RegisterBenchmark("cpu/clock-estimate", clock_estimate)->Unit(benchmark::kMillisecond);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  std::printf("batched engine ISA by default: %s\n", isa_name(batched_isa()));
  benchmark::AddCustomContext("batched_isa", isa_name(batched_isa()));
  ratio_reporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
