// The exact limit of a constant pattern (THEORY.md L6): Z* = T^inf Z^K, the absorption of the chain
// T into the leaders' copy classes. For a transient class a, its row of T^inf is the probability of
// ending in each leader class: W_a = sum_b T_ab W_b, W_leader = its unit vector, solved component by
// component, sinks first ((I - T_SS) W_S = T_S,out W_out, exactly). These weights are L5's convex
// combinations.
#pragma once

#include "proofs-check/pattern_chain.hpp"

#include <vector>

namespace hardmax {

struct absorption {
  std::vector<index> leader_classes;  // the columns of `weights`, increasing class ids
  matrix<rational> weights;           // classes x leader classes: row a of T^inf, lumped

  // Z*: every token at the convex combination of the leaders' positions given by its class's row.
  tokens<rational> limit(const pattern_chain& chain, const tokens<rational>& Z) const;
};

absorption absorb(const pattern_chain& chain);

}  // namespace hardmax
