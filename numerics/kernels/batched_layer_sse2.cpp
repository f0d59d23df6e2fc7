// The batched engine's score kernels for baseline x86-64 (SSE2), compiled with -march=x86-64 so that
// they stay baseline even under HARDMAX_ARCH=native (numerics/CMakeLists.txt). See batched_layer_impl.hpp.
#define HARDMAX_KERNEL_ISA sse2
#define Eigen hardmax_eigen_sse2  // this TU's own copy of Eigen: no template instantiation shared with other TUs
#include "numerics/kernels/batched_layer_impl.hpp"
