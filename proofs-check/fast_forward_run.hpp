// `hardmax simulate --layers N` beyond what iterating affords (issue "depth for free after K*"):
// the exact L6 search finds K* within a budget, the engine iterates layers 0..K*, and every later
// layer asked for comes from the certificate's closed form (fast_forward.hpp). Only the layers
// asked for are kept, so a run of 10^9 layers never holds 10^9 layers.
#pragma once

#include "io/provenance.hpp"
#include "io/simulation_plan.hpp"
#include "proofs-check/limit_search_limits.hpp"
#include "proofs-check/limit_search.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace hardmax {

struct layer_sample {
  index layer = 0;
  nlohmann::json tokens;           // rows of number strings, as trajectory files write them
  attention_pattern attention;     // C_i(Z^k); from K* on, the certified pattern
  std::vector<index> leaders;      // L(Z^k) (D1); from K* on, those of Z^{K*} (L2, no merging)
  bool closed_form = false;        // from the certificate's closed form rather than iterated
};

struct fast_forward_run {
  limit_search search;
  std::vector<layer_sample> layers;
  std::optional<double> rounding_bound;  // floating engines: max over the closed-form layers
};

// The layers to keep: `at` if given, else 0, every, 2 every, ... and the last; with neither, 0..K*
// (found later) and the last, which the caller passes as every = 0.
std::vector<index> selected_layers(index depth, index every, const std::vector<index>& at);

// Throws run_limit_error when no certificate holds within `budget` layers (nothing else can reach
// layer N), growth_limit_error from an exact layer too large for the guards (the exact engine, or a
// floating engine's general certificate before its tail falls below one rounding).
fast_forward_run run_fast_forward(const simulation_plan& plan, const problem& p, const std::string& source,
                                  std::vector<index> selected, bool through_k_star, index budget,
                                  const limit_search_limits& limits);

// The trajectory file of a fast-forward run: the fields of a trajectory file (docs/FORMAT.md) with
// only the selected layers, and "fast_forward": K*, the certificate, the exact limit, the bound.
nlohmann::json fast_forward_json(const fast_forward_run& run, const simulation_plan& plan, const problem& p,
                                 const provenance& source);

// One row per (kept layer, token): layer, token, z_1..z_d, attention set, leader, as trajectory CSVs.
void write_fast_forward_csv(std::ostream& out, const fast_forward_run& run);

}  // namespace hardmax
