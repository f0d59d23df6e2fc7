// The certified engine reports the exact engine's attention pattern and leaders at every layer, and
// its positions stay within its error bound of the exact ones (docs/PRECISION.md).
#include "numerics/certified_engine.hpp"
#include "properties/generators.hpp"
#include "support/rapidcheck_doctest.hpp"
#include "theory/leaders.hpp"

#include <doctest/doctest.h>

namespace hardmax {
namespace {

void certified_equals_exact(const problem& p) {
  const index depth = std::min<index>(*p.layers, 30);
  const certified_run run = simulate_certified(p, depth);
  const trajectory<rational> exact = simulate(model_of<rational>(p), p.Z0, depth);
  for (std::size_t k = 0; k < exact.layers.size(); ++k) {
    RC_ASSERT(run.path.attention[k] == exact.attention[k]);
    RC_ASSERT(leaders_at(run.path, k) == leaders(exact.layers[k], exact.attention[k]));
    const rational bound = exact_value(run.stats.error_bound[k]);
    for (index i = 0; i < p.size(); ++i)
      for (index c = 0; c < p.dimension(); ++c)
        RC_ASSERT(abs(exact_value(run.path.layers[k](i, c)) - exact.layers[k](i, c)) <= bound);
  }
  RC_ASSERT(run.stats.certified + run.stats.decided_exactly == static_cast<std::size_t>((depth + 1) * p.size()));
}

}  // namespace

TEST_CASE("certified engine: the exact pattern and leaders at every layer, positions within the bound") {
  testing::check_property("certified == exact (patterns, leaders), |double - exact| <= bound", certified_equals_exact);
}

TEST_CASE("certified engine: near-ties that double decides wrongly are decided exactly") {
  testing::check_property("near_tie: certified == exact", [] {
    problem p = *gen::problem_from(gen::near_tie(), false, 20);
    certified_equals_exact(p);
  });
}

TEST_CASE("certified engine: decides exactly only when needed") {
  problem p;
  p.A = matrix<rational>::Identity(2, 2);
  p.alpha = rational(1, 2);
  p.Z0 = tokens<rational>(3, 2);
  p.Z0 << 1, 0, rational(-1), rational(1, 2), rational(1, 10), rational(1, 10);  // no ties, clear gaps
  const certified_run clear = simulate_certified(p, 10);
  CHECK(clear.stats.decided_exactly == 0);
  CHECK(clear.stats.certified == 33);
  // Duplicates are certified through their copy class, not an exact tie test.
  p.Z0 << 1, 0, 1, 0, rational(1, 10), rational(1, 10);
  CHECK(simulate_certified(p, 10).stats.decided_exactly == 0);
  // A genuine tie between distinct points is never certified by a bound.
  p.Z0 << 1, 1, 1, -1, rational(1, 2), 0;
  const certified_run tie = simulate_certified(p, 3);
  CHECK(tie.stats.decided_exactly == 4);  // token 2, at each of layers 0..3
  CHECK(tie.stats.exact_layers == std::vector<index>{0, 1, 2, 3});
}

}  // namespace hardmax
