// The batched engine's score kernels for AVX-512F (with AVX2 and FMA), compiled with -mavx512f -mavx2
// -mfma (numerics/CMakeLists.txt); called only when the CPU and the OS support AVX-512F
// (numerics/batched_engine.cpp). See batched_layer_impl.hpp.
#if !defined(__AVX512F__) || !defined(__FMA__)
#error "batched_layer_avx512.cpp must be compiled with -mavx512f -mavx2 -mfma"
#endif
// GCC 12 flags `__m256d __Y = __Y` inside its own _mm256_undefined_pd (the deliberate "undefined"
// idiom), reached through its _mm512_reduce_max_pd and Eigen's AVX-512 reductions: a false positive
// in system headers.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#define HARDMAX_KERNEL_ISA avx512
#define Eigen hardmax_eigen_avx512  // this TU's own copy of Eigen: no template instantiation shared with other TUs
#include "numerics/kernels/batched_layer_impl.hpp"
