// L4 (monotone A-norms): |z_i^{k+1}|_A >= |z_i^k|_A, with equality iff m_i^k = z_i^k, and every
// A-norm stays <= max_j |z_j^0|_A. Checked on squared norms, exactly.
#pragma once

#include "numerics/attention.hpp"
#include "theory/a_norm.hpp"
#include "theory/clusters.hpp"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace hardmax {

struct monotone_norms {
  bool holds = true;
  std::vector<std::vector<rational>> norms_squared;  // [layer][token]
  rational bound_squared;                             // max_j |z_j^0|_A^2
  std::size_t equalities = 0;                         // (k, i) with |z^{k+1}| = |z^k|, all with m = z
  std::string witness;
};

inline monotone_norms check_monotone_norms(const matrix<rational>& A, const std::vector<tokens<rational>>& layers) {
  monotone_norms r;
  for (const auto& Z : layers) {
    std::vector<rational> norms;
    for (index i = 0; i < Z.rows(); ++i) norms.push_back(a_norm_squared(A, row(Z, i)));
    r.norms_squared.push_back(std::move(norms));
  }
  r.bound_squared = *std::max_element(r.norms_squared[0].begin(), r.norms_squared[0].end());
  const auto fail = [&r](std::string why) {
    if (r.holds) r.witness = std::move(why);
    r.holds = false;
  };
  for (std::size_t k = 0; k < layers.size(); ++k) {
    for (std::size_t i = 0; i < r.norms_squared[k].size(); ++i)
      if (r.norms_squared[k][i] > r.bound_squared)
        fail(fmt::format("layer {} token {}: |z|_A^2 = {} exceeds max_j |z_j^0|_A^2 = {}", k, i,
                         to_string(r.norms_squared[k][i]), to_string(r.bound_squared)));
    if (k + 1 == layers.size()) break;
    const tokens<rational> M = targets(layers[k], attention(A, layers[k]));  // m_i^k
    for (index i = 0; i < layers[k].rows(); ++i) {
      const rational& now = r.norms_squared[k][static_cast<std::size_t>(i)];
      const rational& next = r.norms_squared[k + 1][static_cast<std::size_t>(i)];
      const bool at_rest = M.row(i) == layers[k].row(i);
      if (next < now)
        fail(fmt::format("token {}: |z|_A^2 decreases from {} (layer {}) to {}", i, to_string(now), k, to_string(next)));
      else if ((next == now) != at_rest)
        fail(fmt::format("token {} at layer {}: equality case violated (norm {}, m_i {} z_i)", i, k,
                         next == now ? "unchanged" : "grew", at_rest ? "=" : "!="));
      r.equalities += next == now;
    }
  }
  return r;
}

}  // namespace hardmax
