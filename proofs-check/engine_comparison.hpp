// Every engine against the exact trajectory on one configuration (`hardmax compare`, the Python
// module's `compare`): where the attention pattern first differs, how many decisions differ, the
// deviation per layer, whether leaders, clusters and claim verdicts agree, and the report written
// from the results (CSV files, Markdown, HTML, the plots of scripts/plot-compare).
#pragma once

#include "io/provenance.hpp"
#include "numerics/engine.hpp"
#include "numerics/trajectory.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace hardmax {

// What one engine did on one configuration, measured against the exact trajectory.
struct engine_outcome {
  std::string engine;
  double wall_ms = 0;
  std::optional<index> first_divergent_layer;  // first layer whose attention pattern differs
  std::size_t decisions_differing = 0;         // (layer, token) pairs with a different C_i
  std::vector<double> deviation;               // per layer: max |z^ - z| over tokens and coordinates
  bool leaders_agree = true;
  bool clusters_agree = true;
  std::vector<std::string> claim_changes;      // "L3: holds -> precision finding"
};

struct config_outcome {
  std::string name, file;
  index depth = 0;
  trajectory<rational> exact;  // the reference, kept for the Figure-2 style panels
  std::vector<engine_outcome> engines;

  bool planar() const { return exact.layers.front().cols() == 2; }  // d = 2: panels are drawn
};

// Throws input_error (naming `file`) for the softmax variant, which has no exact reference.
void require_comparable(const problem& p, const std::string& file);

// Calls require_comparable first.
config_outcome compare_engines(const problem& p, const std::string& name, const std::string& file,
                               const std::vector<engine_spec>& engines, index depth);

// The results as rows (one per configuration and engine), the form the Python module returns.
nlohmann::json comparison_json(const std::vector<config_outcome>& results);

// Creates the report directory (and its parents); output_error if it cannot.
void create_report_dir(const std::string& dir);

// Writes deviation.csv, summary.csv, panels.csv, report.md and report.html into `dir` (each
// atomically); draws the plots first with `plot_script` (empty: none). Returns whether it plotted.
bool write_comparison_report(const std::vector<config_outcome>& results, const std::string& dir,
                             const provenance& source, const std::string& plot_script);

}  // namespace hardmax
