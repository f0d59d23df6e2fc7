#include "properties/claim_properties.hpp"

#include "proofs-check/convex_weights.hpp"
#include "proofs-check/limit_search.hpp"
#include "theory/leader_existence.hpp"
#include "theory/leader_persistence.hpp"
#include "theory/monotone_norms.hpp"

#include <rapidcheck.h>

namespace hardmax {

dynamics reference_dynamics() {
  return {"M4 and D1 as implemented",
          [](const model<rational>& m, const tokens<rational>& Z) { return step(m, Z); },
          [](const tokens<rational>& Z, const attention_pattern& C) { return leaders(Z, C); }};
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
  const limit_search s = find_limit(m, {p.Z0}, certificate_budget, {},
                                    [&dyn](const model<rational>& mm, const tokens<rational>& Z) { return dyn.step(mm, Z).next; });
  if (!s.certified)
    RC_FAIL("L6: no certificate in layers 0.." + std::to_string(certificate_budget) + "; last failure at layer " +
            std::to_string(s.certificate.layer) + ": " + s.certificate.failure->describe());
  return s;
}

// Every limit point is the mean of C_i(Z^{K*}), a set of tokens at rest (leaders, or tokens held at a
// symmetric centre) on the face of conv(Z^{K*}) exposed by A z_i^{K*}.
void limit_faces_property(const problem& p, const dynamics& dyn) {
  const limit_search s = certified_limit(p, dyn);
  tokens<rational> Z = p.Z0;
  for (index k = 0; k < s.K(); ++k) Z = dyn.step(model_of<rational>(p), Z).next;
  const std::vector<index> L = leaders(Z, s.certificate.pattern);
  for (index i = 0; i < Z.rows(); ++i) {
    const auto& face = s.certificate.pattern[static_cast<std::size_t>(i)];
    rational best = a_inner(p.A, row(Z, i), row(Z, 0));
    for (index j = 0; j < Z.rows(); ++j) best = std::max(best, a_inner(p.A, row(Z, i), row(Z, j)));
    point mean = point::Zero(Z.cols());
    for (index c : face) {
      RC_ASSERT(std::binary_search(L.begin(), L.end(), c) || row(Z, c) == row(s.limit(), c));
      RC_ASSERT(a_inner(p.A, row(Z, i), row(Z, c)) == best);
      mean += row(Z, c);
    }
    RC_ASSERT(point(mean / rational(static_cast<long>(face.size()))) == row(s.limit(), i));
  }
}

// After K*, z^k - t = (1 + alpha)^-(k - K*) (z^{K*} - t), exactly, for 20 further layers.
void finite_time_clustering_property(const problem& p, const dynamics& dyn) {
  const limit_search s = certified_limit(p, dyn);
  const model<rational> m = model_of<rational>(p);
  tokens<rational> Z = p.Z0;
  for (index k = 0; k < s.K(); ++k) Z = dyn.step(m, Z).next;
  const tokens<rational> u = Z - s.limit();
  rational shrink = 1;
  for (index k = 1; k <= layers_on_the_lines; ++k) {
    Z = dyn.step(m, Z).next;
    shrink /= 1 + p.alpha;
    if (Z != tokens<rational>(s.limit() + shrink * u))
      RC_FAIL("L6: layer K* + " + std::to_string(k) + " is off the predicted lines");
  }
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
      {"L5", "the exact limit's points are means of exposed faces of tokens at rest (D4 is not asserted: THEOREMS.md)",
       limit_faces_property},
      {"L6", "a certificate within 200 layers, then 20 exact layers on the predicted lines",
       finite_time_clustering_property},
  };
  return all;
}

}  // namespace hardmax
