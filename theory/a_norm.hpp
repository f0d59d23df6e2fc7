// The A-inner product <A x, y> (M2) and the A-norm |z|_A = sqrt(<A z, z>) (D5), exactly.
// Claims compare squared A-norms, which are rational.
#pragma once

#include "numerics/rational.hpp"
#include "numerics/tokens.hpp"

namespace hardmax {

using point = Eigen::Matrix<rational, 1, Eigen::Dynamic>;

inline rational a_inner(const matrix<rational>& A, const point& x, const point& y) {
  rational s = 0;
  for (index r = 0; r < A.rows(); ++r) {
    rational Ax_r = 0;
    for (index c = 0; c < A.cols(); ++c) Ax_r += A(r, c) * x(c);
    s += Ax_r * y(r);
  }
  return s;
}

inline rational a_norm_squared(const matrix<rational>& A, const point& z) { return a_inner(A, z, z); }

inline point row(const tokens<rational>& Z, index i) { return Z.row(i); }

}  // namespace hardmax
