#include "properties/claim_properties.hpp"

#include "proofs-check/convex_weights.hpp"
#include "numerics/rational_span.hpp"
#include "proofs-check/limit_search.hpp"
#include "proofs-check/recurrence_order.hpp"
#include "theory/leader_existence.hpp"
#include "theory/leader_persistence.hpp"
#include "theory/monotone_norms.hpp"

#include <rapidcheck.h>

namespace hardmax {

dynamics reference_dynamics() {
  return {"M4 and D1 as implemented",
          [](const model<rational>& m, const tokens<rational>& Z) { return step(m, Z); },
          [](const tokens<rational>& Z, const attention_pattern& C) { return leaders(Z, C); },
          certificate_rules{}};
}

namespace {

struct run {
  model<rational> params;
  std::vector<tokens<rational>> layers;
  std::vector<std::vector<index>> leaders;  // as the dynamics under test reports them
};

run simulate_under_test(const problem& p, const dynamics& dyn) {
  run r{model_of<rational>(p), {p.Z0}, {}};
  const index depth = std::min<index>(p.layers.value_or(60), 60);
  for (index k = 0; k <= depth; ++k) {
    layer_result<rational> next = dyn.step(r.params, r.layers.back());
    r.leaders.push_back(dyn.leaders(r.layers.back(), next.attention));
    if (k < depth) r.layers.push_back(std::move(next.next));
  }
  return r;
}

void leader_existence_property(const problem& p, const dynamics& dyn) {
  const run r = simulate_under_test(p, dyn);
  for (std::size_t k = 0; k < r.layers.size(); ++k) {
    const leader_existence e = check_leader_existence(p.A, r.layers[k], r.leaders[k]);
    if (!e.holds) RC_FAIL("L1 at layer " + std::to_string(k) + ": " + e.witness);
  }
}

void leader_persistence_property(const problem& p, const dynamics& dyn) {
  const run r = simulate_under_test(p, dyn);
  const leader_persistence e = check_leader_persistence(r.layers, r.leaders);
  if (!e.holds) RC_FAIL("L2: " + e.witness);
}

void nested_hulls_property(const problem& p, const dynamics& dyn) {
  const run r = simulate_under_test(p, dyn);
  const nested_hulls e = check_nested_hulls(r.params, r.layers);
  if (!e.holds) RC_FAIL("L3: " + e.witness);
}

void monotone_norms_property(const problem& p, const dynamics& dyn) {
  const run r = simulate_under_test(p, dyn);
  const monotone_norms e = check_monotone_norms(p.A, r.layers);
  if (!e.holds) RC_FAIL("L4: " + e.witness);
}

limit_search certified_limit(const problem& p, const dynamics& dyn) {
  const model<rational> m = model_of<rational>(p);
  general_options options;
  options.rules = dyn.rules;
  const limit_search s = find_limit(m, {p.Z0}, certificate_budget, {},
                                    [&dyn](const model<rational>& mm, const tokens<rational>& Z) { return dyn.step(mm, Z).next; },
                                    options);
  if (!s.certified)
    RC_FAIL("L6: no certificate in layers 0.." + std::to_string(certificate_budget) + ". " +
            s.uncertified_finding(certificate_budget));
  return s;
}

// Every limit point is a convex combination of the leaders of Z^{K*} (its weights, T^inf's row)
// whose support lies on the face of conv(L) exposed by A z*_i, all of conv(L) when A z*_i = 0; a
// leader's position when the weights are a unit vector. Checked here from the positions alone.
void limit_faces_property(const problem& p, const dynamics& dyn) {
  const limit_search s = certified_limit(p, dyn);
  const tokens<rational>& Z = s.last_layer;
  const std::vector<index> L = dyn.leaders(Z, s.certificate.pattern);
  RC_ASSERT(!L.empty());
  for (const limit_point& point_i : s.faces->points) {
    const index i = point_i.token;
    rational total = 0, top = a_inner(p.A, row(s.limit(), i), row(Z, L.front()));
    point combination = point::Zero(Z.cols());
    for (index l : L) top = std::max(top, a_inner(p.A, row(s.limit(), i), row(Z, l)));
    for (const auto& [leader, w] : point_i.weights) {
      RC_ASSERT(std::binary_search(L.begin(), L.end(), leader));
      RC_ASSERT(w > 0);
      RC_ASSERT(a_inner(p.A, row(s.limit(), i), row(Z, leader)) == top);  // on the exposed face
      total += w;
      combination += w * Z.row(leader);
    }
    RC_ASSERT(total == 1);
    RC_ASSERT(combination == point(s.limit().row(i)));
  }
}

rational max_abs(const tokens<rational>& X) {
  rational d = 0;
  for (index r = 0; r < X.rows(); ++r)
    for (index k = 0; k < X.cols(); ++k) d = std::max(d, rational(abs(X(r, k))));
  return d;
}

// f = <A z_i, z_c - z_j> at one layer.
rational score_gap(const matrix<rational>& A, const tokens<rational>& Z, index i, index c, index j) {
  return a_inner(A, row(Z, i), row(Z, c) - row(Z, j));
}

// The recurrence order the certificate's rule gives a score difference must be one it satisfies: the
// Hankel matrix (f(a + b)), a, b = 0..R, of a sequence with a recurrence of order R is singular. Checked
// on up to three preferences that move (ties are 0 and would satisfy any order), of order <= 12.
void recurrences_hold(const problem& p, const dynamics& dyn, const limit_search& s, const std::vector<tokens<rational>>& layers) {
  const pattern_chain& chain = *s.certificate.chain;
  int tried = 0;
  for (index a : chain.transient_classes()) {
    if (tried == 3) break;
    const std::vector<index> attended = chain.attended_classes(a);
    for (index j = 0; j < chain.class_count() && tried < 3; ++j) {
      if (std::binary_search(attended.begin(), attended.end(), j)) continue;
      krylov_dimension k(depends_on(chain, a, attended.front(), j));
      std::size_t m = 0;
      for (; m < layers.size() && !k.complete(); ++m) k.add_layer(chain, layers[m], s.limit());
      if (!k.complete() || k.dimension() == 0) continue;
      const index R = dyn.rules.tie_order(k.dimension());
      if (R > 12 || static_cast<index>(layers.size()) < 2 * R + 1) continue;
      ++tried;
      std::vector<rational> f;
      for (index t = 0; t <= 2 * R; ++t)
        f.push_back(score_gap(p.A, layers[static_cast<std::size_t>(t)], chain.representative(a),
                              chain.representative(attended.front()), chain.representative(j)));
      rational_span rows;
      index rank = 0;
      for (index r = 0; r <= R; ++r) rank += rows.add(std::vector<rational>(f.begin() + r, f.begin() + r + R + 1));
      if (rank == R + 1)
        RC_FAIL("L6: token " + std::to_string(chain.representative(a)) + "'s preference over token " +
                std::to_string(chain.representative(j)) + " satisfies no linear recurrence of order " + std::to_string(R) +
                " (Krylov dimension " + std::to_string(k.dimension()) + ")");
    }
  }
}

// After K* the pattern stays the certificate's, and Z^{K*+m} converges to the exact limit at the rate
// the certificate states: z - z* = (1 + alpha)^-m (z^{K*} - z*) exactly on straight lines, and
// ||Z^{K*+m} - Z*||_max <= rho^floor(m/q) ||Z^{K*} - Z*||_max in general; every tail bound the
// certificate decided a preference with holds on the layers after it, and every recurrence order it
// uses is one the sequences satisfy. Simulated independently (the layer map under test recomputes
// attention) for 20 layers past every layer the certificate checked exactly (at least 25).
void finite_time_clustering_property(const problem& p, const dynamics& dyn) {
  const limit_search s = certified_limit(p, dyn);
  const model<rational> m = model_of<rational>(p);
  const limit_certificate& c = s.certificate;
  std::vector<tokens<rational>> layers = {s.last_layer};
  const tokens<rational> u = s.last_layer - s.limit();
  const bool straight = c.kind == certificate_kind::straight_line;
  const index checked = straight ? 1 : c.general->layers_checked;
  const index q = straight ? 1 : c.general->tail.contracting_power;
  const rational rho = straight ? rational(1 / (1 + p.alpha)) : c.general->tail.contraction;
  rational shrink = 1, bound = max_abs(u);
  for (index k = 1; k <= std::max<index>(checked + layers_on_the_lines, 25); ++k) {
    layer_result<rational> next = dyn.step(m, layers.back());
    if (next.attention != c.pattern) RC_FAIL("L6: the pattern changes at layer K* + " + std::to_string(k - 1));
    layers.push_back(std::move(next.next));
    const tokens<rational>& Z = layers.back();
    shrink /= 1 + p.alpha;
    if (q > 0 && k % q == 0) bound *= rho;
    if (straight && Z != tokens<rational>(s.limit() + shrink * u))
      RC_FAIL("L6: layer K* + " + std::to_string(k) + " is off the predicted lines");
    if (max_abs(Z - s.limit()) > bound)
      RC_FAIL("L6: layer K* + " + std::to_string(k) + " is farther from the limit than rho^floor(m/q) allows");
    if (!straight)
      for (const tail_decision& t : c.general->tail_decisions) {
        if (t.bound >= t.limit) RC_FAIL("L6: a preference was decided by a tail bound that is not below f(inf)");
        if (s.K() + k >= t.from_layer && abs(score_gap(p.A, Z, t.token, t.attended, t.other) - t.limit) > t.bound)
          RC_FAIL("L6: at layer K* + " + std::to_string(k) + " token " + std::to_string(t.token) + "'s preference for " +
                  std::to_string(t.attended) + " over " + std::to_string(t.other) + " is off its limit by more than the tail "
                  "bound " + to_string(t.bound) + " from layer " + std::to_string(t.from_layer));
      }
  }
  if (advance(m, s.limit(), c.pattern) != s.limit()) RC_FAIL("L6: the limit is not a fixed point of T = (I + alpha P)/(1 + alpha)");
  recurrences_hold(p, dyn, s, layers);
}

}  // namespace

const std::vector<claim_property>& claim_properties() {
  static const std::vector<claim_property> all = {
      {"L1", "L(Z) is never empty, holds the tokens of maximal A-norm, and each leader strictly prefers itself",
       leader_existence_property},
      {"L2", "leaders do not move and stay leaders", leader_persistence_property},
      {"L3", "each new token is the convex combination of the old ones given by (I + alpha P)/(1 + alpha)",
       nested_hulls_property},
      {"L4", "A-norms never decrease, equal iff m_i = z_i, bounded by the initial maximum", monotone_norms_property},
      {"L5", "every limit point is a convex combination of leaders on the face of conv(L) its direction exposes (D4 is "
             "not asserted: THEOREMS.md)",
       limit_faces_property},
      {"L6", "a certificate within 200 layers, then 20 layers past its exact checks keep its pattern and approach the "
             "exact limit at its rate",
       finite_time_clustering_property},
  };
  return all;
}

}  // namespace hardmax
