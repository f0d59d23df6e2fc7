// D1: token i is a leader of Z if every j in C_i(Z) has z_j = z_i.
#pragma once

#include "numerics/tokens.hpp"
#include "numerics/trajectory.hpp"

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

// L(Z^k) of a trajectory: as its engine decided them, or by D1 from the positions.
template <class Scalar>
std::vector<index> leaders_at(const trajectory<Scalar>& t, std::size_t k) {
  return t.decided_leaders.empty() ? leaders(t.layers[k], t.attention[k]) : t.decided_leaders[k];
}

}  // namespace hardmax
