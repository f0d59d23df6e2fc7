// Exact solution of a square rational system M X = B by Gauss-Jordan elimination.
//
// The pivot of a column is its first non-zero entry: in exact arithmetic every non-zero pivot is
// exact, whereas Eigen's decompositions choose pivots by magnitude against floating thresholds that
// mean nothing for rationals. Used for the absorption probabilities of L6 and for fitting
// exponential polynomials, both small systems.
#pragma once

#include "numerics/rational.hpp"
#include "numerics/tokens.hpp"

#include <optional>

namespace hardmax {

// X with M X = B, or nothing when M is singular.
inline std::optional<matrix<rational>> solve_exact(matrix<rational> M, matrix<rational> B) {
  const index n = M.rows();
  for (index col = 0; col < n; ++col) {
    index pivot = col;
    while (pivot < n && M(pivot, col) == 0) ++pivot;
    if (pivot == n) return std::nullopt;
    if (pivot != col) {
      M.row(pivot).swap(M.row(col));
      B.row(pivot).swap(B.row(col));
    }
    const rational inverse = 1 / M(col, col);
    M.row(col) *= inverse;
    B.row(col) *= inverse;
    for (index r = 0; r < n; ++r) {
      if (r == col || M(r, col) == 0) continue;
      const rational factor = M(r, col);
      M.row(r) -= factor * M.row(col);
      B.row(r) -= factor * B.row(col);
    }
  }
  return B;
}

}  // namespace hardmax
