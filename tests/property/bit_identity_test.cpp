// MPFR at 53 bits and double perform the same operations in the same order, each correctly rounded
// to 53 bits, so their trajectories are bit-identical (docs/ENGINES.md). Checked, not assumed.
#include "numerics/trajectory.hpp"
#include "properties/generators.hpp"
#include "support/rapidcheck_doctest.hpp"

#include <doctest/doctest.h>

namespace hardmax {

namespace {

bool same_bits(const mpfr_real& x, double y) { return mpfr_cmp_d(x.get(), y) == 0 && x.precision() == 53; }

}  // namespace

TEST_CASE("mpfr:53 and double trajectories are bit-identical (M4)") {
  testing::check_property("mpfr:53 == double, every coordinate of every layer", [](const problem& p) {
    const index depth = *p.layers;
    const trajectory<double> fp = simulate(model_of<double>(p), initial_tokens<double>(p), depth);
    const mpfr_precision_scope scope(53);
    const trajectory<mpfr_real> mp = simulate(model_of<mpfr_real>(p), initial_tokens<mpfr_real>(p), depth);
    RC_ASSERT(fp.attention == mp.attention);
    for (index k = 0; k <= depth; ++k)
      for (index i = 0; i < p.size(); ++i)
        for (index c = 0; c < p.dimension(); ++c)
          RC_ASSERT(same_bits(mp.layers[static_cast<std::size_t>(k)](i, c), fp.layers[static_cast<std::size_t>(k)](i, c)));
  });
}

TEST_CASE("mpfr:53 and double agree with a value matrix (M6) too") {
  testing::check_property("mpfr:53 == double with V", [](problem p) {
    p.V = *gen::rational_matrix(p.dimension(), p.dimension(), 1, 4);
    const trajectory<double> fp = simulate(model_of<double>(p), initial_tokens<double>(p), 8);
    const mpfr_precision_scope scope(53);
    const trajectory<mpfr_real> mp = simulate(model_of<mpfr_real>(p), initial_tokens<mpfr_real>(p), 8);
    RC_ASSERT(fp.attention == mp.attention);
    for (index i = 0; i < p.size(); ++i)
      for (index c = 0; c < p.dimension(); ++c) RC_ASSERT(same_bits(mp.layers.back()(i, c), fp.layers.back()(i, c)));
  });
}

}  // namespace hardmax
