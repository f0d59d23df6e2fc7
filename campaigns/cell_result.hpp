// What a sweep measures on one cell: for each random configuration, K* and the exact limit (L6), the
// leaders and clusters at K*, how often the certified engine had to decide exactly (escalations), and
// how fast the exact numbers grow (bits per layer); then means over the cell's cases.
#pragma once

#include "campaigns/grid.hpp"
#include "numerics/problem.hpp"

#include <nlohmann/json.hpp>

#include <functional>

namespace hardmax {

struct cell_result {
  sweep_cell cell;
  int cases = 0;
  int certified = 0;                // cases with a certificate within max_layers
  int general = 0;                  // ... of which by the general certificate (attended tokens moving)
  double mean_K = 0;                // over certified cases
  index max_K = 0;
  double mean_leaders = 0;          // |L(Z^{K*})|, certified cases
  double mean_clusters = 0;         // distinct limit points, certified cases
  double mean_escalations = 0;      // certified engine: attention sets decided exactly, per case
  double mean_bits_per_layer = 0;   // largest coordinate's bits at the last layer / layers
  double seconds = 0;               // wall time (not part of the deterministic summary)
  // Findings: the configurations with no certificate within max_layers, by case number (not in to_json:
  // the sweep writes each as a configuration file).
  std::vector<std::pair<int, problem>> uncertified;

  nlohmann::json to_json() const;
  static cell_result from_json(const nlohmann::json& j);
};

// `on_case` is called after every case (progress); it may throw to stop.
cell_result measure_cell(const sweep_cell& cell, int cases, index max_layers, const std::function<void()>& on_case = {});

}  // namespace hardmax
