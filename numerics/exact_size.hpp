// The size of exact numbers: denominators grow with depth, and an exact run's cost grows with them.
#pragma once

#include "numerics/rational.hpp"
#include "numerics/tokens.hpp"

#include <gmp.h>

#include <cstddef>

namespace hardmax {

// Bits of numerator plus bits of denominator (in lowest terms).
inline std::size_t bits(const rational& q) {
  const mpq_srcptr x = q.backend().data();
  return mpz_sizeinbase(mpq_numref(x), 2) + mpz_sizeinbase(mpq_denref(x), 2);
}

struct size_profile {
  std::size_t largest = 0;  // bits of the largest coordinate
  std::size_t total = 0;    // bits of all coordinates together
};

inline size_profile size_of(const matrix<rational>& Z) {
  size_profile s;
  for (index i = 0; i < Z.rows(); ++i)
    for (index c = 0; c < Z.cols(); ++c) {
      const std::size_t b = bits(Z(i, c));
      s.largest = std::max(s.largest, b);
      s.total += b;
    }
  return s;
}

}  // namespace hardmax
