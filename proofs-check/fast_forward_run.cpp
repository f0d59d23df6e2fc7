#include "proofs-check/fast_forward_run.hpp"

#include "io/matrix_json.hpp"
#include "io/run_limits.hpp"
#include "numerics/leaders.hpp"
#include "proofs-check/fast_forward.hpp"
#include "proofs-check/limit_report.hpp"
#include "theory/leaders.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <optional>
#include <ostream>
#include <limits>

namespace hardmax {
namespace {

template <class Scalar>
double unit_roundoff() {
  if constexpr (std::is_same_v<Scalar, double>) return DBL_EPSILON / 2;
  else return std::ldexp(1.0, -static_cast<int>(mpfr_real::working_precision()));
}

template <class Scalar>
fast_forward_run sample(const simulation_plan& plan, const problem& p, limit_search s, const std::vector<index>& selected) {
  fast_forward_run run{std::move(s), {}, std::nullopt};
  const limit_search& search = run.search;
  const index K = search.K();
  simulation_plan head = plan;
  head.request.depth = std::min(K, plan.request.depth);
  const trajectory<Scalar> iterated = run_plan<Scalar>(head, p, [](index) { stop_if_interrupted(); });
  const std::vector<index> settled_leaders = leaders(search.last_layer, search.certificate.pattern);
  const model<rational> exact = model_of<rational>(p);
  std::optional<general_closed_form> general;
  if (!scalar_traits<Scalar>::is_exact && search.certificate.kind == certificate_kind::general) general.emplace(search, exact);
  double worst = 0;
  for (index k : selected) {
    stop_if_interrupted();
    if (k <= K) {
      const auto at = static_cast<std::size_t>(k);
      run.layers.push_back({k, to_json(iterated.layers[at]), iterated.attention[at], leaders_at(iterated, at), false});
      continue;
    }
    nlohmann::json Z;
    if constexpr (scalar_traits<Scalar>::is_exact) {
      Z = to_json(exact_layer_after(search, exact, k, plan.request.growth));
    } else if (general) {
      const rounded_layer<Scalar> layer = general->layer<Scalar>(k - K, unit_roundoff<Scalar>(), plan.request.growth);
      Z = to_json(layer.Z);
      worst = std::max(worst, layer.bound);
    } else {
      Z = to_json(floating_layer_after<Scalar>(search, p.alpha, k));
      const double c = contraction_factor(p.alpha, k - K);
      worst = std::max(worst, rounding_bound(search, c, unit_roundoff<Scalar>(), std::numeric_limits<double>::denorm_min()));
    }
    run.layers.push_back({k, std::move(Z), search.certificate.pattern, settled_leaders, true});
  }
  if (!scalar_traits<Scalar>::is_exact) run.rounding_bound = worst;
  return run;
}

}  // namespace

std::vector<index> selected_layers(index depth, index every, const std::vector<index>& at) {
  std::vector<index> out;
  if (!at.empty()) {
    for (index k : at) {
      if (k < 0 || k > depth)
        throw input_error("--at", "layers", fmt::format("layer {} is outside 0..{}", k, depth));
      out.push_back(k);
    }
  } else if (every > 0) {
    if (depth / every >= max_layers_ever)
      throw run_limit_error(fmt::format("--every {} over {} layers keeps more than {} layers", every, depth, max_layers_ever));
    for (index k = 0; k <= depth; k += every) out.push_back(k);
  }
  out.push_back(depth);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

fast_forward_run run_fast_forward(const simulation_plan& plan, const problem& p, const std::string& source,
                                  std::vector<index> selected, bool through_k_star, index budget,
                                  const limit_search_limits& limits) {
  if (plan.request.engine.type == engine_spec::kind::certified || plan.request.tie_tolerance)
    throw engine_error("fast-forward runs the exact, double and mpfr engines without a tie tolerance");
  limit_search s = limit_of(p, source, budget, limits);
  if (!s.certified)
    throw run_limit_error(fmt::format(
        "{}: {} layers: no L6 certificate within the first {} layers ({}), so layers beyond {} cannot be reached "
        "without iterating; raise --max-layers, or ask for at most {} layers",
        source, plan.request.depth, budget, s.certificate.describe_failure(), budget, max_layers_ever));
  if (through_k_star)
    for (index k = 0; k <= std::min(s.K(), plan.request.depth); ++k) selected.push_back(k);
  std::sort(selected.begin(), selected.end());
  selected.erase(std::unique(selected.begin(), selected.end()), selected.end());
  return with_engine(plan.request.engine, [&]<class Scalar>() { return sample<Scalar>(plan, p, std::move(s), selected); });
}

void write_fast_forward_csv(std::ostream& out, const fast_forward_run& run) {
  const std::size_t d = run.layers.front().tokens.front().size();
  out << "layer,token";
  for (std::size_t c = 0; c < d; ++c) out << ",z" << c + 1;
  out << ",attention,leader\n";
  for (const layer_sample& l : run.layers)
    for (std::size_t i = 0; i < l.tokens.size(); ++i) {
      out << l.layer << ',' << i;
      for (const auto& x : l.tokens[i]) out << ',' << x.get<std::string>();
      out << ',';
      for (std::size_t a = 0; a < l.attention[i].size(); ++a) out << (a ? " " : "") << l.attention[i][a];
      out << ',' << (std::binary_search(l.leaders.begin(), l.leaders.end(), static_cast<index>(i)) ? 1 : 0) << '\n';
    }
}

nlohmann::json fast_forward_json(const fast_forward_run& run, const simulation_plan& plan, const problem& p,
                                 const provenance& source) {
  nlohmann::json doc = source.to_json();
  doc["alpha"] = to_string(p.alpha);
  doc["variant"] = "hardmax (M4)";
  doc["attention_path"] = plan.attention_path();
  nlohmann::json layers = nlohmann::json::array();
  for (const layer_sample& l : run.layers)
    layers.push_back({{"layer", l.layer}, {"tokens", l.tokens}, {"attention", l.attention}, {"leaders", l.leaders},
                      {"closed_form", l.closed_form}});
  doc["layers"] = std::move(layers);
  const limit_search& s = run.search;
  nlohmann::json ff = {{"K_star", s.K()},
                       {"certificate", to_string(*s.certificate.kind)},
                       {"depth", plan.request.depth},
                       {"layers_iterated", std::min(s.K(), plan.request.depth)},
                       {"closed_form", s.certificate.kind == certificate_kind::straight_line
                                           ? "z_i^(K+m) = t_i + (1 + alpha)^-m (z_i^K - t_i)"
                                           : "Z^(K+m) = T^m Z^K, the constant pattern's recurrence: exactly; in floating engines the "
                                             "exact layer rounded, or the exact limit rounded once ||Z^(K+m) - Z*|| <= "
                                             "rho^floor(m/q) ||Z^K - Z*|| is below one rounding"},
                       {"limit", to_json(s.limit())}};
  if (run.rounding_bound) ff["rounding_bound"] = *run.rounding_bound;
  doc["fast_forward"] = std::move(ff);
  return doc;
}

}  // namespace hardmax
