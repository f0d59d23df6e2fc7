// The layer kernel of the batched double engine (numerics/batched_engine.cpp), compiled once per ISA
// (batched_layer_sse2.cpp, batched_layer_avx2.cpp) and chosen at run time (docs/ENGINES.md).
//
// This header is deliberately free of Eigen and of inline functions: it is included by translation
// units compiled with different instruction sets, and anything with code in it would be an ODR
// hazard (the linker keeps one copy of each inline function, from whichever object it sees first).
// Each ISA exports exactly one function, under its own name; everything else in a kernel TU has
// internal linkage or lives in a namespace private to that ISA (see batched_layer_impl.hpp).
#pragma once

#include <cstddef>

namespace hardmax::kernels {

// One layer of M4 (V = I) on one configuration, with the rows of known leaders frozen (L2).
// All matrices are row-major and contiguous.
struct layer_args {
  const double* A = nullptr;        // d x d, symmetric
  double alpha = 0;
  std::ptrdiff_t n = 0, d = 0;
  const double* Z = nullptr;        // n x d: this layer
  double* next = nullptr;           // n x d: written with the next layer (leaders' rows copied)
  std::ptrdiff_t* active = nullptr; // [n_active] the tokens not yet known to be leaders; compacted in place
  std::ptrdiff_t n_active = 0;
  char* leader = nullptr;           // [n] set to 1 for each token found to be a leader (D1)
  double* scratch = nullptr;        // at least n_active * (2 d + n) + d doubles (the kernel may use less)
  std::ptrdiff_t* ties = nullptr;   // [n] scratch
  // Optional: called for every active token i with its attention set C_i (increasing), before the
  // leader test (batched_attention in numerics/batched_engine.hpp, for tests).
  void (*record)(void* context, std::ptrdiff_t i, const std::ptrdiff_t* set, std::ptrdiff_t size) = nullptr;
  void* context = nullptr;
  // The caller has already copied Z into `next` (several kernels then share one `next`, each writing
  // only its own active rows: a configuration split across threads).
  bool next_prefilled = false;
};

// Each returns the new number of active tokens (the leaders found are removed from `active`).
std::ptrdiff_t batched_layer_sse2(const layer_args& args);
std::ptrdiff_t batched_layer_avx2(const layer_args& args);  // needs AVX2 and FMA

// The score product alone, as the layer computes it for all n rows: Q = Z A (n x d), S = Q Z^T (n x n),
// row-major. For the benchmark (bench/batched_bench.cpp): the GEMM's rate in each ISA.
void batched_scores_sse2(const double* A, const double* Z, std::ptrdiff_t n, std::ptrdiff_t d, double* Q, double* S);
void batched_scores_avx2(const double* A, const double* Z, std::ptrdiff_t n, std::ptrdiff_t d, double* Q, double* S);

}  // namespace hardmax::kernels
