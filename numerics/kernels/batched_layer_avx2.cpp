// The batched layer kernel for AVX2 + FMA, compiled with -mavx2 -mfma (numerics/CMakeLists.txt);
// called only when the CPU has both (numerics/batched_engine.cpp). See batched_layer_impl.hpp.
#if !defined(__AVX2__) || !defined(__FMA__)
#error "batched_layer_avx2.cpp must be compiled with -mavx2 -mfma"
#endif
#define HARDMAX_KERNEL_ISA avx2
#define Eigen hardmax_eigen_avx2  // this TU's own copy of Eigen: no template instantiation shared with other TUs
#include "numerics/kernels/batched_layer_impl.hpp"

namespace hardmax::kernels {
std::ptrdiff_t batched_layer_avx2(const layer_args& args) { return avx2::layer(args); }
void batched_scores_avx2(const double* A, const double* Z, std::ptrdiff_t n, std::ptrdiff_t d, double* Q, double* S) {
  avx2::scores(A, Z, n, d, Q, S);
}
}  // namespace hardmax::kernels
