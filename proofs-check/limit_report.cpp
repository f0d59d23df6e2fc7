#include "proofs-check/limit_report.hpp"

#include "io/config_file.hpp"
#include "io/matrix_json.hpp"
#include "io/point_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace hardmax {
namespace {

rational deviation(const tokens<rational>& Z, const tokens<rational>& limit) {
  rational d = 0;
  for (index i = 0; i < Z.rows(); ++i)
    for (index c = 0; c < Z.cols(); ++c) d = std::max(d, rational(abs(Z(i, c) - limit(i, c))));
  return d;
}

// The rate at which Z^{K+m} approaches Z*: q and rho with ||Z^{K+m} - Z*|| <= rho^floor(m/q) ||Z^K - Z*||.
std::pair<index, rational> rate(const limit_search& s, const rational& alpha) {
  if (s.certificate.kind == certificate_kind::straight_line) return {1, 1 / (1 + alpha)};  // exactly, on the lines
  return {s.certificate.general->tail.contracting_power, s.certificate.general->tail.contraction};
}

nlohmann::json weights_json(const limit_point& p) {
  nlohmann::json w = nlohmann::json::array();
  for (const auto& [leader, weight] : p.weights) w.push_back({{"leader", leader}, {"weight", to_string(weight)}});
  return w;
}

std::vector<index> support(const limit_point& p) {
  std::vector<index> out;
  for (const auto& w : p.weights) out.push_back(w.first);
  return out;
}

std::string weights_text(const limit_point& p) {
  std::vector<std::string> terms;
  for (const auto& [leader, weight] : p.weights) terms.push_back(fmt::format("{} z_{}", to_string(weight), leader));
  return fmt::format("{}", fmt::join(terms, " + "));
}

}  // namespace

std::string tail_bound_text(const limit_search& s, const rational& alpha) {
  const auto [q, rho] = rate(s, alpha);
  const rational d0 = deviation(s.last_layer, s.limit());
  if (s.certificate.kind == certificate_kind::straight_line)
    return fmt::format("z_i^(K+m) - z*_i = ({})^m (z_i^K - z*_i) exactly (straight lines; ||Z^K - Z*||_max = {})",
                       to_string(rho), to_string(d0));
  if (q == 0) return "nothing moves: Z^K = Z*";
  const tail_bound& t = s.certificate.general->tail;
  const std::string power = q == 1 ? fmt::format("({})^m", to_string(rho)) : fmt::format("({})^floor(m/{})", to_string(rho), q);
  std::string text = fmt::format("||Z^(K+m) - Z*||_max <= {} ||Z^K - Z*||_max = {} * {} (||E^{}||_inf = {} on the transient "
                                 "block, E = T - T^inf)",
                                 power, power, to_string(d0), q, to_string(rho));
  if (s.certificate.general->preferences_by_tail > 0)
    text += fmt::format("; it decides every preference with f(inf) > 0 from layer {} on (||Z - Z*||_max = {} there)",
                        s.K() + t.start, to_string(t.deviation_at_start));
  return text;
}

nlohmann::json certificate_json(const limit_search& s, const rational& alpha) {
  const limit_certificate& c = s.certificate;
  const auto [q, rho] = rate(s, alpha);
  nlohmann::json tail = {{"contracting_power", q}, {"contraction", to_string(rho)},
                         {"deviation_at_K", to_string(deviation(s.last_layer, s.limit()))},
                         {"statement", tail_bound_text(s, alpha)}};
  nlohmann::json doc = {{"kind", to_string(*c.kind)}, {"pattern", c.pattern}};
  if (c.kind == certificate_kind::straight_line) {
    const straight_line_certificate& l = c.straight_line;
    tail["start_layer"] = c.layer;
    doc.update({{"layers_checked_exactly", 1},
                {"ties_checked", l.ties_checked},
                {"quadratics_checked", l.quadratics_checked},
                {"zero_at_zero", l.zero_at_zero},
                {"interior_vertices", l.interior_vertices},
                {"attended_at_rest", l.attended_at_rest},
                {"counts", {{"ties", l.ties_checked}, {"strict_preferences", l.quadratics_checked}, {"leading_term_decisions", 0}}},
                {"tail_bound", tail}});
    return doc;
  }
  const general_certificate& g = *c.general;
  if (g.preferences_by_tail > 0) {
    tail["start_layer"] = c.layer + g.tail.start;
    tail["deviation_at_start"] = to_string(g.tail.deviation_at_start);
  }
  doc.update({{"layers_checked_exactly", g.layers_checked},
              {"ties_checked", g.ties},
              {"quadratics_checked", 0},
              {"counts",
               {{"leader_rows", g.leader_rows},
                {"ties", g.ties},
                {"ties_static", g.ties_static},
                {"ties_by_recurrence", g.ties - g.ties_static},
                {"strict_preferences", g.preferences},
                {"strict_static", g.preferences_static},
                {"strict_by_tail_bound", g.preferences_by_tail},
                {"leading_term_decisions", g.preferences_by_leading_term}}},
              {"longest_tie_recurrence", g.longest_tie_order},
              {"tail_bound", tail},
              {"leading_terms", g.leading_terms}});
  if (g.preferences_by_leading_term > 0) doc["latest_dominance_layer"] = c.layer + g.latest_dominance;
  return doc;
}

nlohmann::json absorption_json(const limit_search& s) {
  nlohmann::json out = nlohmann::json::array();
  const nlohmann::json limit = to_json(s.limit());
  for (const limit_point& p : s.faces->points)
    out.push_back({{"token", p.token}, {"limit", limit[static_cast<std::size_t>(p.token)]}, {"weights", weights_json(p)}});
  return out;
}

nlohmann::json clusters_json(const limit_search& s) {
  nlohmann::json out = nlohmann::json::array();
  const nlohmann::json limit = to_json(s.limit());
  for (const cluster& k : s.clusters) {
    const limit_point& p = s.faces->points[static_cast<std::size_t>(k.representative)];
    out.push_back({{"point", limit[static_cast<std::size_t>(k.representative)]},
                   {"members", k.members},
                   {"leader", k.holds_leader},
                   {"face", s.certificate.pattern[static_cast<std::size_t>(k.representative)]},
                   {"polytope_face", p.face},
                   {"whole_polytope", p.whole_polytope},
                   {"weights", weights_json(p)}});
  }
  return out;
}

nlohmann::json limit_json(const limit_search& s, const rational& alpha, index max_layers) {
  nlohmann::json doc = {{"certified", s.certified}, {"max_layers", max_layers}, {"layers_examined", s.layers_tried},
                        {"certificate_attempts", s.attempts}};
  if (!s.certified) {
    const certificate_failure& f = s.certificate.failure();
    doc["last_failure"] = {{"layer", s.certificate.layer}, {"condition", f.condition}, {"token", f.token},
                           {"description", s.certificate.describe_failure()}, {"proves_change", f.proves_change()}};
    if (f.changes_at) doc["last_failure"]["changes_at"] = *f.changes_at;
    doc["last_pattern_change"] = s.last_pattern_change;
    doc["finding"] = s.uncertified_finding(max_layers);
    return doc;
  }
  doc["K"] = s.K();
  doc["limit"] = to_json(s.limit());
  doc["clusters"] = clusters_json(s);
  doc["absorption"] = absorption_json(s);
  doc["clustered_equilibrium"] = s.is_clustered_equilibrium();
  nlohmann::json d4 = {{"holds", !s.equilibrium_violation}, {"role", "information: not a condition of L5 (THEORY.md L5)"}};
  if (const auto& v = s.equilibrium_violation)
    d4.update({{"token", v->token}, {"attention", v->attention}, {"mean", to_json(matrix<rational>(v->mean))[0]}});
  doc["equilibrium"] = d4;
  nlohmann::json l5 = {{"holds", s.faces->holds()}};
  if (s.faces->witness) l5["witness"] = *s.faces->witness;
  if (s.faces->off_face) l5["undecided"] = *s.faces->off_face;
  doc["l5"] = l5;
  doc["certificate"] = certificate_json(s, alpha);
  return doc;
}

std::string certificate_summary(const limit_search& s, const rational& alpha) {
  const limit_certificate& c = s.certificate;
  if (c.kind == certificate_kind::straight_line) {
    const straight_line_certificate& l = c.straight_line;
    return fmt::format("straight-line certificate at K* = {}: (a') {} attention sets of {}, (b) {} ties persist, (c) {} "
                       "quadratics positive on (0, 1] ({} with g(0) = 0, {} via the interior vertex)",
                       c.layer, c.pattern.size(),
                       l.attended_at_rest.empty()
                           ? std::string("leaders")
                           : fmt::format("leaders and tokens at rest {{{}}}", fmt::join(l.attended_at_rest, ", ")),
                       l.ties_checked, l.quadratics_checked, l.zero_at_zero, l.interior_vertices);
  }
  const general_certificate& g = *c.general;
  return fmt::format("general certificate at K* = {} (attended tokens still move): layers {}..{} checked exactly; {} ties "
                     "({} static, the others over their recurrence order, at most {}); {} strict preferences ({} static, "
                     "{} by the tail bound, {} by their leading term); {}",
                     c.layer, c.layer, c.layer + g.layers_checked - 1, g.ties, g.ties_static, g.longest_tie_order,
                     g.preferences, g.preferences_static, g.preferences_by_tail, g.preferences_by_leading_term,
                     tail_bound_text(s, alpha));
}

std::string limit_text(const limit_search& s, const rational& alpha, const std::string& config, index max_layers) {
  std::string out;
  const auto line = [&out](const std::string& text) { out += text + "\n"; };
  if (!s.certified) {
    line(fmt::format("{}: NOT certified: no L6 certificate in layers 0..{} (budget --max-layers {}).", config,
                     s.layers_tried - 1, max_layers));
    line(fmt::format("The condition that failed last, at layer {}: {}", s.certificate.layer, s.certificate.describe_failure()));
    line(s.uncertified_finding(max_layers));
    return out;
  }
  line(fmt::format("{}: certified at K* = {} (L6, {} certificate): the attention pattern of layer {} never changes again.",
                   config, s.K(), to_string(*s.certificate.kind), s.K()));
  line("evidence: " + certificate_summary(s, alpha) + ".");
  const general_certificate* g = s.certificate.general ? &*s.certificate.general : nullptr;
  if (g)
    for (const std::string& t : g->leading_terms) line("  leading term: " + t);
  line("exact limit Z* = T^inf Z^K* (tokens numbered from 0), with its weights on the leaders:");
  for (const limit_point& p : s.faces->points)
    line(fmt::format("  {:>3}  {}  = {}", p.token, point_text(s.limit(), p.token), weights_text(p)));
  line("clusters:");
  for (const cluster& k : s.clusters) {
    const limit_point& p = s.faces->points[static_cast<std::size_t>(k.representative)];
    line(fmt::format("  {}  tokens {{{}}}  {}", point_text(s.limit(), k.representative), fmt::join(k.members, ", "),
                     k.holds_leader ? std::string("leader")
                     : p.at_leader  ? std::string("at a leader's position")
                                    : fmt::format("not a leader: a convex combination of leaders {{{}}} on the face {{{}}} "
                                                  "of conv(L){}",
                                                  fmt::join(support(p), ", "), fmt::join(p.face, ", "),
                                                  p.whole_polytope ? " (all of it)" : "")));
  }
  if (s.faces->holds())
    line("L5 holds: every limit point is a leader's position or a convex combination of leaders on one face of conv(L(Z^K*)).");
  else
    line("L5: " + (s.faces->witness ? "FAILS: " + *s.faces->witness : "undecided, because " + *s.faces->off_face));
  if (const auto& v = s.equilibrium_violation)
    line(fmt::format("D4 (information, not a condition of L5): Z* is not a clustered equilibrium: limit token {} at {} "
                     "attends at Z* to tokens {{{}}}, whose mean is {} (M4 is discontinuous at Z*; docs/THEOREMS.md).",
                     v->token, point_text(s.limit(), v->token), fmt::join(v->attention, ", "), point_text(point(v->mean), 0)));
  else
    line("D4 (information): Z* is a clustered equilibrium, a fixed point of M4.");
  return out;
}

limit_search limit_of(const problem& p, const std::string& source, index max_layers, const limit_search_limits& limits,
                      const std::function<void(index)>& progress) {
  if (p.tau || p.V)
    throw input_error(source, p.tau ? "tau" : "V",
                      "L6 is stated for hardmax M4 with V = I; the softmax variant and value matrices have no certificate");
  return find_limit(model_of<rational>(p), {p.Z0}, max_layers, [&](index k) {
    if (progress) progress(k);
    stop_if_interrupted();
  }, {}, limits.options());
}

nlohmann::json limit_document(const limit_search& s, const problem& p, index max_layers,
                              const limit_search_limits& limits, const provenance& source) {
  nlohmann::json doc = source.to_json();
  doc["max_lookahead"] = limits.max_lookahead;
  doc.update(limit_json(s, p.alpha, max_layers));
  return doc;
}

}  // namespace hardmax
