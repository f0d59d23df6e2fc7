// The sign of a score difference that tends to 0 (THEORY.md L6, strict preferences with f(inf) = 0).
//
// Under a constant pattern whose transient graph is acyclic on the tokens f depends on, T is
// triangular there with the positive rational diagonal T_aa, so every coordinate of Z^{K+m} - Z* is
// a sum of m^t lambda^m (t below lambda's multiplicity) and f(m) = <A z_i, z_c - z_j> is an
// exponential polynomial in the products: f(m) = sum_b a_b m^{t_b} nu_b^m. Its coefficients are
// fitted exactly from as many consecutive values as the basis has terms (the basis functions are
// independent), the leading term (largest nu, then largest t) gives the sign for large m, and an
// explicit layer m1 is found from which the leading term dominates the sum of all others.
#pragma once

#include "numerics/rational.hpp"
#include "numerics/tokens.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hardmax {

struct exponential_term {
  rational nu;          // > 0
  index power = 0;      // t
  rational coefficient; // a (0 in a basis)
};

using exponential_polynomial = std::vector<exponential_term>;

// The basis of f for a block of T with these diagonal entries (one per class, with repetitions):
// the constant 1, every lambda with powers below its multiplicity, every product lambda lambda' with
// powers up to the sum of the two multiplicities minus 2; equal nu merged at the largest power.
exponential_polynomial score_basis(const std::vector<rational>& eigenvalues);

// The coefficients of `basis` that reproduce samples f(0), ..., f(R-1), R = basis size.
exponential_polynomial fit(const exponential_polynomial& basis, const std::vector<rational>& samples);

rational evaluate(const exponential_polynomial& f, index m);

// The term that decides the sign of f(m) for large m: the largest nu with a non-zero coefficient,
// then the largest power. Empty if every coefficient is 0.
std::optional<exponential_term> leading(const exponential_polynomial& f);

// The least m1 >= 1 such that |sum of the other terms| < |leading term| for every m >= m1, searched
// up to `cap`; empty beyond it. Each other term's ratio to the leading term, |a/a*| m^(t-t*)
// (nu/nu*)^m, is non-increasing from m >= (t - t*) x / (x - 1), x = nu*/nu (ln x >= 1 - 1/x), so the
// sum of ratios at m1 bounds it for every later m.
std::optional<index> dominance_threshold(const exponential_polynomial& f, const exponential_term& lead, index cap);

// A preference with f(inf) = 0 and a positive leading term, fitted at layer m: it holds at every later
// layer if the closed form is positive on m+1 .. m1-1 and the leading term dominates from m1 on.
struct leading_term_decision {
  std::optional<index> dominant_from;    // m1; empty: beyond the cap (undecided)
  std::optional<index> not_positive_at;  // the first layer in m+1 .. m1-1 where the closed form is <= 0
};

leading_term_decision decide_leading_term(const exponential_polynomial& f, const exponential_term& lead, index m, index cap);

std::string to_string(const exponential_term& t);

}  // namespace hardmax
