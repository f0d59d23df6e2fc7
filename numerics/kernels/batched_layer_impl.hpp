// The body of the batched engine's score kernels, included once by each per-ISA translation unit
// (batched_layer_sse2.cpp, batched_layer_avx2.cpp, batched_layer_avx512.cpp), which first defines
//   HARDMAX_KERNEL_ISA  the ISA's name (sse2, avx2, avx512): this code lives in hardmax::kernels::<isa>;
//   Eigen               a macro renaming Eigen's namespace to hardmax_eigen_<isa>.
//
// Why the renaming (the ODR hazard of per-ISA TUs): Eigen is templates, and every instantiation a
// TU makes (the GEMM kernels above all) is emitted as a weak symbol. Two TUs built with different
// -m flags emit the same mangled name with different code, and the linker keeps one of them for the
// whole program: the SSE2 path could run AVX2 code (SIGILL on an older CPU) or the AVX2 path SSE2
// code. Renaming the namespace gives each ISA's instantiations their own mangled names, so each TU
// links only to its own; the functions here are in an anonymous namespace inside hardmax::kernels::<isa>.
// This file must therefore be the first include of its TU (so that every Eigen header sees the macro)
// and must not include project headers that use Eigen types, nor instantiate standard library
// templates (their weak symbols would be shared the same way). numerics/kernels/check_isa_isolation.sh
// checks the result on the built objects and binaries (docs/ENGINES.md).
#ifndef HARDMAX_KERNEL_ISA
#error "define HARDMAX_KERNEL_ISA before including batched_layer_impl.hpp"
#endif
#ifndef Eigen
#error "define Eigen (to hardmax_eigen_<isa>) before including batched_layer_impl.hpp"
#endif

#include "numerics/kernels/batched_layer.hpp"

#include <Eigen/Core>

#include <immintrin.h>

#include <limits>

namespace hardmax::kernels::HARDMAX_KERNEL_ISA {
namespace {

// The vector type, and the shape of the register tile: tile_rows rows of the queries against
// tile_vectors vectors of points, tile_rows * tile_vectors accumulators (16 of AVX-512's 32
// registers, 8 of the 16 of AVX2 and SSE2, leaving room for the loaded points and the broadcasts).
#if defined(__AVX512F__)
using vec = __m512d;
constexpr int lanes = 8, tile_rows = 8, tile_vectors = 2;
inline vec load(const double* p) { return _mm512_loadu_pd(p); }
inline void store(double* p, vec v) { _mm512_storeu_pd(p, v); }
inline vec broadcast(double x) { return _mm512_set1_pd(x); }
inline vec multiply(vec a, vec b) { return _mm512_mul_pd(a, b); }
inline vec multiply_add(vec a, vec b, vec c) { return _mm512_fmadd_pd(a, b, c); }
inline vec maximum(vec a, vec b) { return _mm512_max_pd(a, b); }
inline unsigned at_least(vec a, vec b) { return _mm512_cmp_pd_mask(a, b, _CMP_GE_OQ); }
inline unsigned equal(vec a, vec b) { return _mm512_cmp_pd_mask(a, b, _CMP_EQ_OQ); }
inline double horizontal_max(vec a) { return _mm512_reduce_max_pd(a); }
inline vec keep_lanes(vec a, unsigned mask, vec other) { return _mm512_mask_blend_pd(static_cast<__mmask8>(mask), other, a); }
inline void transpose(vec (&r)[lanes]) {
  vec t[lanes], u[lanes];
  for (int i = 0; i < lanes; i += 2) {
    t[i] = _mm512_unpacklo_pd(r[i], r[i + 1]);
    t[i + 1] = _mm512_unpackhi_pd(r[i], r[i + 1]);
  }
  for (int i = 0; i < lanes; i += 4)
    for (int j = 0; j < 2; ++j) {
      u[i + j] = _mm512_shuffle_f64x2(t[i + j], t[i + j + 2], 0x88);
      u[i + j + 2] = _mm512_shuffle_f64x2(t[i + j], t[i + j + 2], 0xDD);
    }
  for (int j = 0; j < 4; ++j) {
    r[j] = _mm512_shuffle_f64x2(u[j], u[j + 4], 0x88);
    r[j + 4] = _mm512_shuffle_f64x2(u[j], u[j + 4], 0xDD);
  }
}
inline double multiply_add(double a, double b, double c) { return __builtin_fma(a, b, c); }
#elif defined(__AVX2__) && defined(__FMA__)
using vec = __m256d;
constexpr int lanes = 4, tile_rows = 4, tile_vectors = 2;
inline vec load(const double* p) { return _mm256_loadu_pd(p); }
inline void store(double* p, vec v) { _mm256_storeu_pd(p, v); }
inline vec broadcast(double x) { return _mm256_set1_pd(x); }
inline vec multiply(vec a, vec b) { return _mm256_mul_pd(a, b); }
inline vec multiply_add(vec a, vec b, vec c) { return _mm256_fmadd_pd(a, b, c); }
inline vec maximum(vec a, vec b) { return _mm256_max_pd(a, b); }
inline unsigned at_least(vec a, vec b) { return static_cast<unsigned>(_mm256_movemask_pd(_mm256_cmp_pd(a, b, _CMP_GE_OQ))); }
inline unsigned equal(vec a, vec b) { return static_cast<unsigned>(_mm256_movemask_pd(_mm256_cmp_pd(a, b, _CMP_EQ_OQ))); }
inline double horizontal_max(vec a) {
  const __m128d half = _mm_max_pd(_mm256_castpd256_pd128(a), _mm256_extractf128_pd(a, 1));
  return _mm_cvtsd_f64(_mm_max_sd(half, _mm_unpackhi_pd(half, half)));
}
inline void transpose(vec (&r)[lanes]) {
  const vec t0 = _mm256_unpacklo_pd(r[0], r[1]), t1 = _mm256_unpackhi_pd(r[0], r[1]);
  const vec t2 = _mm256_unpacklo_pd(r[2], r[3]), t3 = _mm256_unpackhi_pd(r[2], r[3]);
  r[0] = _mm256_permute2f128_pd(t0, t2, 0x20);
  r[1] = _mm256_permute2f128_pd(t1, t3, 0x20);
  r[2] = _mm256_permute2f128_pd(t0, t2, 0x31);
  r[3] = _mm256_permute2f128_pd(t1, t3, 0x31);
}
inline vec keep_lanes(vec a, unsigned mask, vec other) {
  const __m256i bits = _mm256_and_si256(_mm256_set1_epi64x(mask), _mm256_setr_epi64x(1, 2, 4, 8));
  return _mm256_blendv_pd(other, a, _mm256_castsi256_pd(_mm256_cmpeq_epi64(bits, _mm256_setr_epi64x(1, 2, 4, 8))));
}
inline double multiply_add(double a, double b, double c) { return __builtin_fma(a, b, c); }
#else
using vec = __m128d;
constexpr int lanes = 2, tile_rows = 4, tile_vectors = 2;
inline vec load(const double* p) { return _mm_loadu_pd(p); }
inline void store(double* p, vec v) { _mm_storeu_pd(p, v); }
inline vec broadcast(double x) { return _mm_set1_pd(x); }
inline vec multiply(vec a, vec b) { return _mm_mul_pd(a, b); }
// No FMA in baseline x86-64: a rounded product, then a rounded sum (as the scalar form below, which
// -ffp-contract=off keeps from being fused).
inline vec multiply_add(vec a, vec b, vec c) { return _mm_add_pd(_mm_mul_pd(a, b), c); }
inline vec maximum(vec a, vec b) { return _mm_max_pd(a, b); }
inline unsigned at_least(vec a, vec b) { return static_cast<unsigned>(_mm_movemask_pd(_mm_cmpge_pd(a, b))); }
inline unsigned equal(vec a, vec b) { return static_cast<unsigned>(_mm_movemask_pd(_mm_cmpeq_pd(a, b))); }
inline double horizontal_max(vec a) { return _mm_cvtsd_f64(_mm_max_sd(a, _mm_unpackhi_pd(a, a))); }
inline void transpose(vec (&r)[lanes]) {
  const vec t0 = _mm_unpacklo_pd(r[0], r[1]);
  r[1] = _mm_unpackhi_pd(r[0], r[1]);
  r[0] = t0;
}
inline vec keep_lanes(vec a, unsigned mask, vec other) {
  const __m128d keep = _mm_castsi128_pd(_mm_set_epi64x(mask & 2 ? -1 : 0, mask & 1 ? -1 : 0));
  return _mm_or_pd(_mm_and_pd(keep, a), _mm_andnot_pd(keep, other));
}
inline double multiply_add(double a, double b, double c) { return a * b + c; }
#endif
// keep_lanes(a, mask, other): a in the lanes whose bit is set in mask, other elsewhere.
// transpose(r): the lanes x lanes matrix whose rows are r[0..lanes), transposed in place.
// maximum(a, b) returns b when either is NaN: running maxima started at -infinity pass NaNs over, so
// horizontal_max (which must not meet a NaN) is only given such maxima. at_least and equal are false
// for a NaN.

constexpr int tile_cols = tile_vectors * lanes;
static_assert(score_block % tile_rows == 0 && score_block % tile_cols == 0 && score_block % 8 == 0 && query_lanes % lanes == 0);
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double minus_infinity = -std::numeric_limits<double>::infinity();

using accumulators = vec[tile_rows][tile_vectors];

// The scores of tile_rows queries (row stride `stride`) with tile_cols points of a panel (coordinate
// stride score_block): every dot product in increasing coordinate from the first product, one
// multiply_add per further coordinate, as `dot` below.
inline void tile_scores(const double* q, std::ptrdiff_t stride, const double* panel, std::ptrdiff_t d, accumulators& acc) {
  vec z[tile_vectors];
#pragma GCC unroll 4
  for (int v = 0; v < tile_vectors; ++v) z[v] = load(panel + v * lanes);
#pragma GCC unroll 16
  for (int r = 0; r < tile_rows; ++r) {
    const vec qr = broadcast(q[r * stride]);
#pragma GCC unroll 4
    for (int v = 0; v < tile_vectors; ++v) acc[r][v] = multiply(qr, z[v]);
  }
  for (std::ptrdiff_t k = 1; k < d; ++k) {
    const double* zk = panel + k * score_block;
#pragma GCC unroll 4
    for (int v = 0; v < tile_vectors; ++v) z[v] = load(zk + v * lanes);
#pragma GCC unroll 16
    for (int r = 0; r < tile_rows; ++r) {
      const vec qr = broadcast(q[r * stride + k]);
#pragma GCC unroll 4
      for (int v = 0; v < tile_vectors; ++v) acc[r][v] = multiply_add(qr, z[v], acc[r][v]);
    }
  }
}

// The same dot product for one pair, in the same order of operations (so the same rounded value).
inline double dot(const double* q, const double* panel_column, std::ptrdiff_t d) {
  double s = q[0] * panel_column[0];
  for (std::ptrdiff_t k = 1; k < d; ++k) s = multiply_add(q[k], panel_column[k * score_block], s);
  return s;
}

// One entry of a row's scan (M3, exact comparisons): keeps `best` the maximum so far and the
// positions equal to it. A NaN score is passed over (both comparisons are false). For row_ties.
inline void note(double x, std::ptrdiff_t position, double& best, std::ptrdiff_t& count, std::ptrdiff_t* ties,
                 std::ptrdiff_t room) {
  if (x > best) {
    best = x;
    ties[0] = position;
    count = 1;
  } else if (x == best) {
    if (count < room) ties[count] = position;
    ++count;
  }
}

// Row `row` meets the value `top` at positions first + (the bits of `at`), and nowhere above it among
// the scores offered: a new maximum replaces the row's ties, an equal one adds to them.
inline void take(const scan_state& s, std::ptrdiff_t row, double top, unsigned at, std::ptrdiff_t first) {
  double& best = s.best[row];
  std::ptrdiff_t& count = s.count[row];
  if (top > best) {
    best = top;
    count = 0;
  } else if (!(top == best)) {
    return;
  }
  std::ptrdiff_t* ties = s.ties + row * stored_ties;
  for (; at != 0; at &= at - 1, ++count)
    if (count < stored_ties) ties[count] = first + __builtin_ctz(at);
}

// Scores x[0..N) (N vectors, positions first, first + 1, ...) for row `row`: all below its running
// maximum is the common case, one compare per vector; otherwise their maximum and where it is attained.
template <int N>
inline void offer_row(const scan_state& s, std::ptrdiff_t row, const vec (&x)[N], std::ptrdiff_t first) {
  const vec best = broadcast(s.best[row]);
  unsigned hit = 0;
#pragma GCC unroll 8
  for (int v = 0; v < N; ++v) hit |= at_least(x[v], best);
  if (hit == 0) return;
  vec m = broadcast(minus_infinity);
#pragma GCC unroll 8
  for (int v = 0; v < N; ++v) m = maximum(x[v], m);
  const double top = horizontal_max(m);
  const vec tops = broadcast(top);
  unsigned at = 0;
#pragma GCC unroll 8
  for (int v = 0; v < N; ++v) at |= equal(x[v], tops) << (v * lanes);
  take(s, row, top, at, first);
}

const double* panel_of(const score_args& a, std::ptrdiff_t position) {
  return a.panels + (position / score_block) * a.d * score_block + position % score_block;
}

enum class tile_kind {
  rows,               // a block of leader points: only the rows (leaders' rows are not needed)
  rows_and_columns,   // blocks I < J of active points: the rows of I and, transposed, those of J
  diagonal,           // a register tile across the diagonal of a block (I, I)
};

// One register tile: scores of rows r0.. against points c0.., scanned while in registers. A tile
// whose scores are all below the running maxima of its rows and of its columns (one vector compare
// per row and per column vector) needs nothing more; otherwise the maxima of the rows and columns with
// a candidate, and where they are attained, are found with vector compares. Across the diagonal, row
// r takes the columns c >= r and column c the rows r < c: every pair once for each of its two rows,
// with the one value computed in the earlier point's row.
template <tile_kind kind>
void register_tile(const score_args& a, const scan_state& s, std::ptrdiff_t r0, std::ptrdiff_t c0) {
  accumulators acc;
  tile_scores(a.queries + r0 * a.query_stride, a.query_stride, panel_of(a, c0), a.d, acc);
  const vec nans = broadcast(nan);
  // The lanes of vector v of row r whose column is at least row + shift.
  const auto from = [&](int r, int v, int shift) {
    const std::ptrdiff_t first = r0 + r + shift - (c0 + v * lanes);
    return first <= 0 ? (1u << lanes) - 1 : first >= lanes ? 0u : ((1u << lanes) - 1) & ~((1u << first) - 1);
  };
  if constexpr (kind == tile_kind::diagonal) {
#pragma GCC unroll 16
    for (int r = 0; r < tile_rows; ++r) {
      vec upper[tile_vectors];
#pragma GCC unroll 4
      for (int v = 0; v < tile_vectors; ++v) upper[v] = keep_lanes(acc[r][v], from(r, v, 0), nans);
      offer_row(s, r0 + r, upper, c0);
#pragma GCC unroll 4
      for (int v = 0; v < tile_vectors; ++v) acc[r][v] = keep_lanes(acc[r][v], from(r, v, 1), nans);
    }
  }
  vec column_max[tile_vectors];
#pragma GCC unroll 4
  for (int v = 0; v < tile_vectors; ++v) {
    column_max[v] = broadcast(minus_infinity);
#pragma GCC unroll 16
    for (int r = 0; r < tile_rows; ++r) column_max[v] = maximum(acc[r][v], column_max[v]);
  }
  if constexpr (kind != tile_kind::diagonal) {
    // The rows first: no score of the tile reaching the lowest of its rows' maxima (the common case)
    // is checked with one compare per column vector instead of one per row and vector.
    double lowest = s.best[r0];
#pragma GCC unroll 16
    for (int r = 1; r < tile_rows; ++r) lowest = s.best[r0 + r] < lowest ? s.best[r0 + r] : lowest;
    const vec lowest_best = broadcast(lowest);
    unsigned any_row = 0;
#pragma GCC unroll 4
    for (int v = 0; v < tile_vectors; ++v) any_row |= at_least(column_max[v], lowest_best);
    if (any_row != 0)
#pragma GCC unroll 16
      for (int r = 0; r < tile_rows; ++r) offer_row(s, r0 + r, acc[r], c0);
  }
  if constexpr (kind == tile_kind::rows) return;
  unsigned cols_hit = 0;
#pragma GCC unroll 4
  for (int v = 0; v < tile_vectors; ++v) cols_hit |= at_least(column_max[v], load(s.best + c0 + v * lanes)) << (v * lanes);
  if (cols_hit == 0) return;
  // rows_at[c]: the rows of the tile where column c attains its maximum.
  unsigned rows_at[tile_cols] = {};
#pragma GCC unroll 16
  for (int r = 0; r < tile_rows; ++r) {
    unsigned at = 0;
#pragma GCC unroll 4
    for (int v = 0; v < tile_vectors; ++v) at |= equal(acc[r][v], column_max[v]) << (v * lanes);
    for (at &= cols_hit; at != 0; at &= at - 1) rows_at[__builtin_ctz(at)] |= 1u << r;
  }
  alignas(64) double tops[tile_cols];
#pragma GCC unroll 4
  for (int v = 0; v < tile_vectors; ++v) store(tops + v * lanes, column_max[v]);
  for (; cols_hit != 0; cols_hit &= cols_hit - 1) {
    const int c = __builtin_ctz(cols_hit);
    take(s, c0 + c, tops[c], rows_at[c], r0);
  }
}

// Tile (I, J) of active points, I < J: the rows of block I against block J and, transposed, the rows
// of block J with the same scores.
void off_diagonal_tile(const score_args& a, const scan_state& s, std::ptrdiff_t I, std::ptrdiff_t J) {
  for (std::ptrdiff_t r0 = I * score_block; r0 < (I + 1) * score_block && r0 < a.n_active; r0 += tile_rows)
    for (std::ptrdiff_t c0 = J * score_block; c0 < (J + 1) * score_block && c0 < a.n_active; c0 += tile_cols)
      register_tile<tile_kind::rows_and_columns>(a, s, r0, c0);
}

// Tile (I, I): register tiles below the diagonal are skipped, those above it are as off the diagonal,
// and those across it keep each pair once.
void diagonal_tile(const score_args& a, const scan_state& s, std::ptrdiff_t I) {
  const std::ptrdiff_t first = I * score_block;
  for (std::ptrdiff_t r0 = first; r0 < first + score_block && r0 < a.n_active; r0 += tile_rows)
    for (std::ptrdiff_t c0 = first; c0 < first + score_block && c0 < a.n_active; c0 += tile_cols) {
      if (c0 + tile_cols <= r0) continue;
      if (c0 >= r0 + tile_rows) register_tile<tile_kind::rows_and_columns>(a, s, r0, c0);
      else register_tile<tile_kind::diagonal>(a, s, r0, c0);
    }
}

// Tile (I, L) with a block of leader points: the rows of block I only.
void leader_tile(const score_args& a, const scan_state& s, std::ptrdiff_t I, std::ptrdiff_t L) {
  const std::ptrdiff_t first_column = a.leader_start + L * score_block, end = a.leader_start + a.n_leaders;
  for (std::ptrdiff_t r0 = I * score_block; r0 < (I + 1) * score_block && r0 < a.n_active; r0 += tile_rows)
    for (std::ptrdiff_t c0 = first_column; c0 < first_column + score_block && c0 < end; c0 += tile_cols)
      register_tile<tile_kind::rows>(a, s, r0, c0);
}

// The points' coordinates by blocks of score_block: the active points' blocks, then the leader
// points' blocks; the points present in a block are a prefix of it, the rest is padding (NaN).
void pack_panels(const score_args& a) {
  const std::ptrdiff_t d = a.d;
  const auto token = [&](std::ptrdiff_t point) { return a.Z + (a.point ? a.point[point] : point) * d; };
  const std::ptrdiff_t leader_blocks = (a.n_leaders + score_block - 1) / score_block;
  for (std::ptrdiff_t block = 0; block < a.leader_start / score_block + leader_blocks; ++block) {
    double* panel = a.panels + block * d * score_block;
    const std::ptrdiff_t first = block * score_block;
    const bool active = first < a.leader_start;
    const std::ptrdiff_t end = active ? a.n_active : a.leader_start + a.n_leaders;
    const std::ptrdiff_t present = end - first < score_block ? end - first : score_block;
    const double* z[score_block];
    for (std::ptrdiff_t c = 0; c < present; ++c) z[c] = token(active ? first + c : a.n_active + first + c - a.leader_start);
    // lanes x lanes squares of (points, coordinates) transposed in registers, then the remaining coordinates.
    std::ptrdiff_t k0 = 0;
    for (; k0 + lanes <= d; k0 += lanes)
      for (std::ptrdiff_t c0 = 0; c0 < score_block; c0 += lanes) {
        vec square[lanes];
#pragma GCC unroll 8
        for (int l = 0; l < lanes; ++l) square[l] = c0 + l < present ? load(z[c0 + l] + k0) : broadcast(nan);
        transpose(square);
#pragma GCC unroll 8
        for (int l = 0; l < lanes; ++l) store(panel + (k0 + l) * score_block + c0, square[l]);
      }
    for (std::ptrdiff_t k = k0; k < d; ++k) {
      double* row = panel + k * score_block;
      for (std::ptrdiff_t c = 0; c < present; ++c) row[c] = z[c][k];
      for (std::ptrdiff_t c = present; c < score_block; ++c) row[c] = nan;
    }
  }
}

void prepare(const score_args& a) {
  const std::ptrdiff_t d = a.d, stride = a.query_stride;
  const auto token = [&](std::ptrdiff_t point) { return a.Z + (a.point ? a.point[point] : point) * d; };
  // Queries q_a = z_a A: q_ak = sum_c z_ac A_ck, in increasing c. A diagonal A (the paper's A = I)
  // needs one product per coordinate: the chain's other terms are exact zeros, which leave its value
  // as it is (for finite coordinates; only the sign of a zero could differ, and no comparison sees it).
  if (a.diagonal != nullptr) {
    for (std::ptrdiff_t p = 0; p < a.leader_start; ++p) {
      double* q = a.queries + p * stride;
      if (p >= a.n_active) {
        for (std::ptrdiff_t k = 0; k < stride; ++k) q[k] = nan;
        continue;
      }
      const double* z = token(p);
      std::ptrdiff_t k = 0;
      for (; k + lanes <= d; k += lanes) store(q + k, multiply(load(z + k), load(a.diagonal + k)));
      for (; k < d; ++k) q[k] = z[k] * a.diagonal[k];
      for (; k < stride; ++k) q[k] = 0.0;
    }
    return pack_panels(a);
  }
  // Otherwise vectorised over k and computed for query_rows points at once (independent chains of
  // multiply_add hide its latency).
  constexpr int query_rows = 8;
  for (std::ptrdiff_t p0 = 0; p0 < a.leader_start; p0 += query_rows) {
    const double* z[query_rows];  // padding rows take point 0's query, overwritten with NaN below
    for (int r = 0; r < query_rows; ++r) z[r] = token(p0 + r < a.n_active ? p0 + r : 0);
    std::ptrdiff_t k0 = 0;
    for (; k0 + lanes <= d; k0 += lanes) {
      vec acc[query_rows];
      const vec A0 = load(a.A + k0);
#pragma GCC unroll 8
      for (int r = 0; r < query_rows; ++r) acc[r] = multiply(broadcast(z[r][0]), A0);
      for (std::ptrdiff_t c = 1; c < d; ++c) {
        const vec Ac = load(a.A + c * d + k0);
#pragma GCC unroll 8
        for (int r = 0; r < query_rows; ++r) acc[r] = multiply_add(broadcast(z[r][c]), Ac, acc[r]);
      }
#pragma GCC unroll 8
      for (int r = 0; r < query_rows; ++r) store(a.queries + (p0 + r) * stride + k0, acc[r]);
    }
    for (int r = 0; r < query_rows; ++r) {
      double* q = a.queries + (p0 + r) * stride;
      for (std::ptrdiff_t k = k0; k < d; ++k) {
        double acc = z[r][0] * a.A[k];
        for (std::ptrdiff_t c = 1; c < d; ++c) acc = multiply_add(z[r][c], a.A[c * d + k], acc);
        q[k] = acc;
      }
      for (std::ptrdiff_t k = d; k < stride; ++k) q[k] = 0.0;
      if (p0 + r >= a.n_active)
        for (std::ptrdiff_t k = 0; k < stride; ++k) q[k] = nan;
    }
  }
  pack_panels(a);
}

void scan(const score_args& a, std::ptrdiff_t first_tile, std::ptrdiff_t last_tile, const scan_state& s) {
  const std::ptrdiff_t nb = a.leader_start / score_block, nl = (a.n_leaders + score_block - 1) / score_block;
  std::ptrdiff_t t = 0;
  for (std::ptrdiff_t I = 0; I < nb && t < last_tile; ++I) {
    const std::ptrdiff_t in_row = nb - I + nl;
    if (t + in_row <= first_tile) {
      t += in_row;
      continue;
    }
    for (std::ptrdiff_t k = 0; k < in_row; ++k, ++t) {
      if (t < first_tile) continue;
      if (t >= last_tile) break;
      const std::ptrdiff_t J = I + k;
      if (J == I) diagonal_tile(a, s, I);
      else if (J < nb) off_diagonal_tile(a, s, I, J);
      else leader_tile(a, s, I, J - nb);
    }
  }
}

std::ptrdiff_t row_ties(const score_args& a, std::ptrdiff_t row, std::ptrdiff_t* ties) {
  double best = minus_infinity;
  std::ptrdiff_t count = 0;
  const std::ptrdiff_t d = a.d, room = a.leader_start + a.n_leaders;
  for (std::ptrdiff_t p = 0; p < a.n_active; ++p) {
    const double x = p < row ? dot(a.queries + p * a.query_stride, panel_of(a, row), d)
                             : dot(a.queries + row * a.query_stride, panel_of(a, p), d);
    note(x, p, best, count, ties, room);
  }
  for (std::ptrdiff_t p = a.leader_start; p < a.leader_start + a.n_leaders; ++p)
    note(dot(a.queries + row * a.query_stride, panel_of(a, p), d), p, best, count, ties, room);
  return count;
}

using rows = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

void full_scores(const double* A, const double* Z, std::ptrdiff_t n, std::ptrdiff_t d, double* Q, double* S) {
  const Eigen::Map<const rows> Zm(Z, n, d), Am(A, d, d);
  Eigen::Map<rows> Qm(Q, n, d), Sm(S, n, n);
  Qm.noalias() = Zm * Am;
  Sm.noalias() = Qm * Zm.transpose();
}

// The kernel's product alone: every block J >= I of S written, nothing scanned.
void half_scores(const double* A, const double* Z, std::ptrdiff_t n, std::ptrdiff_t d, double* scratch, double* S) {
  score_args a;
  a.A = A;
  a.d = d;
  a.Z = Z;
  a.n_active = n;
  a.leader_start = (n + score_block - 1) / score_block * score_block;
  a.query_stride = (d + query_lanes - 1) / query_lanes * query_lanes;
  a.queries = scratch;
  a.panels = scratch + a.leader_start * a.query_stride;
  double* diagonal = a.panels + a.leader_start * d;
  bool is_diagonal = true;
  for (std::ptrdiff_t r = 0; r < d; ++r) {
    diagonal[r] = A[r * d + r];
    for (std::ptrdiff_t c = 0; c < d; ++c) is_diagonal = is_diagonal && (r == c || A[r * d + c] == 0);
  }
  a.diagonal = is_diagonal ? diagonal : nullptr;
  prepare(a);
  alignas(64) double t[tile_rows][tile_cols];
  for (std::ptrdiff_t r0 = 0; r0 < n; r0 += tile_rows)
    for (std::ptrdiff_t c0 = r0 / score_block * score_block; c0 < n; c0 += tile_cols) {
      accumulators acc;
      tile_scores(a.queries + r0 * a.query_stride, a.query_stride, panel_of(a, c0), d, acc);
      if (r0 + tile_rows <= n && c0 + tile_cols <= n) {
#pragma GCC unroll 16
        for (int r = 0; r < tile_rows; ++r)
#pragma GCC unroll 4
          for (int v = 0; v < tile_vectors; ++v) store(S + (r0 + r) * n + c0 + v * lanes, acc[r][v]);
        continue;
      }
      for (int r = 0; r < tile_rows; ++r)
        for (int v = 0; v < tile_vectors; ++v) store(&t[r][v * lanes], acc[r][v]);
      for (std::ptrdiff_t r = 0; r < tile_rows && r0 + r < n; ++r)
        for (std::ptrdiff_t c = 0; c < tile_cols && c0 + c < n; ++c) S[(r0 + r) * n + c0 + c] = t[r][c];
    }
}

}  // namespace
}  // namespace hardmax::kernels::HARDMAX_KERNEL_ISA

// The exported names, one set per ISA.
#define HARDMAX_KERNEL_EXPORT_NAME2(name, isa) name##_##isa
#define HARDMAX_KERNEL_EXPORT_NAME(name, isa) HARDMAX_KERNEL_EXPORT_NAME2(name, isa)
#define HARDMAX_KERNEL_EXPORT(name) HARDMAX_KERNEL_EXPORT_NAME(name, HARDMAX_KERNEL_ISA)

namespace hardmax::kernels {
void HARDMAX_KERNEL_EXPORT(prepare_scores)(const score_args& args) { HARDMAX_KERNEL_ISA::prepare(args); }
void HARDMAX_KERNEL_EXPORT(scan_scores)(const score_args& args, std::ptrdiff_t first_tile, std::ptrdiff_t last_tile,
                                        const scan_state& state) {
  HARDMAX_KERNEL_ISA::scan(args, first_tile, last_tile, state);
}
std::ptrdiff_t HARDMAX_KERNEL_EXPORT(row_ties)(const score_args& args, std::ptrdiff_t a, std::ptrdiff_t* ties) {
  return HARDMAX_KERNEL_ISA::row_ties(args, a, ties);
}
void HARDMAX_KERNEL_EXPORT(batched_scores)(const double* A, const double* Z, std::ptrdiff_t n, std::ptrdiff_t d, double* Q,
                                           double* S) {
  HARDMAX_KERNEL_ISA::full_scores(A, Z, n, d, Q, S);
}
void HARDMAX_KERNEL_EXPORT(half_scores)(const double* A, const double* Z, std::ptrdiff_t n, std::ptrdiff_t d, double* scratch,
                                        double* S) {
  HARDMAX_KERNEL_ISA::half_scores(A, Z, n, d, scratch, S);
}
}  // namespace hardmax::kernels
