// A configuration Z (M1): n tokens in R^d, one token per row, so that the matrix form of M4,
// Z' = (Z + alpha P Z) / (1 + alpha), reads as written.
#pragma once

#include <Eigen/Core>

#include <cstddef>
#include <vector>

namespace hardmax {

template <class Scalar>
using matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

template <class Scalar>
using tokens = matrix<Scalar>;

using index = Eigen::Index;

// One attention set C_i per token (M3, D3), indices increasing.
using attention_pattern = std::vector<std::vector<index>>;

// Converts every entry with `convert` (used to bring exact input into an engine's number type).
template <class To, class From, class Convert>
matrix<To> convert_matrix(const matrix<From>& m, Convert convert) {
  matrix<To> out(m.rows(), m.cols());
  for (index r = 0; r < m.rows(); ++r)
    for (index c = 0; c < m.cols(); ++c) out(r, c) = convert(m(r, c));
  return out;
}

}  // namespace hardmax

namespace hardmax {

// z_i = z_j, coordinate by coordinate, compared exactly in the engine's number type.
template <class Scalar>
bool same_point(const tokens<Scalar>& Z, index i, index j) {
  for (index c = 0; c < Z.cols(); ++c)
    if (!(Z(i, c) == Z(j, c))) return false;
  return true;
}

}  // namespace hardmax
