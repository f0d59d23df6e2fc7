// The engine's token-by-token layer equals M4's matrix form Z' = (Z + alpha P Z) / (1 + alpha),
// computed independently here with an explicit row-stochastic P and Eigen's own matrix product.
#include "numerics/trajectory.hpp"
#include "properties/generators.hpp"
#include "support/rapidcheck_doctest.hpp"

#include <doctest/doctest.h>

namespace hardmax {

namespace {

using dense = Eigen::Matrix<rational, Eigen::Dynamic, Eigen::Dynamic>;

// P_ij = 1/|C_i| on C_i (M3, M4), with C_i found from the full score matrix S = Z A Z^T.
dense attention_matrix(const problem& p, const dense& Z) {
  const dense S = Z * p.A * Z.transpose();
  dense P = dense::Zero(Z.rows(), Z.rows());
  for (index i = 0; i < Z.rows(); ++i) {
    rational best = S(i, 0);
    for (index j = 1; j < Z.rows(); ++j) best = std::max(best, S(i, j));
    long count = 0;
    for (index j = 0; j < Z.rows(); ++j) count += S(i, j) == best;
    for (index j = 0; j < Z.rows(); ++j)
      if (S(i, j) == best) P(i, j) = rational(1, count);
  }
  return P;
}

}  // namespace

TEST_CASE("M4 token by token equals M4 in matrix form, exactly, layer after layer") {
  testing::check_property("step == (I + alpha P) Z / (1 + alpha)", [](const problem& p) {
    const index depth = std::min<index>(*p.layers, 8);
    const trajectory<rational> t = simulate(model_of<rational>(p), p.Z0, depth);
    dense Z = p.Z0;
    for (index k = 0; k < depth; ++k) {
      const dense P = attention_matrix(p, Z);
      // P is row-stochastic: L3's convex weights.
      for (index i = 0; i < P.rows(); ++i) RC_ASSERT(P.row(i).sum() == rational(1));
      Z = ((Z + p.alpha * (P * Z)) / (1 + p.alpha)).eval();
      RC_ASSERT(dense(t.layers[static_cast<std::size_t>(k + 1)]) == Z);
    }
  });
}

}  // namespace hardmax
