// The body of the batched layer kernel, included once by each per-ISA translation unit
// (batched_layer_sse2.cpp, batched_layer_avx2.cpp), which first defines
//   HARDMAX_KERNEL_ISA  the ISA's name (sse2, avx2): this code lives in hardmax::kernels::<isa>;
//   Eigen               a macro renaming Eigen's namespace to hardmax_eigen_<isa>.
//
// Why the renaming (the ODR hazard of per-ISA TUs): Eigen is templates, and every instantiation a
// TU makes (the GEMM kernels above all) is emitted as a weak symbol. Two TUs built with different
// -m flags emit the same mangled name with different code, and the linker keeps one of them for the
// whole program: the SSE2 path could run AVX2 code (SIGILL on an older CPU) or the AVX2 path SSE2
// code. Renaming the namespace gives each ISA's instantiations their own mangled names, so each TU
// links only to its own; the functions here are in an anonymous namespace inside hardmax::kernels::<isa>.
// This file must therefore be the first include of its TU (so that every Eigen header sees the macro)
// and must not include project headers that use Eigen types. numerics/kernels/check_isa_isolation.sh
// checks the result on the built objects and binaries (docs/ENGINES.md).
#ifndef HARDMAX_KERNEL_ISA
#error "define HARDMAX_KERNEL_ISA before including batched_layer_impl.hpp"
#endif
#ifndef Eigen
#error "define Eigen (to hardmax_eigen_<isa>) before including batched_layer_impl.hpp"
#endif

#include "numerics/kernels/batched_layer.hpp"

#include <Eigen/Core>

#include <cstring>
#include <limits>

#if defined(__AVX2__)
#include <immintrin.h>
#else
#include <emmintrin.h>
#endif

namespace hardmax::kernels::HARDMAX_KERNEL_ISA {
namespace {

using rows = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using row_vector = Eigen::Matrix<double, 1, Eigen::Dynamic>;

// One entry of the scan: keeps `best` the maximum so far and ties[0..count) the indices equal to it,
// increasing. Exact comparisons (M3): j is a tie iff its computed score equals the maximum. A NaN
// score is passed over (both comparisons are false).
inline void scan_one(double x, std::ptrdiff_t j, double& best, std::ptrdiff_t* ties, std::ptrdiff_t& count) {
  if (x > best) {
    best = x;
    ties[0] = j;
    count = 1;
  } else if (x == best) {
    ties[count++] = j;
  }
}

// The indices j of the row maximum of s[0..n), increasing, into `ties`; returns their number. One pass:
// a block of entries all below the running maximum is skipped with one vector compare; a block with
// an entry >= the maximum is rescanned entry by entry (rare after the first blocks). Measured faster
// here than two passes (vector maximum, then vector equality), 23.6 against 26.6 µs a layer at n = 128.
std::ptrdiff_t argmax_ties(const double* s, std::ptrdiff_t n, std::ptrdiff_t* ties) {
  double best = -std::numeric_limits<double>::infinity();
  std::ptrdiff_t count = 0, j = 0;
#if defined(__AVX2__)
  __m256d b = _mm256_set1_pd(best);
  for (; j + 8 <= n; j += 8) {
    const __m256d lo = _mm256_loadu_pd(s + j), hi = _mm256_loadu_pd(s + j + 4);
    const __m256d ge = _mm256_or_pd(_mm256_cmp_pd(lo, b, _CMP_GE_OQ), _mm256_cmp_pd(hi, b, _CMP_GE_OQ));
    if (_mm256_movemask_pd(ge) != 0) {
      for (std::ptrdiff_t k = j; k < j + 8; ++k) scan_one(s[k], k, best, ties, count);
      b = _mm256_set1_pd(best);
    }
  }
#else
  __m128d b = _mm_set1_pd(best);
  for (; j + 4 <= n; j += 4) {
    const __m128d lo = _mm_loadu_pd(s + j), hi = _mm_loadu_pd(s + j + 2);
    const __m128d ge = _mm_or_pd(_mm_cmpge_pd(lo, b), _mm_cmpge_pd(hi, b));
    if (_mm_movemask_pd(ge) != 0) {
      for (std::ptrdiff_t k = j; k < j + 4; ++k) scan_one(s[k], k, best, ties, count);
      b = _mm_set1_pd(best);
    }
  }
#endif
  for (; j < n; ++j) scan_one(s[j], j, best, ties, count);
  return count;
}

#ifndef HARDMAX_SCORE_BLOCK_DOUBLES
#define HARDMAX_SCORE_BLOCK_DOUBLES 65536
#endif
// Rows of scores computed and scanned per block: about HARDMAX_SCORE_BLOCK_DOUBLES scores (512 KB),
// so that the block is still in cache when it is scanned, rather than one na x n product written to
// and read back from memory (8 MB at n = 1024). A multiple of 24 rows, so that blocks split the rows
// where Eigen's GEBP kernel splits them anyway (12 rows a step with AVX, 6 with SSE2).
std::ptrdiff_t score_block_rows(std::ptrdiff_t n) {
  const std::ptrdiff_t rows_fitting = HARDMAX_SCORE_BLOCK_DOUBLES / (n > 0 ? n : 1);
  return rows_fitting < 48 ? 24 : rows_fitting / 24 * 24;
}

std::ptrdiff_t layer(const layer_args& a) {
  const std::ptrdiff_t n = a.n, d = a.d, na = a.n_active;
  const Eigen::Map<const rows> Z(a.Z, n, d), A(a.A, d, d);
  if (n * d > 0 && !a.next_prefilled)
    std::memcpy(a.next, a.Z, sizeof(double) * static_cast<std::size_t>(n * d));  // leaders' rows stay (L2)
  if (d == 0)  // every token is a copy of every other: all are leaders (D1)
    for (std::ptrdiff_t k = 0; k < na; ++k) a.leader[a.active[k]] = 1;
  if (na == 0 || d == 0) return 0;
  Eigen::Map<rows> next(a.next, n, d);
  const std::ptrdiff_t block = score_block_rows(n) < na ? score_block_rows(n) : na;
  double* const active_data = a.scratch;
  double* const query_data = active_data + na * d;
  double* const score_data = query_data + na * d;
  Eigen::Map<row_vector> sum(score_data + block * n, d);
  Eigen::Map<rows> active_tokens(active_data, na, d), queries(query_data, na, d);

  for (std::ptrdiff_t k = 0; k < na; ++k) active_tokens.row(k) = Z.row(a.active[k]);
  queries.noalias() = active_tokens * A;  // rows q_i = (A z_i)^T, A symmetric

  const double one_plus_alpha = 1 + a.alpha;
  std::ptrdiff_t kept = 0;
  for (std::ptrdiff_t k0 = 0; k0 < na; k0 += block) {
    const std::ptrdiff_t rows_here = na - k0 < block ? na - k0 : block;
    const Eigen::Map<const rows> block_queries(query_data + k0 * d, rows_here, d);
    Eigen::Map<rows> scores(score_data, rows_here, n);
    scores.noalias() = block_queries * Z.transpose();
    for (std::ptrdiff_t r = 0; r < rows_here; ++r) {
      const std::ptrdiff_t i = a.active[k0 + r];
      const std::ptrdiff_t count = argmax_ties(score_data + r * n, n, a.ties);
      if (a.record != nullptr) a.record(a.context, i, a.ties, count);
      bool copies_only = true;
      for (std::ptrdiff_t t = 0; t < count && copies_only; ++t) copies_only = Z.row(a.ties[t]) == Z.row(i);
      if (copies_only) {
        a.leader[i] = 1;  // D1: attends only to its copies; fixed from now on (L2)
        continue;
      }
      sum.setZero();
      for (std::ptrdiff_t t = 0; t < count; ++t) sum += Z.row(a.ties[t]);  // increasing j
      next.row(i) = (Z.row(i) + a.alpha * (sum / static_cast<double>(count))) / one_plus_alpha;
      a.active[kept++] = i;  // kept <= k0 + r: compacting in place never overwrites an unread entry
    }
  }
  return kept;
}

void scores(const double* A, const double* Z, std::ptrdiff_t n, std::ptrdiff_t d, double* Q, double* S) {
  const Eigen::Map<const rows> Zm(Z, n, d), Am(A, d, d);
  Eigen::Map<rows> Qm(Q, n, d), Sm(S, n, n);
  Qm.noalias() = Zm * Am;
  Sm.noalias() = Qm * Zm.transpose();
}

}  // namespace
}  // namespace hardmax::kernels::HARDMAX_KERNEL_ISA
