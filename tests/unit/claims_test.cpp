// The claim checks (L1-L6) and certificates on small inputs whose answers are known by hand.
#include "proofs-check/claims_report.hpp"
#include "proofs-check/convex_weights.hpp"
#include "proofs-check/limit_search.hpp"
#include "proofs-check/observe.hpp"
#include "support/figure2.hpp"
#include "theory/leader_existence.hpp"
#include "theory/leader_persistence.hpp"

#include <doctest/doctest.h>

namespace hardmax {

using testing::figure2;

namespace {
rational q(long p, long d = 1) { return rational(p, d); }
}  // namespace

TEST_CASE("g > 0 for 0 < s <= 1: every case of the exact test") {
  CHECK(positive_on_unit_interval({q(0), q(0), q(1)}) == positivity::positive);             // constant 1
  CHECK(positive_on_unit_interval({q(0), q(1), q(0)}) == positivity::positive_from_zero);   // g = s
  CHECK(positive_on_unit_interval({q(1), q(0), q(0)}) == positivity::positive_from_zero);   // g = s^2
  CHECK(positive_on_unit_interval({q(0), q(-1), q(0)}) == positivity::fails_at_one);        // g = -s
  CHECK(positive_on_unit_interval({q(2), q(-1), q(0)}) == positivity::fails_near_zero);     // s(2s - 1)
  CHECK(positive_on_unit_interval({q(0), q(0), q(0)}) == positivity::fails_at_one);         // g = 0
  CHECK(positive_on_unit_interval({q(0), q(2), q(-1)}) == positivity::fails_near_zero);     // g(0) < 0
  // (s - 1/2)^2 + 1/100: convex, vertex at 1/2 inside, minimum 1/100 > 0.
  CHECK(positive_on_unit_interval({q(1), q(-1), q(26, 100)}) == positivity::positive_at_vertex);
  // (s - 1/2)^2: touches 0 at the vertex.
  CHECK(positive_on_unit_interval({q(1), q(-1), q(1, 4)}) == positivity::fails_at_vertex);
  // (s - 2)^2 - 1/2: vertex outside (0, 1); g(1) = 1/2 > 0, g(0) > 0.
  CHECK(positive_on_unit_interval({q(1), q(-4), q(7, 2)}) == positivity::positive);
  // Concave with g(0) = 0, g(1) > 0: -s^2 + 2s.
  CHECK(positive_on_unit_interval({q(-1), q(2), q(0)}) == positivity::positive_from_zero);
}

TEST_CASE("L3 weights: row i of (I + alpha P) / (1 + alpha), self weight included") {
  // alpha = 1/2, C_4 = {0, 1}: self 2/3, each attended token (1/2)/(2 * 3/2) = 1/6.
  const convex_combination w = convex_weights(q(1, 2), {0, 1}, 4);
  REQUIRE(w.size() == 3);
  CHECK(w[0] == std::pair<index, rational>{0, q(1, 6)});
  CHECK(w[1] == std::pair<index, rational>{1, q(1, 6)});
  CHECK(w[2] == std::pair<index, rational>{4, q(2, 3)});
  // A token attending to itself and a copy: self 2/3 + 1/6.
  const convex_combination v = convex_weights(q(1, 2), {2, 3}, 2);
  CHECK(v == convex_combination{{2, q(5, 6)}, {3, q(1, 6)}});
}

TEST_CASE("L6 on configuration 1: (a) fails at layer 0, the certificate holds at K* = 1") {
  const problem p = figure2("figure2-1-emerging-leader");
  const limit_certificate at0 = certify_limit(model_of<rational>(p), p.Z0, 0);
  CHECK(!at0.holds());
  REQUIRE(at0.straight_line.failure);
  CHECK(at0.straight_line.failure->condition == "a");
  CHECK(at0.straight_line.failure->token == 1);     // token 1 attends to token 3 ...
  CHECK(at0.straight_line.failure->attended == 3);  // ... which is not a leader at layer 0
  REQUIRE(at0.general);
  CHECK(at0.failure().condition == "pattern");      // and the general certificate sees the pattern change
  CHECK(at0.failure().changes_at == 1);
  const limit_search s = find_limit(model_of<rational>(p), {p.Z0}, 200);
  REQUIRE(s.certified);
  CHECK(s.K() == 1);
  CHECK(s.limit()(1, 0) == q(-1, 18));
  CHECK(s.limit()(1, 1) == q(5, 36));
  CHECK(s.clusters.size() == 3);
  CHECK(!s.equilibrium_violation);
}

TEST_CASE("L6: a budget too small is reported with the condition that failed last") {
  const problem p = figure2("figure2-1-emerging-leader");
  const limit_search s = find_limit(model_of<rational>(p), {p.Z0}, 0);
  CHECK(!s.certified);
  CHECK(s.layers_tried == 1);
  CHECK(s.certificate.describe_failure().find("(a') token 1 attends to token 3") != std::string::npos);
}

TEST_CASE("L6 (b): ties persist when the target lies on the bisector, and g(0) = 0 cases are decided") {
  const problem p = figure2("figure2-4-non-leader-clusters");
  const limit_certificate c = certify_limit(model_of<rational>(p), p.Z0, 0);
  CHECK(c.holds());
  CHECK(c.kind == certificate_kind::straight_line);
  CHECK(c.straight_line.ties_checked == 2);  // tokens 4 and 5, each between two corners
  CHECK(c.straight_line.zero_at_zero > 0);
}

TEST_CASE("L6 (b) fails when the target leaves the bisector of a tie") {
  // Token 2 at (1/2, 0) ties between the leaders (1, 1) and (1, -1/2), whose A-norms differ: its
  // target (1, 1/4) prefers (1, 1), so the tie cannot persist: <t, z_c - z_c'> = 3/8.
  tokens<rational> Z(3, 2);
  Z << 1, 1, 1, q(-1, 2), q(1, 2), 0;
  const matrix<rational> I = matrix<rational>::Identity(2, 2);
  const straight_line_certificate c = certify_straight_line(I, Z, attention(I, Z));
  CHECK(!c.holds);
  REQUIRE(c.failure);
  CHECK(c.failure->condition == "b");
  CHECK(c.failure->token == 2);
  CHECK(c.failure->describe().find("<A t_i, z_c - z_c'> = 3/8") != std::string::npos);
}

TEST_CASE("L6 (a) fails when a token attends to a non-leader") {
  tokens<rational> Z(3, 2);
  Z << 1, 1, 1, q(-1, 2), 0, 0;  // the origin ties with everyone at score 0, itself included
  const matrix<rational> I = matrix<rational>::Identity(2, 2);
  const straight_line_certificate c = certify_straight_line(I, Z, attention(I, Z));
  CHECK(!c.holds);
  REQUIRE(c.failure);
  CHECK(c.failure->condition == "a");
}

TEST_CASE("L5 on configuration 4: the limit is certified, but it is not a clustered equilibrium (D4)") {
  const problem p = figure2("figure2-4-non-leader-clusters");
  const limit_search s = find_limit(model_of<rational>(p), {p.Z0}, 200);
  REQUIRE(s.certified);
  REQUIRE(s.equilibrium_violation);
  CHECK(s.equilibrium_violation->token == 4);
  CHECK(s.equilibrium_violation->attention == std::vector<index>{2, 3, 4, 8});
  CHECK(s.equilibrium_violation->mean(0) == -1);
  CHECK(s.equilibrium_violation->mean(1) == q(1, 4));
}

TEST_CASE("L1 rejects a reported leader that merely attends to itself among others") {
  tokens<rational> Z(3, 1);
  Z << -1, 0, 1;  // token 1 (the origin) attends to everyone, itself included
  const leader_existence r = check_leader_existence(matrix<rational>::Identity(1, 1), Z, {0, 1, 2});
  CHECK(!r.holds);
  CHECK(r.witness.find("differ from D1") != std::string::npos);
  CHECK(r.d1_leaders == std::vector<index>{0, 2});
}

TEST_CASE("L2 rejects a leader that moved") {
  tokens<rational> Z0(2, 1), Z1(2, 1);
  Z0 << 1, 2;
  Z1 << 1, q(5, 2);
  const leader_persistence r = check_leader_persistence({Z0, Z1}, {{1}, {1}});
  CHECK(!r.holds);
  CHECK(r.witness == "token 1, a leader at layer 0, moved at layer 1");
}

TEST_CASE("check_claims: every claim holds on configuration 1 with the exact engine") {
  const problem p = figure2("figure2-1-emerging-leader");
  const trajectory<rational> t = simulate(model_of<rational>(p), p.Z0, 30);
  for (const claim_row& row : check_claims(observe(p, t), 200)) {
    CAPTURE(row.claim);
    CAPTURE(row.witness);
    CHECK(row.outcome == verdict::holds);
  }
}

TEST_CASE("check_claims: a double trajectory is judged at the exact values it holds") {
  // alpha = 1/3 is not a double: leaders drift by rounding and L2/L3 fail in double, not exactly.
  problem p = figure2("figure2-1-emerging-leader");
  p.alpha = q(1, 3);
  const trajectory<double> t = simulate(model_of<double>(p), initial_tokens<double>(p), 10);
  const auto rows = check_claims(observe(p, t), 200);
  CHECK(rows[2].claim == "L3");
  CHECK(rows[2].outcome == verdict::fails);  // rounded points are not exact convex combinations
  const trajectory<rational> exact = simulate(model_of<rational>(p), p.Z0, 10);
  CHECK(check_claims(observe(p, exact), 200)[2].outcome == verdict::holds);
}

TEST_CASE("claims are not applicable to the softmax variant or a value matrix") {
  problem p = figure2("figure2-1-emerging-leader");
  p.tau = q(1, 100);
  const trajectory<double> t = simulate(model_of<double>(p), initial_tokens<double>(p), 3);
  for (const claim_row& row : check_claims(observe(p, t), 10)) CHECK(row.outcome == verdict::not_applicable);
}

}  // namespace hardmax
