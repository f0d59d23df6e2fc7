// D4 (clustered equilibrium): z*_i = mean_{j in C_i(Z*)} z*_j for every i, a fixed point of M4.
#pragma once

#include "numerics/attention.hpp"
#include "theory/a_norm.hpp"
#include "theory/clusters.hpp"

#include <optional>

namespace hardmax {

struct equilibrium_violation {
  index token;                  // z*_i is not the mean of its attention set at Z*
  std::vector<index> attention; // C_i(Z*)
  point mean;                   // mean_{j in C_i(Z*)} z*_j
};

// The first token of Z that is not at the mean of its attention set, if any.
inline std::optional<equilibrium_violation> find_equilibrium_violation(const matrix<rational>& A, const tokens<rational>& Z) {
  const attention_pattern C = attention(A, Z);
  const tokens<rational> T = targets(Z, C);
  for (index i = 0; i < Z.rows(); ++i)
    if (T.row(i) != Z.row(i)) return equilibrium_violation{i, C[static_cast<std::size_t>(i)], T.row(i)};
  return std::nullopt;
}

}  // namespace hardmax
