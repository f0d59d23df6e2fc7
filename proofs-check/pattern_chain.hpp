// The linear dynamics of a constant attention pattern (THEORY.md L6): while the pattern C of Z^K
// stays the same, Z^{K+m} = T^m Z^K with T = (I + alpha P) / (1 + alpha), a Markov chain on the
// tokens. Copies have equal rows of T and stay copies, so the chain is kept lumped over the copy
// classes of Z^K: T_ab = ([a = b] + alpha |C_i ∩ b| / |C_i|) / (1 + alpha) for any i in class a.
//
// A leader's class is closed (it attends only to its copies); every other class is transient
// (L6: a closed class holds the token of largest A-norm in it, which by Cauchy-Schwarz attends only
// to its copies). The transient graph has an edge a -> b when class a attends to class b != a.
#pragma once

#include "numerics/copy_classes.hpp"
#include "numerics/tokens.hpp"

#include <boost/dynamic_bitset.hpp>

#include <utility>
#include <vector>

namespace hardmax {

struct pattern_chain {
  attention_pattern pattern;                            // C_i(Z^K), token by token
  copy_classes classes;                                 // of Z^K
  std::vector<bool> leader_class;                       // per class: its tokens are leaders (D1)
  std::vector<std::vector<std::pair<index, rational>>> rows;  // per class: (b, T_ab > 0), b increasing
  std::vector<std::vector<index>> components;           // strongly connected sets of transient classes,
                                                        // each listed after every component it reaches
  std::vector<boost::dynamic_bitset<>> reach;           // per class: transient classes it reaches, itself
                                                        // included (empty for leader classes)

  index class_count() const { return static_cast<index>(classes.members.size()); }
  index representative(index a) const { return classes.members[static_cast<std::size_t>(a)].front(); }
  const std::vector<index>& attended(index a) const { return pattern[static_cast<std::size_t>(representative(a))]; }
  // The classes a attends to, increasing.
  std::vector<index> attended_classes(index a) const;
  // T_aa: the eigenvalue of T that class a contributes when the transient graph is acyclic.
  rational self_weight(index a) const;
  std::vector<index> leader_classes() const;
  std::vector<index> transient_classes() const;
};

pattern_chain chain_of(const rational& alpha, const tokens<rational>& Z, const attention_pattern& C);

// The least q with ||E^q||_inf < 1 on the transient block (E = T - T^inf, there E^q = T_OO^q: the row
// sums are the probabilities of not yet being absorbed after q steps), and rho = ||E^q||_inf; (0, 0)
// when every class is a leader's.
std::pair<index, rational> contracting_power(const pattern_chain& chain);

}  // namespace hardmax
