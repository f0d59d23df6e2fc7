// A point as people write it: "(1, -1/3)" for exact values, "(0.5, 1e-7)" for floating ones.
#pragma once

#include "numerics/scalar_traits.hpp"
#include "numerics/tokens.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>
#include <vector>

namespace hardmax {

// Row i of any Eigen matrix or row vector of an engine's number type.
template <class Rows>
std::string point_text(const Rows& Z, index i) {
  using Scalar = typename Rows::Scalar;
  std::vector<std::string> xs;
  for (index c = 0; c < Z.cols(); ++c) xs.push_back(scalar_traits<Scalar>::to_string(Z(i, c)));
  return fmt::format("({})", fmt::join(xs, ", "));
}

}  // namespace hardmax
