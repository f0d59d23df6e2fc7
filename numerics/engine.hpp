// The engines by name: "exact" (GMP rationals), "double", "mpfr:BITS" (MPFR, BITS-bit mantissa) and
// "certified" (double with a proved error bound, deciding exactly what double cannot prove).
// One generic implementation serves all; `with_engine` picks the number type at run time and
// `run_engine` the trajectory.
#pragma once

#include "numerics/certified_engine.hpp"
#include "numerics/mpfr_real.hpp"
#include "numerics/rational.hpp"

#include <stdexcept>
#include <string>

namespace hardmax {

struct engine_spec {
  enum class kind { exact, float64, mpfr, certified } type = kind::exact;
  long bits = 0;  // mpfr only

  std::string name() const;
  bool is_exact() const { return type == kind::exact; }
};

struct engine_error : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// Smallest and largest mpfr precision accepted on the command line. MPFR allows more, but a
// mantissa of more than a million bits is a typo, not an experiment.
inline constexpr long min_mpfr_bits = 2;
inline constexpr long max_mpfr_bits = 1 << 20;

// Throws engine_error naming the accepted forms.
engine_spec parse_engine(const std::string& text);

// Calls f.template operator()<Scalar>() with the engine's number type; for MPFR inside a
// precision scope of the engine's bits.
template <class F>
decltype(auto) with_engine(const engine_spec& e, F&& f) {
  switch (e.type) {
    case engine_spec::kind::exact:
      return f.template operator()<rational>();
    case engine_spec::kind::float64:
    case engine_spec::kind::certified:
      return f.template operator()<double>();
    case engine_spec::kind::mpfr:
      break;
  }
  const mpfr_precision_scope scope(e.bits);
  return f.template operator()<mpfr_real>();
}

// The trajectory of `depth` layers with the engine's number type; for the certified engine (Scalar =
// double) its certification record goes to `stats` when given.
template <class Scalar>
trajectory<Scalar> run_engine(const engine_spec& e, const problem& p, index depth,
                              const std::optional<rational>& tie_tolerance = std::nullopt,
                              const std::function<void(index)>& progress = {}, certification_stats* stats = nullptr,
                              const layer_guard<Scalar>& guard = {}, const attention_rule<Scalar>& rule = {}) {
  if constexpr (std::is_same_v<Scalar, double>) {
    if (e.type == engine_spec::kind::certified) {
      if (tie_tolerance) throw engine_error("the certified engine decides ties exactly; it takes no tie tolerance");
      certified_run run = simulate_certified(p, depth, progress);
      if (stats) *stats = std::move(run.stats);
      return std::move(run.path);
    }
  }
  return simulate(model_of<Scalar>(p, tie_tolerance), initial_tokens<Scalar>(p), depth, progress, guard, rule);
}

}  // namespace hardmax
