// The L6 certificates (straight-line and general), the exact limit as absorption, and L5 as restated,
// on inputs whose answers are known by hand (THEORY.md L5, L6).
#include "numerics/exact_solve.hpp"
#include "numerics/growth_guard.hpp"
#include "numerics/rational_span.hpp"
#include "proofs-check/leading_term.hpp"
#include "proofs-check/limit_search.hpp"
#include "support/figure2.hpp"

#include <doctest/doctest.h>

namespace hardmax {
namespace {

rational q(long p, long d = 1) { return rational(p, d); }

problem configuration(const matrix<rational>& A, const rational& alpha, const std::vector<std::vector<rational>>& rows) {
  problem p;
  p.A = A;
  p.alpha = alpha;
  p.Z0 = tokens<rational>(static_cast<index>(rows.size()), static_cast<index>(rows.front().size()));
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t c = 0; c < rows[r].size(); ++c) p.Z0(static_cast<index>(r), static_cast<index>(c)) = rows[r][c];
  return p;
}

// THEORY.md L6's first example: token 0 attends to all five tokens for ever; -1 and 1 slide to -2, 2.
problem symmetric_centre() {
  matrix<rational> A(1, 1);
  A << q(1, 8);
  return configuration(A, 1, {{0}, {-1}, {1}, {-2}, {2}});
}

// THEORY.md L6's plane example: the axis token (1, 0) attends to the whole edge x = 2, whose
// non-corner tokens (2, 1) and (2, -1) slide to the corners.
problem edge_sliders() {
  return configuration(matrix<rational>::Identity(2, 2), q(1, 2), {{2, 2}, {2, -2}, {-2, -2}, {-2, 2}, {2, 1}, {2, -1}, {1, 0}});
}

}  // namespace

TEST_CASE("solve_exact: a rational system, and a singular one refused") {
  matrix<rational> M(2, 2), B(2, 1);
  M << 0, 2, 3, 1;  // the first column's pivot is in row 1
  B << 4, 5;
  const auto X = solve_exact(M, B);
  REQUIRE(X);
  CHECK((*X)(0, 0) == 1);
  CHECK((*X)(1, 0) == 2);
  M << 1, 2, 2, 4;
  CHECK(!solve_exact(M, B));
}

TEST_CASE("rational_span: the dimension of a span, decided exactly") {
  rational_span s;
  CHECK(s.add({q(1), q(2), q(3)}));
  CHECK(s.add({q(0), q(1, 3), q(1)}));
  CHECK(!s.add({q(2), q(5), q(9)}));  // 2 (1, 2, 3) + 3 (0, 1/3, 1)
  CHECK(!s.add({q(0), q(0), q(0)}));
  CHECK(s.add({q(0), q(0), q(1, 7)}));
  CHECK(s.dimension() == 3);
}

TEST_CASE("leading term: basis, exact fit, sign and the layer from which it dominates") {
  // Two classes with eigenvalues 1/2 and 1/3: constant, (1/2)^m, (1/3)^m and the products 1/4, 1/6, 1/9.
  const exponential_polynomial basis = score_basis({q(1, 2), q(1, 3)});
  CHECK(basis.size() == 6);
  // f(m) = (1/2)^m - 3 (1/3)^m + (1/9)^m: the leading term 1 (1/2)^m, negative at m = 0, 1.
  std::vector<rational> samples;
  exponential_polynomial truth = {{q(1, 2), 0, 1}, {q(1, 3), 0, -3}, {q(1, 9), 0, 1}};
  for (index m = 0; m < 6; ++m) samples.push_back(evaluate(truth, m));
  const exponential_polynomial f = fit(basis, samples);
  for (index m = 0; m < 12; ++m) CHECK(evaluate(f, m) == evaluate(truth, m));
  const auto lead = leading(f);
  REQUIRE(lead);
  CHECK(lead->nu == q(1, 2));
  CHECK(lead->coefficient == 1);
  const auto from = dominance_threshold(f, *lead, 1000);
  REQUIRE(from);
  for (index m = *from; m < *from + 40; ++m) CHECK(evaluate(f, m) > 0);
  CHECK(evaluate(f, *from - 1) <= 2 * evaluate({*lead}, *from - 1));  // close to where it starts to dominate
  // A repeated eigenvalue brings m (1/2)^m: multiplicity 2 gives powers up to 1, products up to 2.
  const exponential_polynomial repeated = score_basis({q(1, 2), q(1, 2)});
  CHECK(repeated.size() == 1 + 2 + 3);
}

TEST_CASE("the tail bound is attained when the deviations line up, so none of its terms can be dropped") {
  // d = 1, A = 1: z*_i = 1, z*_c = 2, z*_j = 1 (f(inf) = 1), deviations +1/10, +1/10, -1/10.
  const rational f_inf = 1, f = rational(11, 10) * (rational(21, 10) - rational(9, 10));
  const rational bound = preference_tail_bound(1, 1, 1, q(1, 10), q(1, 10), q(1, 10));
  CHECK(f - f_inf == bound);
  CHECK(bound == q(8, 25));
}

TEST_CASE("a chain i -> j -> k -> leader: reach sets are transitive and E's contracting power is 3") {
  // A = I: i = (1, -1/2) attends to j = (2, 9/10), which attends to k = (3, 4), which attends to the
  // leader (0, 10); the A-norm rises along every edge.
  const problem p = configuration(matrix<rational>::Identity(2, 2), q(1, 2),
                                  {{1, q(-1, 2)}, {2, q(9, 10)}, {3, 4}, {0, 10}});
  const attention_pattern C = attention(p.A, p.Z0);
  REQUIRE(C == attention_pattern{{1}, {2}, {3}, {3}});
  const pattern_chain chain = chain_of(p.alpha, p.Z0, C);
  CHECK(chain.reach[0].count() == 3);  // i reaches j and k (transient), itself included
  CHECK(chain.reach[0].test(2));
  const auto [power, rho] = contracting_power(chain);
  CHECK(power == 3);  // no token is absorbed in fewer than three steps from i
  CHECK(rho < 1);
  CHECK(rho == 1 - q(1, 27));  // i's row: absorbed within 3 steps only along i -> j -> k -> L, (1/3)^3
}

TEST_CASE("a positive leading term is not enough: the closed form must stay positive until it dominates") {
  // f(m) = (1/2)^m - 6 (1/3)^m + 6 (1/4)^m: f(0) = 1, leading term (1/2)^m, but f(1) = 0 and f(2) < 0.
  const exponential_polynomial f = {{q(1, 4), 0, 6}, {q(1, 3), 0, -6}, {q(1, 2), 0, 1}};
  const auto lead = leading(f);
  REQUIRE(lead);
  const leading_term_decision d = decide_leading_term(f, *lead, 0, 1000);
  REQUIRE(d.dominant_from);
  CHECK(d.not_positive_at == 1);
  const leading_term_decision later = decide_leading_term(f, *lead, 3, 1000);  // from layer 4 on it is positive
  CHECK(!later.not_positive_at);
}

// In d = 3, (a') and (b) do not imply (c) (in the plane they do: docs/THEOREMS.md). Token 3 attends
// to the leaders 0 and 1 with a tie that persists; its target t = (1, 0, 0) prefers leader 2 to
// them, so on its straight line it overtakes them: g(s) = -1/5 + 3s/10 < 0 for s < 2/3.
TEST_CASE("L6 straight-line: (c) fails in 3-space while (a') and (b) hold, and the pattern does change") {
  const problem p = configuration(matrix<rational>::Identity(3, 3), 1,
                                  {{1, 1, 0}, {1, -1, 0}, {q(6, 5), 0, -1}, {q(1, 2), 0, q(1, 5)}});
  const model<rational> m = model_of<rational>(p);
  const attention_pattern C0 = attention(m.A, p.Z0);
  CHECK(C0[3] == std::vector<index>{0, 1});
  const straight_line_certificate c = certify_straight_line(m.A, p.Z0, C0);
  REQUIRE(c.failure);
  CHECK(c.failure->condition == "c");
  CHECK(c.failure->token == 3);
  CHECK(c.failure->other == index{2});
  CHECK(c.ties_checked == 1);  // (b) held
  const tokens<rational> Z1 = step(m, p.Z0).next;
  CHECK(attention(m.A, Z1)[3] == std::vector<index>{2});
  const limit_search s = find_limit(m, {p.Z0}, 200);
  REQUIRE(s.certified);
  CHECK(s.K() == 1);
}

TEST_CASE("L6 general certificate: the symmetric centre of THEORY.md, exactly") {
  const problem p = symmetric_centre();
  const limit_search s = find_limit(model_of<rational>(p), {p.Z0}, 200);
  REQUIRE(s.certified);
  CHECK(s.K() == 0);
  REQUIRE(s.certificate.kind == certificate_kind::general);
  const general_certificate& g = *s.certificate.general;
  CHECK(!s.certificate.straight_line.holds);
  CHECK(s.certificate.straight_line.failure->condition == "a");  // (a') fails: token 0 attends to moving tokens
  CHECK(g.ties == 4);                        // token 0 among its five attended classes
  CHECK(g.preferences == 8);                 // tokens -1 and 1, each against four classes
  CHECK(g.preferences_by_leading_term == 2); // each prefers its corner to itself: f(inf) = 0
  CHECK(g.preferences_by_tail == 6);
  CHECK(g.tail.contracting_power == 1);
  CHECK(g.tail.contraction == q(4, 5));      // T_OO row of token 0: 3/5 on itself, 1/10 on each of -1 and 1
  tokens<rational> limit(5, 1);
  limit << 0, -2, 2, -2, 2;
  CHECK(s.limit() == limit);
  // T^inf: token 0 is absorbed half in each leader.
  const limit_point& centre = s.faces->points[0];
  CHECK(centre.weights == std::vector<std::pair<index, rational>>{{3, q(1, 2)}, {4, q(1, 2)}});
  CHECK(centre.whole_polytope);
  CHECK(s.faces->holds());
  CHECK(!s.equilibrium_violation);
  // The certified layers are M4's: 40 more layers keep the pattern and approach the limit.
  tokens<rational> Z = p.Z0;
  for (int k = 0; k < 40; ++k) {
    const layer_result<rational> r = step(model_of<rational>(p), Z);
    CHECK(r.attention == s.certificate.pattern);
    Z = r.next;
  }
  CHECK(Z(0, 0) == 0);
}

TEST_CASE("L6 general certificate: a token on the x-axis attends to a whole edge whose sliders move") {
  const problem p = edge_sliders();
  const limit_search s = find_limit(model_of<rational>(p), {p.Z0}, 200);
  REQUIRE(s.certified);
  CHECK(s.K() == 0);
  CHECK(s.certificate.kind == certificate_kind::general);
  CHECK(s.certificate.pattern[6] == std::vector<index>{0, 1, 4, 5});
  CHECK(s.limit()(6, 0) == 2);
  CHECK(s.limit()(6, 1) == 0);
  CHECK(s.limit()(4, 1) == 2);  // the sliders reach the corners in the limit
  const limit_point& axis = s.faces->points[6];
  CHECK(axis.weights == std::vector<std::pair<index, rational>>{{0, q(1, 2)}, {1, q(1, 2)}});
  CHECK(axis.face == std::vector<index>{0, 1});  // the edge x = 2 of conv(L)
  CHECK(!axis.whole_polytope);
  CHECK(s.faces->holds());
}

TEST_CASE("L6 general certificate: a pattern change four layers after K is found exactly") {
  const problem p = configuration((matrix<rational>(2, 2) << q(53, 72), q(-1, 3), q(-1, 3), q(45, 8)).finished(), q(1, 5),
                                  {{-1, -2}, {0, -1}, {0, -1}, {-1, -2}, {0, 0}, {-2, -1}, {-1, -1}, {0, -1}, {-2, -2}});
  const model<rational> m = model_of<rational>(p);
  const tokens<rational> Z1 = step(m, p.Z0).next;
  const limit_certificate c = certify_limit(m, Z1, 1);
  CHECK(!c.holds());
  REQUIRE(c.general);
  CHECK(c.failure().condition == "pattern");
  CHECK(c.failure().changes_at == 5);
  CHECK(c.general->constant_through == 3);
  CHECK(c.general->lookahead.size() == 4);  // layers 2..5, all M4's
  CHECK(attention(m.A, c.general->lookahead.back()) != c.pattern);
  CHECK(attention(m.A, c.general->lookahead[2]) == c.pattern);
  const limit_search s = find_limit(m, {p.Z0}, 200);
  REQUIRE(s.certified);
  CHECK(s.K() == 5);
  CHECK(s.attempts < 5);  // layers 2..4 are known to keep layer 1's pattern: no attempt there
}

TEST_CASE("L6 general certificate: a tie that fails in the limit proves that the pattern changes") {
  // Token 1 at the origin ties with everything; the limit's mean is not 0, so it must move.
  matrix<rational> A(1, 1);
  A << q(5, 4);
  const problem p = configuration(A, q(31, 11), {{2}, {0}, {0}, {-1}, {0}, {-2}, {0}, {2}, {-1}});
  const limit_certificate c = certify_limit(model_of<rational>(p), p.Z0, 0);
  REQUIRE(c.general);
  CHECK(c.failure().condition == "limit-tie");
  CHECK(c.failure().proves_change());
  CHECK(c.failure().changes_at == 2);  // found by running on until it happens
  CHECK(c.failure().describe().find("but not in the limit (<A z*_i, z*_c - z*_c'> = -6/5)") != std::string::npos);
}

TEST_CASE("L6 general certificate: a preference whose leading term is negative proves a later change") {
  matrix<rational> A(3, 3);
  A << q(551, 72), q(50, 9), 4, q(50, 9), q(511, 72), q(8, 3), 4, q(8, 3), q(39, 8);
  const problem p = configuration(A, q(1, 11),
                                  {{1, q(1, 2), 1}, {-1, 1, -2}, {0, 2, 1}, {0, 0, 1}, {0, q(-3, 2), -1}, {0, 0, q(1, 2)},
                                   {-2, 1, q(1, 2)}, {2, -1, 0}, {-1, q(3, 2), 2}, {2, 0, 2}, {q(-1, 2), 0, 0}, {-1, 0, 2},
                                   {2, 1, 2}, {0, 2, -1}, {1, 0, q(-3, 2)}, {-2, q(-1, 2), 0}, {2, 2, 0}});
  const model<rational> m = model_of<rational>(p);
  const tokens<rational> Z1 = step(m, p.Z0).next;
  const limit_certificate c = certify_limit(m, Z1, 1);
  REQUIRE(c.general);
  CHECK(c.failure().condition == "leading-term");
  CHECK(c.failure().token == 13);
  CHECK(c.failure().changes_at == 11);
  const limit_search s = find_limit(m, {p.Z0}, 200);
  REQUIRE(s.certified);
  CHECK(s.K() >= 11);
  CHECK(s.last_pattern_change == s.K());
}

TEST_CASE("L6 general certificate: an exact-layer budget too small is undecided, never a failure") {
  const problem p = symmetric_centre();
  general_options options;
  options.max_lookahead = 1;
  const limit_search s = find_limit(model_of<rational>(p), {p.Z0}, 3, {}, {}, options);
  CHECK(!s.certified);
  CHECK(s.certificate.failure().condition == "lookahead");
  CHECK(!s.certificate.failure().proves_change());
  CHECK(s.uncertified_finding(3).find("stayed constant from layer 0") != std::string::npos);
}

TEST_CASE("L6: resource guards see every exact layer of the search") {
  const problem p = symmetric_centre();
  general_options options;
  index largest = 0;
  options.on_layer = [&largest](index k, const tokens<rational>&, std::size_t) { largest = std::max(largest, k); };
  const limit_search s = find_limit(model_of<rational>(p), {p.Z0}, 200, {}, {}, options);
  REQUIRE(s.certified);
  CHECK(largest + 1 == s.certificate.general->layers_checked);
  options.on_layer = exact_window_guard({3, 0});
  CHECK_THROWS_AS(find_limit(model_of<rational>(p), {p.Z0}, 200, {}, {}, options), growth_limit_error);
}

TEST_CASE("L5 as restated on configuration 4: non-leader clusters on faces; D4 fails, as information") {
  const problem p = testing::figure2("figure2-4-non-leader-clusters");
  const limit_search s = find_limit(model_of<rational>(p), {p.Z0}, 200);
  REQUIRE(s.certified);
  CHECK(s.faces->holds());
  const limit_point& t4 = s.faces->points[4];  // (-1/2, 0) -> (-1, 0), between the corners 2 and 3
  CHECK(t4.weights == std::vector<std::pair<index, rational>>{{2, q(1, 2)}, {3, q(1, 2)}});
  CHECK(t4.face == std::vector<index>{2, 3});
  CHECK(!t4.at_leader);
  CHECK(s.faces->points[8].at_leader);  // token 8 converges onto the corner (-1, 1)
  REQUIRE(s.equilibrium_violation);     // at Z* token 4 would attend to the face with the corner twice
  CHECK(s.equilibrium_violation->mean(1) == q(1, 4));
}

TEST_CASE("absorption: T^inf's rows are convex and reproduce the straight-line targets") {
  const problem p = testing::figure2("figure2-1-emerging-leader");
  const model<rational> m = model_of<rational>(p);
  const tokens<rational> Z1 = step(m, p.Z0).next;
  const pattern_chain chain = chain_of(m.alpha, Z1, attention(m.A, Z1));
  const absorption w = absorb(chain);
  CHECK(w.leader_classes.size() == 3);
  for (index a = 0; a < chain.class_count(); ++a) {
    rational total = 0;
    for (index l = 0; l < w.weights.cols(); ++l) {
      CHECK(w.weights(a, l) >= 0);
      total += w.weights(a, l);
    }
    CHECK(total == 1);
  }
  CHECK(w.limit(chain, Z1) == targets(Z1, chain.pattern));
}

}  // namespace hardmax
