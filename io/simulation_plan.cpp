#include "io/simulation_plan.hpp"

#include "io/config_file.hpp"
#include "io/run_limits.hpp"

#include <fmt/format.h>

namespace hardmax {
namespace {

// The planar hull path decides attention exactly on the stored coordinates: the exact engine's own
// semantics, and for double the exact attention of the doubles it holds (O(n log n) instead of O(n^2)
// per layer), so `auto` takes it for both in the plane. `pairs` keeps double's all-pairs rule on
// rounded scores, bit-identical to mpfr:53 (docs/ENGINES.md).
bool hull_path(const simulation_request& r, const problem& p) {
  if (r.attention != "auto" && r.attention != "hull" && r.attention != "pairs")
    throw engine_error(fmt::format("attention '{}': expected auto, hull or pairs", r.attention));
  const bool possible = p.dimension() == 2 && !p.tau && !r.tie_tolerance &&
                        (r.engine.is_exact() || r.engine.type == engine_spec::kind::float64);
  if (r.attention == "hull" && !possible)
    throw engine_error("--attention hull needs d = 2, hardmax M4 without a tie tolerance, and the exact or double engine");
  return r.attention == "hull" || (r.attention == "auto" && possible);
}

// A floating trajectory's size is known before the run: refuse one that cannot fit.
void require_floating_memory(const problem& p, const std::string& source, const simulation_request& r) {
  const double bytes_per_number = r.engine.type == engine_spec::kind::mpfr ? 32.0 + static_cast<double>(r.engine.bits) / 8.0 : 8.0;
  const double mb = (static_cast<double>(r.depth) + 1) * static_cast<double>(p.size()) *
                    static_cast<double>(p.dimension()) * bytes_per_number / 1e6;
  if (r.max_memory_mb && mb > static_cast<double>(r.max_memory_mb))
    throw run_limit_error(fmt::format("{}: {} layers of {} x {} tokens need about {:.0f} MB in {}, more than --max-memory {}",
                                      source, r.depth + 1, p.size(), p.dimension(), mb, r.engine.name(), r.max_memory_mb));
}

}  // namespace

nlohmann::json certification_json(const certification_stats& s) {
  return {{"certified_in_double", s.certified},
          {"decided_exactly", s.decided_exactly},
          {"exact_layers", s.exact_layers},
          {"error_bound", s.error_bound}};
}

simulation_plan plan_simulation(const problem& p, const std::string& source, simulation_request request) {
  if (request.tie_tolerance) {
    if (request.engine.is_exact() || request.engine.type == engine_spec::kind::certified)
      throw engine_error(fmt::format("--tie-tolerance applies to the double and mpfr engines only; the {} engine decides "
                                     "ties exactly", request.engine.name()));
    if (*request.tie_tolerance < 0) throw engine_error("--tie-tolerance must be >= 0");
  }
  if (request.engine.is_exact() && p.tau)
    throw input_error(source, "tau", "the softmax variant (M5) needs exp, which the exact engine cannot compute; "
                                     "use --engine double or mpfr:BITS");
  if (!request.engine.is_exact()) require_floating_memory(p, source, request);
  const bool hull = hull_path(request, p);
  return {std::move(request), hull};
}

}  // namespace hardmax
