#include "numerics/spd.hpp"

#include <fmt/format.h>

namespace hardmax {

std::optional<std::string> spd_violation(const matrix<rational>& A) {
  if (A.rows() != A.cols()) return fmt::format("not square ({} x {})", A.rows(), A.cols());
  for (index r = 0; r < A.rows(); ++r)
    for (index c = r + 1; c < A.cols(); ++c)
      if (A(r, c) != A(c, r))
        return fmt::format("not symmetric: A[{}][{}] = {} but A[{}][{}] = {}", r, c, to_string(A(r, c)), c, r,
                           to_string(A(c, r)));
  // Symmetric Gaussian elimination without pivoting; pivot k is the ratio of leading minors k+1 and k.
  matrix<rational> L = A;
  for (index k = 0; k < L.rows(); ++k) {
    if (L(k, k) <= 0)
      return fmt::format("not positive definite: LDL^T pivot {} is {} (leading minor of order {} is not positive)", k,
                         to_string(L(k, k)), k + 1);
    for (index r = k + 1; r < L.rows(); ++r) {
      const rational f = L(r, k) / L(k, k);
      for (index c = k + 1; c < L.cols(); ++c) L(r, c) -= f * L(k, c);
    }
  }
  return std::nullopt;
}

}  // namespace hardmax
