// L6, the general case: the exact certificate, at a layer K, that the attention pattern C of Z^K
// never changes again although attended tokens still move (THEORY.md L6). While C holds,
// Z^{K+m} = T^m Z^K with T = (I + alpha P)/(1 + alpha) (pattern_chain.hpp), and the pattern holds at
// layer K + m exactly when, for every non-leader token i, with c the first of C_i:
//   ties        f(m) = <A z_i, z_c - z_c'> = 0 for every c' in C_i, and
//   preferences f(m) = <A z_i, z_c - z_j> > 0 for every j not in C_i,
// at layer K + m. Rows of leaders need nothing: z_j^{K+m} is a convex combination of layer K with a
// positive weight on z_j itself, so <A z_l, z_j^{K+m}> < |z_l|_A^2 for a leader l and every non-copy j.
// Each condition is proved for every m >= 0 as follows, in rational arithmetic only:
//   - a tie holds for ever iff it holds for m < 1 + k + k(k+1)/2, k the dimension of the Krylov space
//     of the deviations Z^{K+m} - Z* of the tokens f depends on (f is then an entry of
//     1 (+) B (+) B (x) B to the power m, B = T on that space, whose minimal polynomial has at most
//     that degree); and it must hold in the limit;
//   - a preference with f(inf) > 0 is checked exactly until the tail bound takes over: with
//     dev_a(m) = max over the classes a reaches of ||z^{K+m} - z*||_max (non-increasing, as the powers
//     of E = T - T^inf are substochastic on the transient block), |f(m') - f(inf)| <= sum|A_rs| *
//     (||z*_i|| (dev_c + dev_j) + dev_i ||z*_c - z*_j|| + dev_i (dev_c + dev_j)) for all m' >= m;
//     the least q with ||E^q||_inf < 1 gives the rate rho = ||E^q||_inf of the deviations;
//   - a preference with f(inf) = 0 is decided by the sign of its leading asymptotic term
//     (leading_term.hpp), which needs the tokens f depends on to attend without cycles (then T is
//     triangular there with a rational diagonal); with a cycle it is reported undecided, saying so;
//   - a preference with f(inf) < 0, or a tie that fails in the limit, proves that the pattern
//     changes after K.
#pragma once

#include "numerics/model.hpp"
#include "proofs-check/absorption.hpp"
#include "proofs-check/certificate_failure.hpp"
#include "proofs-check/pattern_chain.hpp"
#include "proofs-check/recurrence_order.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hardmax {

// The rules the general certificate's soundness rests on, replaceable so that the tests can show
// that a broken rule is caught (tests/property/broken_certificate_test.cpp). The defaults are sound.
struct certificate_rules {
  // Layers over which a tie is checked, from the Krylov dimension k of its tokens' deviations.
  std::function<index(index k)> tie_order = recurrence_order;
  // The bound on |f(m') - f(inf)| for m' >= m, from the deviations at layer K + m.
  std::function<rational(const rational& bound)> tail_bound = [](const rational& b) { return b; };
  // The sign of f's leading asymptotic coefficient.
  std::function<int(const rational& coefficient)> leading_sign = [](const rational& a) { return a > 0 ? 1 : a < 0 ? -1 : 0; };
};

struct general_options {
  index max_lookahead = 1000;  // layers K + 1 .. K + max_lookahead may be computed and checked exactly
  certificate_rules rules;
  // Called with every layer computed (resource guards, interruption) and the number of exact layers
  // held at that moment; may throw to stop.
  std::function<void(index layer, const tokens<rational>& Z, std::size_t layers_held)> on_layer;
};

// From layer K + start on, ||Z^{K+m} - Z*||_max <= rho^floor((m - start)/q) * deviation_at_start.
struct tail_bound {
  index contracting_power = 0;  // q: the least power of E = T - T^inf with ||E^q||_inf < 1 on the transient block
  rational contraction;         // rho = ||E^q||_inf
  index start = 0;              // m0: the layer offset from which every f(inf) > 0 preference is decided
  rational deviation_at_start;  // ||Z^{K+m0} - Z*||_max
};

// A strict preference decided by the tail bound: |f(m) - f(inf)| <= bound < f(inf) for every layer
// m >= from_layer (the bound from the deviations at from_layer), so f stays positive.
struct tail_decision {
  index token = 0, attended = 0, other = 0;  // i prefers c to j (first tokens of their classes)
  index from_layer = 0;
  rational limit;  // f(inf)
  rational bound;
};

// The bound on |f(m') - f(inf)| for all m' >= m of a preference of i for c over j, from the limits
// (||z*_i||_max, ||z*_c - z*_j||_max) and the deviations dev of the three classes at layer K + m:
// sum|A_rs| (||z*_i|| (dev_c + dev_j) + dev_i ||z*_c - z*_j|| + dev_i (dev_c + dev_j)). Attained when
// the deviations line up, so no term can be dropped.
inline rational preference_tail_bound(const rational& size_of_A, const rational& norm_i, const rational& gap,
                                      const rational& dev_i, const rational& dev_c, const rational& dev_j) {
  return size_of_A * (norm_i * (dev_c + dev_j) + dev_i * gap + dev_i * (dev_c + dev_j));
}

struct general_certificate {
  bool holds = false;
  index layers_checked = 1;         // layers K .. K + layers_checked - 1 were checked exactly
  std::optional<pattern_chain> chain;  // computed unless the pattern changes at layer K + 1
  std::optional<absorption> weights;
  tokens<rational> limit;           // Z* = T^inf Z^K, when the chain was computed
  tail_bound tail;
  std::size_t leader_rows = 0;      // classes of leaders: their rows never change
  std::size_t ties = 0, ties_static = 0;
  index longest_tie_order = 0;      // the largest recurrence order a tie was checked over
  std::size_t preferences = 0, preferences_static = 0, preferences_by_tail = 0, preferences_by_leading_term = 0;
  index latest_dominance = 0;       // the largest m1 from which a leading term dominates
  std::vector<std::string> leading_terms;  // the first few leading-term decisions, in words
  std::vector<tail_decision> tail_decisions;
  std::optional<certificate_failure> failure;
  // Z^{K+1}, Z^{K+2}, ...: layers of M4 computed on the way; the pattern of layer K + m is C for every
  // m <= constant_through (from which find_limit knows that no certificate holds before a change).
  std::vector<tokens<rational>> lookahead;
  index constant_through = 0;
};

general_certificate certify_general(const model<rational>& m, const tokens<rational>& Z, index K,
                                    const attention_pattern& C, const general_options& options);

}  // namespace hardmax
