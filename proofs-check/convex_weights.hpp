// L3 (nested hulls) certificate: row i of (I + alpha P) / (1 + alpha) writes z_i^{k+1} as an explicit
// convex combination of the z_j^k. The weights come from M3/M4 decided exactly on layer k; the check
// is that they are non-negative, sum to 1, and reproduce the point the code under test produced.
#pragma once

#include "numerics/attention.hpp"
#include "theory/a_norm.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace hardmax {

// Non-zero weights only, increasing index.
using convex_combination = std::vector<std::pair<index, rational>>;

inline convex_combination convex_weights(const rational& alpha, const std::vector<index>& C, index i) {
  const rational self = 1 / (1 + alpha);
  const rational share = alpha / (rational(static_cast<long>(C.size())) * (1 + alpha));
  std::vector<index> support = C;
  const bool attends_to_self = std::binary_search(C.begin(), C.end(), i);
  if (!attends_to_self) support.insert(std::upper_bound(support.begin(), support.end(), i), i);
  convex_combination w;
  for (index j : support) {
    const bool in_C = j != i || attends_to_self;
    w.emplace_back(j, (j == i ? self : rational(0)) + (in_C ? share : rational(0)));
  }
  return w;
}

struct nested_hulls {
  bool holds = true;
  std::vector<std::vector<convex_combination>> weights;  // [k][i]: z_i^{k+1} over layer k
  std::string witness;
};

inline nested_hulls check_nested_hulls(const model<rational>& m, const std::vector<tokens<rational>>& layers) {
  nested_hulls r;
  for (std::size_t k = 0; k + 1 < layers.size(); ++k) {
    const tokens<rational>& Z = layers[k];
    const attention_pattern C = attention(m, Z);
    std::vector<convex_combination> layer_weights;
    for (index i = 0; i < Z.rows(); ++i) {
      convex_combination w = convex_weights(m.alpha, C[static_cast<std::size_t>(i)], i);
      rational total = 0;
      point combination = point::Zero(Z.cols());
      for (const auto& [j, wj] : w) {
        if (wj < 0 && r.holds) r.witness = fmt::format("layer {} token {}: negative weight on token {}", k, i, j);
        r.holds = r.holds && wj >= 0;
        total += wj;
        combination += wj * Z.row(j);
      }
      if (r.holds && total != 1) {
        r.holds = false;
        r.witness = fmt::format("layer {} token {}: weights sum to {}", k, i, to_string(total));
      }
      if (r.holds && combination != layers[k + 1].row(i)) {
        r.holds = false;
        r.witness = fmt::format("layer {} token {}: z_i^{} is not the convex combination of layer {} given by M4", k, i,
                                k + 1, k);
      }
      layer_weights.push_back(std::move(w));
    }
    r.weights.push_back(std::move(layer_weights));
  }
  return r;
}

}  // namespace hardmax
