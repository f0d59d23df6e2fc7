// How long a tie must be checked (THEORY.md L6, general case). Under a constant pattern the
// deviations z_a^{K+m} - z*_a of a reach-closed set S of transient classes evolve as
// (T_SS)^m (z_a^K - z*_a), so they span a T-invariant Krylov space of some dimension k, found as the
// first layer that adds no new direction. A score difference f(m) = <A z_i, z_c - z_j> whose
// classes reach only S is then an entry of (1 (+) B (+) B (x) B)^m with B = T on that space, and the
// minimal polynomial of that operator has degree at most 1 + k + k(k+1)/2 (B (x) B's Jordan blocks
// for the products lambda lambda' need at most k(k+1)/2 dimensions): f satisfies a linear recurrence
// of that order, so f = 0 for ever iff f(m) = 0 for m below it.
#pragma once

#include "numerics/rational_span.hpp"
#include "proofs-check/pattern_chain.hpp"

#include <vector>

namespace hardmax {

inline index recurrence_order(index krylov_dimension) { return 1 + krylov_dimension + krylov_dimension * (krylov_dimension + 1) / 2; }

// The classes a score difference of i, c and j depends on: those the three reach (transient only).
inline boost::dynamic_bitset<> depends_on(const pattern_chain& chain, index i, index c, index j) {
  return chain.reach[static_cast<std::size_t>(i)] | chain.reach[static_cast<std::size_t>(c)] |
         chain.reach[static_cast<std::size_t>(j)];
}

// The Krylov space of the deviations of a set of classes, fed one layer at a time.
class krylov_dimension {
 public:
  explicit krylov_dimension(const boost::dynamic_bitset<>& classes) {
    for (std::size_t a = classes.find_first(); a != boost::dynamic_bitset<>::npos; a = classes.find_next(a))
      classes_.push_back(static_cast<index>(a));
  }

  // Layer K + m (in order from m = 0): one vector per coordinate of the deviations.
  void add_layer(const pattern_chain& chain, const tokens<rational>& W, const tokens<rational>& limit) {
    if (complete_) return;
    bool grew = false;
    for (index col = 0; col < W.cols(); ++col) {
      std::vector<rational> v;
      for (index a : classes_) {
        const index i = chain.representative(a);
        v.push_back(W(i, col) - limit(i, col));
      }
      grew = span_.add(std::move(v)) || grew;
    }
    complete_ = !grew;  // the layer added nothing: the span is invariant
  }

  bool complete() const { return complete_; }
  index dimension() const { return span_.dimension(); }

 private:
  std::vector<index> classes_;
  rational_span span_;
  bool complete_ = false;
};

}  // namespace hardmax
