// D1 decided on one layer: token i is a leader of Z if every j in C_i(Z) has z_j = z_i. The engines
// need it (the certified engine decides leaders exactly on its exact layers), so it lives here and
// theory/ builds on it, not the other way round.
#pragma once

#include "numerics/tokens.hpp"

#include <algorithm>
#include <vector>

namespace hardmax {

template <class Scalar>
bool is_leader(const tokens<Scalar>& Z, const attention_pattern& C, index i) {
  const auto& Ci = C[static_cast<std::size_t>(i)];
  return std::all_of(Ci.begin(), Ci.end(), [&](index j) { return same_point(Z, i, j); });
}

// L(Z), increasing.
template <class Scalar>
std::vector<index> leaders(const tokens<Scalar>& Z, const attention_pattern& C) {
  std::vector<index> L;
  for (index i = 0; i < Z.rows(); ++i)
    if (is_leader(Z, C, i)) L.push_back(i);
  return L;
}

}  // namespace hardmax
