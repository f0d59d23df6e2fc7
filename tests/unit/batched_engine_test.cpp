// The batched double engine: the exact engine's attention decisions on inputs with clear gaps,
// leaders frozen (L2), and results independent of the number of threads.
#include "io/config_file.hpp"
#include "numerics/batched_engine.hpp"
#include "numerics/trajectory.hpp"
#include "support/figure2.hpp"

#include <doctest/doctest.h>

namespace hardmax {

using testing::figure2;

TEST_CASE("batched engine: Figure-2 trajectories within rounding of the exact ones") {
  for (const char* name : {"figure2-1-emerging-leader", "figure2-2-triangle", "figure2-3-square",
                           "figure2-4-non-leader-clusters"}) {
    CAPTURE(name);
    const problem p = figure2(name);
    std::vector<tokens<double>> batch{initial_tokens<double>(p)};
    simulate_batch(model_of<double>(p), batch, 30, 1);
    const trajectory<rational> exact = simulate(model_of<rational>(p), p.Z0, 30);
    for (index i = 0; i < p.size(); ++i)
      for (index c = 0; c < 2; ++c) CHECK(std::abs(batch[0](i, c) - nearest_double(exact.layers.back()(i, c))) < 1e-14);
  }
}

TEST_CASE("batched engine: leaders are frozen and their rows skipped (L2)") {
  const problem p = figure2("figure2-1-emerging-leader");
  const tokens<double> Z0 = initial_tokens<double>(p);
  std::vector<tokens<double>> batch{Z0};
  const batch_report r = simulate_batch(model_of<double>(p), batch, 10, 1);
  CHECK(batch[0].row(0) == Z0.row(0));  // leaders at layer 0 never move
  CHECK(batch[0].row(2) == Z0.row(2));
  // 10 layers: layer 0 computes all 8 rows and finds leaders 0 and 2; layer 1 computes 6 and finds
  // token 1; layers 2..9 compute 5 each.
  CHECK(r.rows_computed == 8 + 6 + 8 * 5);
  CHECK(r.rows_skipped == 0 + 2 + 8 * 3);
}

TEST_CASE("batched engine: the same results on 1 and 2 threads, configurations of different sizes") {
  std::vector<tokens<double>> one, two;
  for (const char* name : {"figure2-1-emerging-leader", "figure2-2-triangle", "figure2-3-square",
                           "figure2-4-non-leader-clusters", "near-tie-1"}) {
    one.push_back(initial_tokens<double>(figure2(name)));
    two.push_back(one.back());
  }
  const model<double> m{matrix<double>::Identity(2, 2), 0.5, {}, {}, {}};
  simulate_batch(m, one, 20, 1);
  simulate_batch(m, two, 20, 2);
  for (std::size_t c = 0; c < one.size(); ++c) CHECK(one[c] == two[c]);
}

TEST_CASE("batched engine: M4 only") {
  model<double> m{matrix<double>::Identity(1, 1), 0.5, 0.1, {}, {}};
  std::vector<tokens<double>> batch{tokens<double>::Zero(2, 1)};
  CHECK_THROWS_AS(simulate_batch(m, batch, 1), std::invalid_argument);
}

}  // namespace hardmax
