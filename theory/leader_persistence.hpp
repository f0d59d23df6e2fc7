// L2 (leaders are fixed and persist): if i is a leader of Z^k then z_i^{k+1} = z_i^k and i is a
// leader of Z^{k+1}; so leader sets are nested and change at most n times.
#pragma once

#include "numerics/tokens.hpp"
#include "numerics/rational.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

namespace hardmax {

struct leader_persistence {
  bool holds = true;
  std::vector<std::vector<index>> leaders_by_layer;  // as reported by the code under test
  std::vector<index> growth_layers;                  // layers k+1 whose leader set grew
  std::string witness;
};

inline leader_persistence check_leader_persistence(const std::vector<tokens<rational>>& layers,
                                                   const std::vector<std::vector<index>>& leaders_by_layer) {
  leader_persistence r{true, leaders_by_layer, {}, {}};
  for (std::size_t k = 0; k + 1 < layers.size() && r.holds; ++k) {
    const auto& now = leaders_by_layer[k];
    const auto& next = leaders_by_layer[k + 1];
    for (index i : now) {
      const bool fixed = layers[k + 1].row(i) == layers[k].row(i);
      const bool persists = std::binary_search(next.begin(), next.end(), i);
      if (!fixed || !persists) {
        r.holds = false;
        r.witness = fmt::format("token {}, a leader at layer {}, {} at layer {}", i, k,
                                !fixed ? "moved" : "is no longer a leader", k + 1);
        break;
      }
    }
    if (next.size() > now.size()) r.growth_layers.push_back(static_cast<index>(k + 1));
  }
  return r;
}

}  // namespace hardmax
