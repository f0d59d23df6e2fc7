// What a simulation request means before it runs: the engine, the depth, the attention path (the
// planar convex hull or all pairs of scores), the tie tolerance and the growth ceilings, validated
// once for every front end (the `simulate` command and the Python module).
#pragma once

#include "io/trajectory_output.hpp"
#include "numerics/engine.hpp"
#include "numerics/growth_guard.hpp"
#include "numerics/hull_attention.hpp"
#include "numerics/problem.hpp"
#include "numerics/trajectory.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace hardmax {

struct simulation_request {
  engine_spec engine;
  index depth = 0;                        // already checked against the run limits
  std::string attention = "auto";         // auto | hull | pairs
  std::optional<rational> tie_tolerance;  // floating engines only
  growth_limits growth;                   // the exact engine's ceilings (bits, bytes)
  std::size_t max_memory_mb = 4096;       // a floating trajectory's estimated size (0: no limit)
};

struct simulation_plan {
  simulation_request request;
  bool hull = false;  // attention by the planar convex hull, decided exactly on the stored coordinates

  std::string attention_path() const { return hull ? "convex hull" : "all pairs"; }
};

// Throws input_error (naming `source`), engine_error or run_limit_error, as the command line reports them.
simulation_plan plan_simulation(const problem& p, const std::string& source, simulation_request request);

// The trajectory the plan asks for; `stats` receives the certified engine's record.
template <class Scalar>
trajectory<Scalar> run_plan(const simulation_plan& plan, const problem& p, const std::function<void(index)>& progress = {},
                            certification_stats* stats = nullptr) {
  layer_guard<Scalar> guard;
  if constexpr (scalar_traits<Scalar>::is_exact) guard = exact_growth_guard(plan.request.growth, std::make_shared<std::size_t>(0));
  attention_rule<Scalar> rule;
  if constexpr (std::is_same_v<Scalar, double> || std::is_same_v<Scalar, rational>)
    if (plan.hull) rule = [](const model<Scalar>& m, const tokens<Scalar>& Z) { return hull_attention(m.A, Z); };
  return run_engine<Scalar>(plan.request.engine, p, plan.request.depth, plan.request.tie_tolerance, progress, stats, guard,
                            rule);
}

// The certified engine's record, as trajectory files carry it (docs/FORMAT.md).
nlohmann::json certification_json(const certification_stats& s);

// The trajectory file of a planned run: the trajectory, the attention path taken and, for the
// certified engine, its record.
template <class Scalar>
nlohmann::json simulation_json(const trajectory<Scalar>& t, const model<Scalar>& m, const simulation_plan& plan,
                               const provenance& source, const certification_stats* stats) {
  nlohmann::json doc = trajectory_json(t, m, source);
  doc["attention_path"] = plan.attention_path();
  if (stats) doc["certification"] = certification_json(*stats);
  return doc;
}

}  // namespace hardmax
