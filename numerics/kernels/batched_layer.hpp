// The score kernels of the batched double engine (numerics/batched_engine.cpp), compiled once per ISA
// (batched_layer_sse2.cpp, batched_layer_avx2.cpp, batched_layer_avx512.cpp) and chosen at run time
// (docs/ENGINES.md).
//
// This header is deliberately free of Eigen and of inline functions: it is included by translation
// units compiled with different instruction sets, and anything with code in it would be an ODR
// hazard (the linker keeps one copy of each inline function, from whichever object it sees first).
// Each ISA exports only the functions below, under its own names; everything else in a kernel TU has
// internal linkage or lives in a namespace private to that ISA (see batched_layer_impl.hpp).
//
// What a kernel computes. The layer works on "points": one per copy class of the configuration (the
// engine groups exact copies, which have equal scores, attention sets and updates). Points are
// numbered by position: the active points (not yet known to be leaders) 0 .. n_active - 1, then the
// leader points, which start at position `leader_start` (n_active rounded up to `score_block`).
// The score of active point a with point b is <A z_a, z_b>, computed ONCE per pair as
//   s(a, b) = fl(q_a . z_b) with a the smaller position, q_a = z_a A,
// every dot product summed in increasing coordinate from the first product (with FMA in the AVX2 and
// AVX-512 kernels, a product and an addition in the SSE2 one), so that the two rows of the pair
// decide their ties on the same rounded number and the value does not depend on where the pair sits
// in the blocks: every thread count, tile order and ISA with FMA gives the same scores bit for bit.
// The kernels do not materialise the score matrix: tiles of score_block x score_block pairs with
// b's block >= a's block are computed in registers and scanned at once, updating the running
// maximum and its ties of a's row and, transposed, of b's row (when b is active).
#pragma once

#include <cstddef>

namespace hardmax::kernels {

constexpr std::ptrdiff_t score_block = 16;   // points per tile side
constexpr std::ptrdiff_t query_lanes = 8;    // rows of the queries are padded to a multiple of this
constexpr std::ptrdiff_t stored_ties = 8;    // tie positions a scan keeps per row (then the row is rescanned)

// The layer's points, as the engine lays them out. Buffers are written by prepare_scores.
struct score_args {
  const double* A = nullptr;           // d x d, symmetric, row-major
  std::ptrdiff_t d = 0;                // >= 1
  const double* diagonal = nullptr;    // A's diagonal when A is diagonal (the queries then take one
                                       // product per coordinate, the same value), else nullptr
  const double* Z = nullptr;           // the configuration, row-major, `d` columns
  const std::ptrdiff_t* point = nullptr;  // [n_active + n_leaders]: the token (row of Z) of each point,
                                          // active points first, then leader points
  std::ptrdiff_t n_active = 0, n_leaders = 0;
  std::ptrdiff_t leader_start = 0;     // n_active rounded up to score_block
  // Written by prepare_scores: queries, leader_start x query_stride (q_a = z_a A; padding rows NaN),
  // and panels, one per block of score_block points: d x score_block, panels[(block * d + k) *
  // score_block + c] = coordinate k of the block's point c (NaN for padding, so it never ties).
  double* queries = nullptr;
  std::ptrdiff_t query_stride = 0;     // d rounded up to query_lanes
  double* panels = nullptr;            // (leader_start + leader points rounded up) * d doubles
};

// One scan's running state for the rows of the active points (leader_start rows): the maximum so far,
// how many positions attain it, and the first stored_ties of them (in no particular order).
struct scan_state {
  double* best = nullptr;              // [leader_start], start at -infinity
  std::ptrdiff_t* count = nullptr;     // [leader_start], start at 0
  std::ptrdiff_t* ties = nullptr;      // [leader_start * stored_ties]
};

// Tiles are numbered row of blocks by row of blocks: for active block I = 0, 1, ..., the active
// blocks J = I, I + 1, ... and then every block of leader points.
// tile_count = nb (nb + 1) / 2 + nb * nl, nb and nl the numbers of active and leader blocks.

// Per ISA:
//  prepare_scores_<isa>: writes args.queries and args.panels (one thread, before any scan).
//  scan_scores_<isa>: scans tiles [first_tile, last_tile) into `state` (a thread's own state; the
//    states of several scans of one layer are merged by the engine: maxima and ties are sets).
//  row_ties_<isa>: recomputes the whole row of active point `a` and writes the positions attaining
//    its maximum, increasing, into `ties` (room for every point); returns their number. For rows
//    whose ties overflowed stored_ties.
//  batched_scores_<isa>: Q = Z A and S = Q Z^T for all n rows with the ISA's own Eigen (the full
//    GEMM), and half_scores_<isa>: the kernel's product alone, every block J >= I of S = Z A Z^T
//    written (n x n, row-major; scratch: n rounded up to score_block, times (query_stride + d)
//    doubles, plus d). For the benchmark (bench/batched_bench.cpp).
void prepare_scores_sse2(const score_args& args);
void scan_scores_sse2(const score_args& args, std::ptrdiff_t first_tile, std::ptrdiff_t last_tile, const scan_state& state);
std::ptrdiff_t row_ties_sse2(const score_args& args, std::ptrdiff_t a, std::ptrdiff_t* ties);
void batched_scores_sse2(const double* A, const double* Z, std::ptrdiff_t n, std::ptrdiff_t d, double* Q, double* S);
void half_scores_sse2(const double* A, const double* Z, std::ptrdiff_t n, std::ptrdiff_t d, double* scratch, double* S);

// Need AVX2 and FMA.
void prepare_scores_avx2(const score_args& args);
void scan_scores_avx2(const score_args& args, std::ptrdiff_t first_tile, std::ptrdiff_t last_tile, const scan_state& state);
std::ptrdiff_t row_ties_avx2(const score_args& args, std::ptrdiff_t a, std::ptrdiff_t* ties);
void batched_scores_avx2(const double* A, const double* Z, std::ptrdiff_t n, std::ptrdiff_t d, double* Q, double* S);
void half_scores_avx2(const double* A, const double* Z, std::ptrdiff_t n, std::ptrdiff_t d, double* scratch, double* S);

// Need AVX-512F (and AVX2 and FMA).
void prepare_scores_avx512(const score_args& args);
void scan_scores_avx512(const score_args& args, std::ptrdiff_t first_tile, std::ptrdiff_t last_tile, const scan_state& state);
std::ptrdiff_t row_ties_avx512(const score_args& args, std::ptrdiff_t a, std::ptrdiff_t* ties);
void batched_scores_avx512(const double* A, const double* Z, std::ptrdiff_t n, std::ptrdiff_t d, double* Q, double* S);
void half_scores_avx512(const double* A, const double* Z, std::ptrdiff_t n, std::ptrdiff_t d, double* scratch, double* S);

}  // namespace hardmax::kernels
