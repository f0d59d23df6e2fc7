// The paper's Figure-2 configurations (THEORY.md, "Reference configurations"), run exactly.
#include "numerics/trajectory.hpp"
#include "support/figure2.hpp"
#include "theory/clusters.hpp"
#include "theory/leaders.hpp"

#include <doctest/doctest.h>

namespace hardmax {
using testing::figure2;

namespace {

trajectory<rational> run_exact(const problem& p) {
  return simulate(model_of<rational>(p), initial_tokens<rational>(p), *p.layers);
}

std::vector<std::vector<rational>> cluster_points(const trajectory<rational>& t) {
  const auto T = targets(t.layers.back(), t.attention.back());
  std::vector<std::vector<rational>> points;
  for (const auto& c : clusters(T, leaders(t.layers.back(), t.attention.back())))
    points.push_back({T(c.representative, 0), T(c.representative, 1)});
  return points;
}

}  // namespace

TEST_CASE("configuration 1: token 2 (1-based) becomes a leader at layer 1, clusters as THEORY.md states") {
  const problem p = figure2("figure2-1-emerging-leader");
  CHECK(p.alpha == rational(1, 2));
  CHECK(*p.layers == 30);
  const auto t = run_exact(p);
  CHECK(leaders(t.layers[0], t.attention[0]) == std::vector<index>{0, 2});
  for (index k = 1; k <= 30; ++k) CHECK(leaders(t.layers[k], t.attention[k]) == std::vector<index>{0, 1, 2});
  // The new leader's position is its layer-1 point: (-1/12, 1/12) moved half-way (weight 1/2) towards (0, 1/4).
  CHECK(t.layers[1](1, 0) == rational(-1, 18));
  CHECK(t.layers[1](1, 1) == rational(5, 36));
  CHECK(cluster_points(t) == std::vector<std::vector<rational>>{
                                 {rational(1), rational(1, 3)}, {rational(-1, 18), rational(5, 36)}, {rational(-1), rational(-1)}});
}

TEST_CASE("configuration 4: the two axis tokens tie between two corners at every layer and head for (+-1, 0)") {
  const problem p = figure2("figure2-4-non-leader-clusters");
  const auto t = run_exact(p);
  for (const auto& C : t.attention) {
    CHECK(C[4] == std::vector<index>{2, 3});  // (-1/2, 0) ties between (-1, -1) and (-1, 1)
    CHECK(C[5] == std::vector<index>{0, 1});  // (1/2, 0) ties between (1, 1) and (1, -1)
  }
  const auto T = targets(t.layers.back(), t.attention.back());
  CHECK(T(4, 0) == -1);
  CHECK(T(4, 1) == 0);
  CHECK(T(5, 0) == 1);
  CHECK(T(5, 1) == 0);
  // They approach (1, 0) at the rate (1 + alpha)^-k of L6: z_5^k - (1, 0) = (2/3)^k (z_5^0 - (1, 0)).
  const rational two_thirds_to_30(boost::multiprecision::pow(boost::multiprecision::mpz_int(2), 30),
                                  boost::multiprecision::pow(boost::multiprecision::mpz_int(3), 30));
  CHECK(t.layers[30](5, 0) - 1 == two_thirds_to_30 * rational(-1, 2));
  const auto L = leaders(t.layers.back(), t.attention.back());
  CHECK(std::find(L.begin(), L.end(), 4) == L.end());
}

TEST_CASE("configurations 2 and 3: every token ends at a leader (the polygon's vertices)") {
  for (const char* name : {"figure2-2-triangle", "figure2-3-square"}) {
    CAPTURE(name);
    const auto t = run_exact(figure2(name));
    const auto L = leaders(t.layers.back(), t.attention.back());
    for (const auto& c : clusters(targets(t.layers.back(), t.attention.back()), L)) CHECK(c.holds_leader);
  }
}

}  // namespace hardmax
