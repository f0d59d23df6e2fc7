#include "campaigns/cell_result.hpp"

#include "campaigns/random_configuration.hpp"
#include "numerics/certified_engine.hpp"
#include "numerics/exact_size.hpp"
#include "proofs-check/limit_search.hpp"
#include "theory/leaders.hpp"

#include <algorithm>
#include <chrono>

namespace hardmax {

nlohmann::json cell_result::to_json() const {
  return {{"cell", cell.number},        {"n", cell.n},
          {"d", cell.d},               {"alpha", to_string(cell.alpha)},
          {"generator", cell.generator}, {"seed", cell.seed},
          {"cases", cases},            {"certified", certified},
          {"certified_general", general},
          {"mean_K", mean_K},          {"max_K", max_K},
          {"mean_leaders", mean_leaders}, {"mean_clusters", mean_clusters},
          {"mean_escalations", mean_escalations}, {"mean_bits_per_layer", mean_bits_per_layer},
          {"seconds", seconds}};
}

cell_result cell_result::from_json(const nlohmann::json& j) {
  cell_result r;
  r.cell = {j.at("cell").get<std::size_t>(), j.at("n").get<index>(), j.at("d").get<index>(),
            parse_rational(j.at("alpha").get<std::string>()), j.at("generator").get<std::string>(),
            j.at("seed").get<std::uint64_t>()};
  r.cases = j.at("cases").get<int>();
  r.certified = j.at("certified").get<int>();
  r.general = j.value("certified_general", 0);  // absent in sweeps before the general certificate
  r.mean_K = j.at("mean_K").get<double>();
  r.max_K = j.at("max_K").get<index>();
  r.mean_leaders = j.at("mean_leaders").get<double>();
  r.mean_clusters = j.at("mean_clusters").get<double>();
  r.mean_escalations = j.at("mean_escalations").get<double>();
  r.mean_bits_per_layer = j.at("mean_bits_per_layer").get<double>();
  r.seconds = j.at("seconds").get<double>();
  return r;
}

cell_result measure_cell(const sweep_cell& cell, int cases, index max_layers, const std::function<void()>& on_case) {
  const auto start = std::chrono::steady_clock::now();
  cell_result r;
  r.cell = cell;
  r.cases = cases;
  double sum_K = 0, sum_leaders = 0, sum_clusters = 0, sum_escalations = 0, sum_bits = 0;
  for (int c = 0; c < cases; ++c) {
    const problem p = random_configuration(cell.generator, cell.n, cell.d, cell.alpha,
                                           derive_seed(cell.seed, static_cast<std::uint64_t>(c)));
    const model<rational> m = model_of<rational>(p);
    const limit_search s = find_limit(m, {p.Z0}, max_layers);
    const index depth = s.certified ? s.K() : max_layers;
    sum_escalations += static_cast<double>(simulate_certified(p, depth).stats.decided_exactly);
    sum_bits += static_cast<double>(size_of(s.last_layer).largest) / static_cast<double>(std::max<index>(depth, 1));
    if (!s.certified) {
      problem finding = p;
      finding.description = p.description + ". " + s.uncertified_finding(max_layers);
      r.uncertified.emplace_back(c, std::move(finding));
    }
    if (s.certified) {
      ++r.certified;
      r.general += s.certificate.kind == certificate_kind::general;
      sum_K += static_cast<double>(s.K());
      r.max_K = std::max(r.max_K, s.K());
      sum_leaders += static_cast<double>(leaders(s.last_layer, s.certificate.pattern).size());
      sum_clusters += static_cast<double>(s.clusters.size());
    }
    if (on_case) on_case();
  }
  if (r.certified) {
    r.mean_K = sum_K / r.certified;
    r.mean_leaders = sum_leaders / r.certified;
    r.mean_clusters = sum_clusters / r.certified;
  }
  r.mean_escalations = sum_escalations / cases;
  r.mean_bits_per_layer = sum_bits / cases;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace hardmax
