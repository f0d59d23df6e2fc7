// The parameters of one shared layer (M2, M4-M6), in an engine's number type.
#pragma once

#include "numerics/scalar_traits.hpp"
#include "numerics/tokens.hpp"

#include <optional>

namespace hardmax {

template <class Scalar>
struct model {
  matrix<Scalar> A;                     // M2: symmetric positive definite key-query product
  Scalar alpha;                         // M2: step weight, > 0
  std::optional<Scalar> tau;            // M5: softmax temperature; empty means hardmax (M4)
  std::optional<matrix<Scalar>> V;      // M6: value matrix; empty means V = I (the paper's theory)
  // Floating engines only, off by default: j joins C_i when s_ij >= max - tie_tolerance * |max|.
  // The paper's semantics (and the exact engine's) is exact equality.
  std::optional<Scalar> tie_tolerance;

  index dimension() const { return A.rows(); }
};

}  // namespace hardmax
