// The span of rational vectors added one at a time, in echelon form, so that "is this vector
// already in the span?" is decided exactly. L6 uses it for the dimension of a Krylov space, which
// bounds the order of the linear recurrence a tie's score difference satisfies.
#pragma once

#include "numerics/rational.hpp"
#include "numerics/tokens.hpp"

#include <vector>

namespace hardmax {

class rational_span {
 public:
  // Adds v; true if v was outside the span (the span grew by one dimension).
  bool add(std::vector<rational> v) {
    // Each basis vector has a 1 at its pivot and zeros at the pivots of the vectors before it, so
    // reducing in insertion order clears every pivot of v.
    for (std::size_t k = 0; k < basis_.size(); ++k) {
      const rational factor = v[pivots_[k]];
      if (factor == 0) continue;
      for (std::size_t c = 0; c < v.size(); ++c)
        if (basis_[k][c] != 0) v[c] -= factor * basis_[k][c];
    }
    std::size_t pivot = 0;
    while (pivot < v.size() && v[pivot] == 0) ++pivot;
    if (pivot == v.size()) return false;
    const rational inverse = 1 / v[pivot];
    for (rational& x : v) x *= inverse;
    basis_.push_back(std::move(v));
    pivots_.push_back(pivot);
    return true;
  }

  index dimension() const { return static_cast<index>(basis_.size()); }

 private:
  std::vector<std::vector<rational>> basis_;
  std::vector<std::size_t> pivots_;
};

}  // namespace hardmax
