// The benchmarks' seeded random input: n tokens with coordinates k/1000, k uniform in [-1000, 1000],
// A = I, alpha = 1/2. The same (n, d) always gives the same configuration.
#pragma once

#include "numerics/problem.hpp"

#include <random>

namespace hardmax::bench {

inline problem random_problem(index n, index d) {
  std::mt19937_64 rng(20261130 + static_cast<std::uint64_t>(n * 100 + d));
  std::uniform_int_distribution<long> k(-1000, 1000);
  problem p;
  p.A = matrix<rational>::Identity(d, d);
  p.alpha = rational(1, 2);
  p.Z0 = tokens<rational>(n, d);
  for (index i = 0; i < n; ++i)
    for (index c = 0; c < d; ++c) p.Z0(i, c) = rational(k(rng), 1000);
  return p;
}

}  // namespace hardmax::bench
