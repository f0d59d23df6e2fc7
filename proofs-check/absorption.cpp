#include "proofs-check/absorption.hpp"

#include "numerics/exact_solve.hpp"
#include "theory/a_norm.hpp"

#include <algorithm>

#include <stdexcept>

namespace hardmax {

tokens<rational> absorption::limit(const pattern_chain& chain, const tokens<rational>& Z) const {
  tokens<rational> out(Z.rows(), Z.cols());
  for (index a = 0; a < chain.class_count(); ++a) {
    point z = point::Zero(Z.cols());
    for (std::size_t l = 0; l < leader_classes.size(); ++l)
      if (weights(a, static_cast<index>(l)) != 0)
        z += weights(a, static_cast<index>(l)) * Z.row(chain.representative(leader_classes[l]));
    for (index i : chain.classes.members[static_cast<std::size_t>(a)]) out.row(i) = z;
  }
  return out;
}

absorption absorb(const pattern_chain& chain) {
  absorption r;
  r.leader_classes = chain.leader_classes();
  const index n_leaders = static_cast<index>(r.leader_classes.size());
  r.weights = matrix<rational>::Zero(chain.class_count(), n_leaders);
  for (index l = 0; l < n_leaders; ++l) r.weights(r.leader_classes[static_cast<std::size_t>(l)], l) = 1;
  std::vector<index> slot(static_cast<std::size_t>(chain.class_count()), -1);  // class -> row in its component
  for (const auto& component : chain.components) {
    const index s = static_cast<index>(component.size());
    for (index k = 0; k < s; ++k) slot[static_cast<std::size_t>(component[static_cast<std::size_t>(k)])] = k;
    matrix<rational> M = matrix<rational>::Identity(s, s), B = matrix<rational>::Zero(s, n_leaders);
    for (index k = 0; k < s; ++k)
      for (const auto& [b, w] : chain.rows[static_cast<std::size_t>(component[static_cast<std::size_t>(k)])]) {
        const bool inside = std::find(component.begin(), component.end(), b) != component.end();
        if (inside)
          M(k, slot[static_cast<std::size_t>(b)]) -= w;
        else
          B.row(k) += w * r.weights.row(b);  // a leader class or an earlier (solved) component
      }
    const auto X = solve_exact(M, B);
    // I - T_SS is singular only if S is closed, and a closed class is a leader's (L6).
    if (!X) throw std::logic_error("absorption: a transient component is closed, against THEORY.md L6");
    for (index k = 0; k < s; ++k) r.weights.row(component[static_cast<std::size_t>(k)]) = X->row(k);
  }
  return r;
}

}  // namespace hardmax
