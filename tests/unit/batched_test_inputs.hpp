// Inputs and scopes shared by the batched engine's tests (tests/unit/batched_*_test.cpp).
#pragma once

#include "numerics/batched_engine.hpp"
#include "numerics/tokens.hpp"

#include <random>
#include <string>

namespace hardmax::testing {

// Forces an ISA for one scope and restores the automatic choice afterwards; `name` for CAPTURE.
struct forced_isa {
  explicit forced_isa(vector_isa isa) : name(isa_name(isa)) { force_batched_isa(isa); }
  ~forced_isa() { reset_batched_isa(); }
  const std::string name;
  forced_isa(const forced_isa&) = delete;
  forced_isa& operator=(const forced_isa&) = delete;
};

// A random symmetric positive definite A = B B^T + I, symmetric bit for bit.
inline matrix<double> random_spd(index d, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(-1, 1);
  matrix<double> B(d, d), A(d, d);
  for (index r = 0; r < d; ++r)
    for (index c = 0; c < d; ++c) B(r, c) = u(rng);
  for (index r = 0; r < d; ++r)
    for (index c = r; c < d; ++c) {
      double s = r == c ? 1.0 : 0.0;
      for (index k = 0; k < d; ++k) s += B(r, k) * B(c, k);
      A(r, c) = A(c, r) = s;
    }
  return A;
}

// n random tokens in [-1, 1]^d, the first n/8 scaled by 8 (anchors), as in bench/batched_bench.cpp.
inline tokens<double> random_tokens(index n, index d, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(-1, 1);
  tokens<double> Z(n, d);
  for (index i = 0; i < n; ++i)
    for (index c = 0; c < d; ++c) Z(i, c) = u(rng) * (i < n / 8 ? 8.0 : 1.0);
  return Z;
}

// n tokens on the integer lattice {-2, ..., 2}^d, with copies: every score is a small integer,
// computed exactly in any order and with or without FMA, so ties are exact in every ISA.
inline tokens<double> lattice_tokens(index n, index d, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> k(-2, 2);
  tokens<double> Z(n, d);
  for (index i = 0; i < n; ++i)
    for (index c = 0; c < d; ++c) Z(i, c) = k(rng);
  for (index i = 1; i < n; i += 5) Z.row(i) = Z.row(i - 1);  // copies
  return Z;
}

}  // namespace hardmax::testing
