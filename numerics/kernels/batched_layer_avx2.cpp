// The batched engine's score kernels for AVX2 + FMA, compiled with -mavx2 -mfma (numerics/CMakeLists.txt);
// called only when the CPU has both (numerics/batched_engine.cpp). See batched_layer_impl.hpp.
#if !defined(__AVX2__) || !defined(__FMA__) || defined(__AVX512F__)
#error "batched_layer_avx2.cpp must be compiled with -mavx2 -mfma, and without AVX-512"
#endif
#define HARDMAX_KERNEL_ISA avx2
#define Eigen hardmax_eigen_avx2  // this TU's own copy of Eigen: no template instantiation shared with other TUs
#include "numerics/kernels/batched_layer_impl.hpp"
