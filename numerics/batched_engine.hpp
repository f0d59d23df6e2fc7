// The batched double engine: many configurations (a batch of reviews, a sweep) stepped at once,
// spread over threads, with no heap allocation per token.
//
// Same model and tie rule as the generic engine (M4; C_i = the indices whose computed score equals
// the row maximum exactly), but the scores are computed by vector kernels, once per pair of points
// (S = Z A Z^T is symmetric: the pair's two rows decide on the same rounded value), with FMA where
// the CPU has it, so its rounding differs from the generic double engine's: it is the fast engine,
// not the reference (docs/ENGINES.md). Exact copies are grouped into one point (numerics/batched_copies.hpp).
//
// The score kernels are compiled for baseline x86-64 (SSE2), for AVX2 + FMA and for AVX-512F, and
// chosen at run time from the CPU (numerics/kernels/): one binary serves every x86-64. Scores are
// identical bit for bit between the AVX2 and AVX-512 kernels (the same fused operations in the same
// order); SSE2 rounds each product, so its last bits may differ. Ties are decided exactly on each
// ISA's scores.
#pragma once

#include "numerics/model.hpp"
#include "numerics/tokens.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace hardmax {

struct batch_report {
  std::size_t rows_computed = 0;  // rows of tokens not known to be leaders, over all layers and configurations
                                  // (copies share one computed row)
  std::size_t rows_skipped = 0;   // rows of tokens already known to be leaders (L2), or copies of them
};

// Runs `depth` layers of M4 (V = I, no softmax) on every configuration of `batch`, in place, using up
// to `threads` threads (0: all hardware threads): configurations are shared out among the threads,
// and when there are fewer configurations than threads, each of at least 512 tokens has every layer's
// tiles of scores and its points split across the threads instead (bit-identical to one thread).
// Configurations may differ in size; all share
// the model (and so the dimension). A SIGINT/SIGTERM recorded by numerics/interruption.hpp stops the
// workers between layers and throws `interrupted`: the batch is then incomplete. Throws
// std::invalid_argument (before any work) for softmax or a value matrix, a configuration outside A's
// dimension, or an ISA from HARDMAX_ISA that is unknown or that the CPU lacks (batched_isa below).
// In the plane (d = 2) attention sets come from the convex hull by default (numerics/hull_attention.hpp:
// exact decisions on the stored coordinates, O(n log n) a layer instead of the n^2 scores), as
// `hardmax simulate --engine double` does; planar_attention::scores keeps the score kernels there too.
enum class planar_attention { hull, scores };
batch_report simulate_batch(const model<double>& m, std::vector<tokens<double>>& batch, index depth, unsigned threads = 0,
                            planar_attention planar = planar_attention::hull);

// The instruction sets the score kernels are built for, in increasing order.
enum class vector_isa { sse2, avx2, avx512 };

const char* isa_name(vector_isa isa);     // "sse2", "avx2", "avx512"
vector_isa parse_isa(std::string_view name);  // the inverse; std::invalid_argument for any other name
bool cpu_supports(vector_isa isa);        // avx2: the CPU (and OS) support AVX2 and FMA; avx512: also AVX-512F
std::vector<vector_isa> available_isas(); // those this CPU runs, baseline first

// The ISA simulate_batch uses (read once per call): the one forced by force_batched_isa if any, else
// the one named by the environment variable HARDMAX_ISA (sse2|avx2|avx512) if set and non-empty, else the
// best this CPU supports. Throws std::invalid_argument if HARDMAX_ISA names an unknown ISA or one
// the CPU lacks (so simulate_batch then throws too).
vector_isa batched_isa();
// Forces an ISA for every later call, in every thread (for tests and benchmarks); throws
// std::invalid_argument, forcing nothing, if the CPU lacks it.
void force_batched_isa(vector_isa isa);
void force_batched_isa(std::string_view name);
void reset_batched_isa();  // back to HARDMAX_ISA or the best available

// The attention sets (M3) the batched engine decides on Z in one layer with the current ISA: the
// scores of its kernels, ties by exact equality. For tests against the other engines.
attention_pattern batched_attention(const model<double>& m, const tokens<double>& Z);

namespace detail {
// For tests: act as if the CPU supported nothing above `best` (std::nullopt: the real CPU again).
void limit_cpu_isa(std::optional<vector_isa> best);
}  // namespace detail

}  // namespace hardmax
