// A matrix (tokens, A, V, a limit configuration) as JSON rows of number strings: exact rationals in
// lowest terms, floating values as their shortest round-trip decimals.
#pragma once

#include "numerics/scalar_traits.hpp"
#include "numerics/tokens.hpp"

#include <nlohmann/json.hpp>

namespace hardmax {

template <class Scalar>
nlohmann::json to_json(const matrix<Scalar>& Z) {
  nlohmann::json rows = nlohmann::json::array();
  for (index i = 0; i < Z.rows(); ++i) {
    nlohmann::json row = nlohmann::json::array();
    for (index c = 0; c < Z.cols(); ++c) row.push_back(scalar_traits<Scalar>::to_string(Z(i, c)));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace hardmax
