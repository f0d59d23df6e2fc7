// Trajectories as JSON and CSV (docs/FORMAT.md). Exact values are written as rationals in lowest
// terms, floating values as the shortest decimals that read back to the same value.
#pragma once

#include "io/matrix_json.hpp"
#include "io/provenance.hpp"
#include "numerics/trajectory.hpp"
#include "theory/leaders.hpp"

#include <nlohmann/json.hpp>

#include <ostream>

namespace hardmax {

template <class Scalar>
nlohmann::json trajectory_json(const trajectory<Scalar>& t, const model<Scalar>& m, const provenance& source) {
  nlohmann::json doc = source.to_json();
  doc["alpha"] = scalar_traits<Scalar>::to_string(m.alpha);
  doc["variant"] = m.tau ? "softmax (M5)" : "hardmax (M4)";
  if (m.tau) doc["tau"] = scalar_traits<Scalar>::to_string(*m.tau);
  if (m.V) doc["V"] = to_json(*m.V);
  if (m.tie_tolerance) doc["tie_tolerance"] = scalar_traits<Scalar>::to_string(*m.tie_tolerance);
  nlohmann::json layers = nlohmann::json::array();
  for (std::size_t k = 0; k < t.layers.size(); ++k)
    layers.push_back({{"layer", k},
                      {"tokens", to_json(t.layers[k])},
                      {"attention", t.attention[k]},
                      {"leaders", leaders_at(t, k)}});
  doc["layers"] = std::move(layers);
  return doc;
}

// One row per (layer, token): layer, token, z_1..z_d, attention set (indices separated by spaces), leader.
template <class Scalar>
void write_trajectory_csv(std::ostream& out, const trajectory<Scalar>& t) {
  const index d = t.layers.front().cols();
  out << "layer,token";
  for (index c = 0; c < d; ++c) out << ",z" << c + 1;
  out << ",attention,leader\n";
  for (std::size_t k = 0; k < t.layers.size(); ++k) {
    const auto& Z = t.layers[k];
    const std::vector<index> L = leaders_at(t, k);
    for (index i = 0; i < Z.rows(); ++i) {
      out << k << ',' << i;
      for (index c = 0; c < d; ++c) out << ',' << scalar_traits<Scalar>::to_string(Z(i, c));
      out << ',';
      const auto& C = t.attention[k][static_cast<std::size_t>(i)];
      for (std::size_t a = 0; a < C.size(); ++a) out << (a ? " " : "") << C[a];
      out << ',' << (std::binary_search(L.begin(), L.end(), i) ? 1 : 0) << '\n';
    }
  }
}

}  // namespace hardmax
