// D1 leaders, including exact copies.
#include "numerics/attention.hpp"
#include "theory/clusters.hpp"
#include "theory/leaders.hpp"

#include <doctest/doctest.h>

namespace hardmax {

namespace {
model<rational> identity_model(index d) { return {matrix<rational>::Identity(d, d), rational(1), {}, {}, {}}; }
}  // namespace

TEST_CASE("D1: a token attending only to its exact copies is a leader") {
  matrix<rational> Z(4, 2);
  Z << 1, 0, 1, 0, 0, rational(1, 2), rational(3, 4), rational(1, 4);
  const auto C = attention(identity_model(2), Z);
  CHECK(C[0] == std::vector<index>{0, 1});
  CHECK(leaders(Z, C) == std::vector<index>{0, 1, 2});  // token 3 attends to 0 and 1 -> not a leader
  CHECK(C[3] == std::vector<index>{0, 1});
}

TEST_CASE("D1: a token tied between two distinct points is not a leader") {
  matrix<rational> Z(3, 2);
  Z << 1, 1, 1, -1, rational(1, 2), 0;
  const auto C = attention(identity_model(2), Z);
  CHECK(leaders(Z, C) == std::vector<index>{0, 1});
}

TEST_CASE("clusters group tokens by their exact target") {
  matrix<rational> Z(4, 2);
  Z << 1, 1, 1, -1, rational(1, 2), 0, rational(3, 4), 0;
  const auto C = attention(identity_model(2), Z);
  const auto T = targets(Z, C);
  const auto groups = clusters(T, leaders(Z, C));
  REQUIRE(groups.size() == 3);
  CHECK(groups[2].members == std::vector<index>{2, 3});  // both head for (1, 0)
  CHECK(T(2, 0) == 1);
  CHECK(T(2, 1) == 0);
  CHECK(!groups[2].holds_leader);
  CHECK(groups[0].holds_leader);
}

}  // namespace hardmax
