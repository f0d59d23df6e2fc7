#include "proofs-check/claims_report.hpp"

#include "io/matrix_json.hpp"
#include "io/point_text.hpp"
#include "proofs-check/convex_weights.hpp"
#include "proofs-check/limit_report.hpp"
#include "theory/leader_existence.hpp"
#include "theory/leader_persistence.hpp"
#include "theory/monotone_norms.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace hardmax {
namespace {

verdict outcome(bool holds) { return holds ? verdict::holds : verdict::fails; }

claim_row l1_row(const observed_trajectory& t) {
  claim_row row{"L1", "L(Z) is never empty; every token of maximal A-norm is a leader; leaders are exposed vertices", {},
                {}, {}, {}};
  const leader_existence first = check_leader_existence(t.params.A, t.layers[0], t.leaders[0]);
  bool holds = first.holds;
  row.witness = first.witness.empty() ? "" : "layer 0: " + first.witness;
  for (std::size_t k = 1; k < t.layers.size() && holds; ++k) {
    const leader_existence e = check_leader_existence(t.params.A, t.layers[k], t.leaders[k]);
    if (!e.holds) row.witness = fmt::format("layer {}: {}", k, e.witness);
    holds = e.holds;
  }
  row.outcome = outcome(holds);
  rational tightest = -1;
  nlohmann::json margins = nlohmann::json::object();
  for (const auto& e : first.evidence) {
    nlohmann::json m = nlohmann::json::object();
    for (const auto& [j, margin] : e.margins) {
      m[std::to_string(j)] = to_string(margin);
      if (tightest < 0 || margin < tightest) tightest = margin;
    }
    margins[std::to_string(e.token)] = m;
  }
  row.summary = fmt::format("layer 0: leaders {{{}}}, token {} has maximal |z|_A^2 = {}, smallest margin s_ii - s_ij = {}; "
                            "{} {} layers",
                            fmt::join(first.leaders, ", "), first.max_norm_token, to_string(first.max_norm_squared),
                            tightest < 0 ? "none (no non-copies)" : to_string(tightest),
                            holds ? "holds at all" : "violated at one of the", t.layers.size());
  row.evidence = {{"leaders", first.leaders},
                  {"max_norm_token", first.max_norm_token},
                  {"max_norm_squared", to_string(first.max_norm_squared)},
                  {"margins", margins}};
  return row;
}

claim_row l2_row(const observed_trajectory& t) {
  claim_row row{"L2", "leaders do not move and stay leaders; leader sets are nested", {}, {}, {}, {}};
  const leader_persistence r = check_leader_persistence(t.layers, t.leaders);
  row.outcome = outcome(r.holds);
  row.witness = r.witness;
  row.summary = r.holds ? fmt::format("leader sets nested over {} layers, {} -> {} leaders, grew at layers {{{}}}",
                                      t.layers.size(), t.leaders.front().size(), t.leaders.back().size(),
                                      fmt::join(r.growth_layers, ", "))
                        : "a leader moved or stopped being a leader (witness)";
  row.evidence = {{"leaders_by_layer", r.leaders_by_layer}, {"growth_layers", r.growth_layers}};
  return row;
}

claim_row l3_row(const observed_trajectory& t) {
  claim_row row{"L3", "conv(Z^{k+1}) is inside conv(Z^k): explicit convex weights", {}, {}, {}, {}};
  const nested_hulls r = check_nested_hulls(t.params, t.layers);
  row.outcome = outcome(r.holds);
  row.witness = r.witness;
  row.summary = r.holds ? fmt::format("{} layers x {} tokens: weights of (I + alpha P)/(1 + alpha) non-negative, "
                                      "sum 1, reproduce z^(k+1) exactly",
                                      r.weights.size(), t.layers[0].rows())
                        : "the weights of (I + alpha P)/(1 + alpha) do not reproduce the next layer (witness)";
  nlohmann::json weights = nlohmann::json::array();
  for (const auto& layer : r.weights) {
    nlohmann::json l = nlohmann::json::array();
    for (const auto& w : layer) {
      nlohmann::json token = nlohmann::json::object();
      for (const auto& [j, wj] : w) token[std::to_string(j)] = to_string(wj);
      l.push_back(token);
    }
    weights.push_back(l);
  }
  row.evidence = {{"weights", weights}};
  return row;
}

claim_row l4_row(const observed_trajectory& t) {
  claim_row row{"L4", "|z_i^k|_A is non-decreasing, equal iff m_i = z_i, bounded by max_j |z_j^0|_A", {}, {}, {}, {}};
  const monotone_norms r = check_monotone_norms(t.params.A, t.layers);
  row.outcome = outcome(r.holds);
  row.witness = r.witness;
  const std::size_t steps = (t.layers.size() - 1) * static_cast<std::size_t>(t.layers[0].rows());
  row.summary = r.holds ? fmt::format("{} token-steps: {} strict increases, {} equalities (all with m_i = z_i); "
                                      "bound |z|_A^2 <= {}",
                                      steps, steps - r.equalities, r.equalities, to_string(r.bound_squared))
                        : fmt::format("an A-norm decreased, broke the equality case or the bound {} (witness)",
                                      to_string(r.bound_squared));
  nlohmann::json norms = nlohmann::json::array();
  for (const auto& layer : r.norms_squared) {
    nlohmann::json l = nlohmann::json::array();
    for (const auto& x : layer) l.push_back(to_string(x));
    norms.push_back(l);
  }
  row.evidence = {{"norms_squared", norms}, {"bound_squared", to_string(r.bound_squared)}};
  return row;
}

std::pair<claim_row, claim_row> l5_l6_rows(const observed_trajectory& t, index max_layers, const general_options& options) {
  std::vector<tokens<rational>> known = t.layers;
  const index budget = t.extendable ? max_layers : std::min<index>(max_layers, static_cast<index>(known.size()) - 1);
  const limit_search s = find_limit(t.params, known, budget, {}, {}, options);
  claim_row l6{"L6", "a finite layer K* after which the attention pattern never changes (exact certificate)", {}, {}, {},
               {}};
  claim_row l5{"L5",
               "every limit point is a leader's position or a convex combination of leaders on one face of conv(L(Z^K*))",
               {}, {}, {}, {}};
  if (!s.certified) {
    l6.outcome = l5.outcome = verdict::not_certified;
    l6.summary = fmt::format("no certificate in layers 0..{}", s.layers_tried - 1);
    l6.witness = fmt::format("last failure, at layer {}: {}. {}", s.certificate.layer, s.certificate.describe_failure(),
                             s.uncertified_finding(budget));
    l6.evidence = limit_json(s, t.params.alpha, budget);
    l5.summary = "undecided, because the limit is known exactly only through an L6 certificate";
    return {l5, l6};
  }
  l6.summary = certificate_summary(s, t.params.alpha);
  l6.evidence = certificate_json(s, t.params.alpha);
  l6.evidence["K"] = s.K();
  l6.evidence["limit"] = to_json(s.limit());
  const limit_faces& f = *s.faces;
  l5.outcome = f.holds() ? verdict::holds : f.witness ? verdict::fails : verdict::not_certified;
  if (f.witness) l5.witness = *f.witness;
  if (f.off_face) l5.witness = "undecided, because " + *f.off_face;
  const auto non_leader = std::count_if(s.clusters.begin(), s.clusters.end(), [](const cluster& k) { return !k.holds_leader; });
  std::string d4 = "D4 (information): Z* is a clustered equilibrium";
  if (const auto& v = s.equilibrium_violation)
    d4 = fmt::format("D4 (information, not a condition of L5): Z* is not a clustered equilibrium, limit token {} at {} attends "
                     "at Z* to {{{}}}, whose mean is {}",
                     v->token, point_text(s.limit(), v->token), fmt::join(v->attention, ", "), point_text(v->mean, 0));
  l5.summary = fmt::format("limit exact from K* = {}: {} clusters, {} at leaders, {} non-leader, each a convex combination "
                           "(T^inf's weights) of leaders on the face of conv(L) exposed by A z*_i; {}",
                           s.K(), s.clusters.size(), s.clusters.size() - static_cast<std::size_t>(non_leader), non_leader, d4);
  l5.evidence = {{"clusters", clusters_json(s)}, {"absorption", absorption_json(s)},
                 {"clustered_equilibrium", s.is_clustered_equilibrium()}};
  return {l5, l6};
}

}  // namespace

std::vector<claim_row> check_claims(const observed_trajectory& t, index max_layers, const general_options& options) {
  if (t.params.tau || t.params.V) {
    std::vector<claim_row> rows;
    for (const char* claim : {"L1", "L2", "L3", "L4", "L5", "L6"})
      rows.push_back({claim, "", verdict::not_applicable,
                      "THEORY.md makes no claim for the softmax variant (M5) or a value matrix V != I (M6)", "", {}});
    return rows;
  }
  auto [l5, l6] = l5_l6_rows(t, max_layers, options);
  return {l1_row(t), l2_row(t), l3_row(t), l4_row(t), std::move(l5), std::move(l6)};
}

}  // namespace hardmax
