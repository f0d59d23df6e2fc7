// D1 along a trajectory: the leaders of layer k as its engine decided them, or by D1 from the
// positions (numerics/leaders.hpp decides D1 on one layer).
#pragma once

#include "numerics/leaders.hpp"
#include "numerics/trajectory.hpp"

#include <vector>

namespace hardmax {

// L(Z^k) of a trajectory: as its engine decided them, or by D1 from the positions.
template <class Scalar>
std::vector<index> leaders_at(const trajectory<Scalar>& t, std::size_t k) {
  return t.decided_leaders.empty() ? leaders(t.layers[k], t.attention[k]) : t.decided_leaders[k];
}

}  // namespace hardmax
