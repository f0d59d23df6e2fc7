// The batched layer kernel for baseline x86-64 (SSE2), compiled with -march=x86-64 so that it stays
// baseline even under HARDMAX_ARCH=native (numerics/CMakeLists.txt). See batched_layer_impl.hpp.
#define HARDMAX_KERNEL_ISA sse2
#define Eigen hardmax_eigen_sse2  // this TU's own copy of Eigen: no template instantiation shared with other TUs
#include "numerics/kernels/batched_layer_impl.hpp"

namespace hardmax::kernels {
std::ptrdiff_t batched_layer_sse2(const layer_args& args) { return sse2::layer(args); }
void batched_scores_sse2(const double* A, const double* Z, std::ptrdiff_t n, std::ptrdiff_t d, double* Q, double* S) {
  sse2::scores(A, Z, n, d, Q, S);
}
}  // namespace hardmax::kernels
