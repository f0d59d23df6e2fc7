// Each claim checker seen to fail (issue 19): a trajectory built by hand to violate one claim gets the
// verdict "fails" from that claim's row, with the witness that proves it. M4 itself never produces
// these, so they are the exact trajectory of configuration 1 with one thing changed; where M4's own
// structure ties two claims together (a leader that moves is also off the convex-weights map), the
// test says which other row fails with it.
#include "proofs-check/claims_report.hpp"
#include "proofs-check/convex_weights.hpp"
#include "proofs-check/limit_search.hpp"
#include "proofs-check/observe.hpp"
#include "support/figure2.hpp"

#include <doctest/doctest.h>

namespace hardmax {
namespace {

observed_trajectory configuration_1(index depth) {
  const problem p = testing::figure2("figure2-1-emerging-leader");
  return observe(p, simulate(model_of<rational>(p), p.Z0, depth));
}

const claim_row& row_of(const std::vector<claim_row>& rows, const std::string& claim) {
  return *std::find_if(rows.begin(), rows.end(), [&](const claim_row& r) { return r.claim == claim; });
}

std::vector<std::string> failing(const std::vector<claim_row>& rows) {
  std::vector<std::string> out;
  for (const claim_row& r : rows)
    if (r.outcome != verdict::holds) out.push_back(r.claim);
  return out;
}

}  // namespace

TEST_CASE("the unchanged trajectory: every claim holds") {
  CHECK(failing(check_claims(configuration_1(6), 200)).empty());
}

TEST_CASE("L1 fails on a reported leader that D1 does not make one, and only L1") {
  observed_trajectory t = configuration_1(6);
  t.leaders.back() = {0, 1, 2, 3};  // token 3 attends to token 0 at the last layer
  const auto rows = check_claims(t, 200);
  CHECK(failing(rows) == std::vector<std::string>{"L1"});
  CHECK(row_of(rows, "L1").outcome == verdict::fails);
  CHECK(row_of(rows, "L1").witness == "layer 6: reported leaders {0, 1, 2, 3} differ from D1's {0, 1, 2}");
}

TEST_CASE("L2 fails on a leader that moves (and L3 with it: M4 keeps leaders fixed)") {
  observed_trajectory t = configuration_1(6);
  t.layers[3](0, 1) += rational(1, 100);
  const auto rows = check_claims(t, 200);
  CHECK(row_of(rows, "L2").outcome == verdict::fails);
  CHECK(row_of(rows, "L2").witness == "token 0, a leader at layer 2, moved at layer 3");
  CHECK(row_of(rows, "L3").outcome == verdict::fails);
}

TEST_CASE("L2 fails on a leader that is lost (and L1, whose reported leaders then differ from D1's)") {
  observed_trajectory t = configuration_1(6);
  t.leaders[4] = {0, 2};  // token 1, a leader since layer 1, not reported at layer 4
  const auto rows = check_claims(t, 200);
  CHECK(row_of(rows, "L2").outcome == verdict::fails);
  CHECK(row_of(rows, "L2").witness == "token 1, a leader at layer 3, is no longer a leader at layer 4");
  CHECK(failing(rows) == std::vector<std::string>{"L1", "L2"});
}

TEST_CASE("L3 fails on a step that is not M4's convex combination") {
  observed_trajectory t = configuration_1(6);
  t.layers[3](5, 0) = t.layers[2](5, 0);  // token 5 stays put in x although it moves towards its target
  const auto rows = check_claims(t, 200);
  CHECK(row_of(rows, "L3").outcome == verdict::fails);
  CHECK(row_of(rows, "L3").witness == "layer 2 token 5: z_i^3 is not the convex combination of layer 2 given by M4");
}

TEST_CASE("L3's checker fails on negative or non-normalised weights") {
  // The weights of M4 are never negative; a hand-made alpha < 0 (outside M2) makes them so.
  observed_trajectory t = configuration_1(2);
  t.params.alpha = rational(-1, 3);
  const nested_hulls r = check_nested_hulls(t.params, t.layers);
  CHECK(!r.holds);
  CHECK(r.witness.find("negative weight") != std::string::npos);
}

TEST_CASE("L4 fails on an A-norm that decreases (and L3: M4 never does that)") {
  observed_trajectory t = configuration_1(6);
  t.layers[2].row(7) = t.layers[1].row(7) / 2;
  const auto rows = check_claims(t, 200);
  CHECK(row_of(rows, "L4").outcome == verdict::fails);
  CHECK(row_of(rows, "L4").witness.find("token 7: |z|_A^2 decreases from") != std::string::npos);
  CHECK(row_of(rows, "L3").outcome == verdict::fails);
}

TEST_CASE("L4 fails on the equality case: a token that does not move although its mean is elsewhere") {
  observed_trajectory t = configuration_1(6);
  t.layers[3].row(5) = t.layers[2].row(5);
  const auto rows = check_claims(t, 200);
  CHECK(row_of(rows, "L4").outcome == verdict::fails);
  CHECK(row_of(rows, "L4").witness == "token 5 at layer 2: equality case violated (norm unchanged, m_i != z_i)");
}

TEST_CASE("L4 fails on a token beyond the initial A-norm bound") {
  observed_trajectory t = configuration_1(6);
  t.layers[4].row(6) << rational(3, 2), 1;  // |z|_A^2 = 13/4 > max_j |z_j^0|_A^2 = 2, though not twice it
  const auto rows = check_claims(t, 200);
  CHECK(row_of(rows, "L4").outcome == verdict::fails);
  CHECK(row_of(rows, "L4").witness == "layer 4 token 6: |z|_A^2 = 13/4 exceeds max_j |z_j^0|_A^2 = 2");
}

TEST_CASE("L5's checker fails on a wrong limit and on weights that are not convex") {
  const problem p = testing::figure2("figure2-4-non-leader-clusters");
  const model<rational> m = model_of<rational>(p);
  const limit_search s = find_limit(m, {p.Z0}, 200);
  REQUIRE(s.certified);
  tokens<rational> wrong = s.limit();
  wrong(4, 1) = rational(1, 8);  // token 4's limit moved off (-1, 0)
  const limit_faces f = check_limit_faces(m.A, s.last_layer, *s.certificate.chain, *s.certificate.weights, wrong);
  CHECK(!f.holds());
  REQUIRE(f.witness);
  CHECK(*f.witness == "token 4: its weights sum to 1 and give (-1, 0), not its limit (-1, 1/8)");
  absorption negative = *s.certificate.weights;
  negative.weights(s.certificate.chain->classes.class_of[4], 0) = -1;
  const limit_faces g = check_limit_faces(m.A, s.last_layer, *s.certificate.chain, negative, s.limit());
  CHECK(!g.convex);
  CHECK(g.witness->find("token 4: negative weight -1 on leader 0") != std::string::npos);
  // Weights that give the right point but sum to 3/2: 1/4 more on each of the opposite corners 0 and 2.
  absorption heavy = *s.certificate.weights;
  const index a4 = s.certificate.chain->classes.class_of[4];
  heavy.weights(a4, 0) += rational(1, 4);
  heavy.weights(a4, 2) += rational(1, 4);
  const limit_faces h = check_limit_faces(m.A, s.last_layer, *s.certificate.chain, heavy, s.limit());
  CHECK(!h.convex);
  CHECK(*h.witness == "token 4: its weights sum to 3/2 and give (-1, 0), not its limit (-1, 0)");
}

TEST_CASE("L5's checker says undecided when a support leaves the face exposed by A z*_i") {
  const problem p = testing::figure2("figure2-4-non-leader-clusters");
  const model<rational> m = model_of<rational>(p);
  const limit_search s = find_limit(m, {p.Z0}, 200);
  REQUIRE(s.certified);
  absorption moved = *s.certificate.weights;
  const index a4 = s.certificate.chain->classes.class_of[4];
  std::swap(moved.weights(a4, 0), moved.weights(a4, 3));  // half of token 4 on corner 0 = (1, 1), off the edge x = -1
  const limit_faces f = check_limit_faces(m.A, s.last_layer, *s.certificate.chain, moved, s.limit());
  REQUIRE(f.off_face);
  CHECK(f.off_face->find("puts weight 1/2 on leader 0, which is not on the face {2, 3}") != std::string::npos);
  CHECK(!f.holds());
}

TEST_CASE("L6 is not certified when the given layers end before any certificate, with the failing condition") {
  observed_trajectory t = configuration_1(0);
  t.extendable = false;  // a floating run's layers: the search may not step past them
  const auto rows = check_claims(t, 200);
  CHECK(row_of(rows, "L6").outcome == verdict::not_certified);
  CHECK(row_of(rows, "L6").witness.find("(a') token 1 attends to token 3") != std::string::npos);
  CHECK(row_of(rows, "L5").outcome == verdict::not_certified);
  CHECK(row_of(rows, "L5").summary.find("undecided, because") == 0);
}

TEST_CASE("L6 straight-line certificate fails on a quadratic that dips below zero between s = 0 and s = 1") {
  // g(s) = (s - 1/2)^2 - 1/100 as the exact test sees it: convex, vertex inside, minimum below zero.
  CHECK(positive_on_unit_interval({1, -1, rational(24, 100)}) == positivity::fails_at_vertex);
  CHECK(!is_positive(positivity::fails_at_vertex));
}

}  // namespace hardmax
