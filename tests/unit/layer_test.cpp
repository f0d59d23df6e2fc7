// Single layers of M4 (and the M5, M6 options) computed by hand, with ties and duplicates.
#include "numerics/layer.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace hardmax {

namespace {

matrix<rational> Q(std::initializer_list<std::initializer_list<rational>> rows) {
  matrix<rational> m(static_cast<index>(rows.size()), static_cast<index>(rows.begin()->size()));
  index r = 0;
  for (const auto& row : rows) {
    index c = 0;
    for (const auto& x : row) m(r, c++) = x;
    ++r;
  }
  return m;
}

model<rational> identity_model(index d, rational alpha) {
  return {matrix<rational>::Identity(d, d), alpha, {}, {}, {}};
}

rational q(long p, long den = 1) { return rational(p, den); }

}  // namespace

TEST_CASE("M4: the origin attends to every token (all scores tie at 0)") {
  const auto Z = Q({{q(1)}, {q(-1)}, {q(0)}});
  const auto r = step(identity_model(1, q(1)), Z);
  CHECK(r.attention == attention_pattern{{0}, {1}, {0, 1, 2}});
  CHECK(r.next == Z);  // the mean of {1, -1, 0} is 0, and +-1 attend only to themselves
}

TEST_CASE("M4: a point between two corners ties and moves to their midpoint's direction") {
  const auto Z = Q({{q(1), q(1)}, {q(1), q(-1)}, {q(-1), q(-1)}, {q(-1), q(1)}, {q(1, 2), q(0)}});
  const auto r = step(identity_model(2, q(1, 2)), Z);
  CHECK(r.attention == attention_pattern{{0}, {1}, {2}, {3}, {0, 1}});
  // ((1/2, 0) + 1/2 * (1, 0)) / (3/2) = (2/3, 0)
  CHECK(r.next.row(4) == Q({{q(2, 3), q(0)}}));
  CHECK(r.next.topRows(4) == Z.topRows(4));
}

TEST_CASE("M4: exact duplicates are attended together and do not move") {
  const auto Z = Q({{q(1), q(0)}, {q(1), q(0)}, {q(0), q(1, 2)}});
  const auto r = step(identity_model(2, q(3)), Z);
  CHECK(r.attention == attention_pattern{{0, 1}, {0, 1}, {2}});
  CHECK(r.next == Z);
}

TEST_CASE("M4 with a non-identity A: scores are <A z_i, z_j>") {
  model<rational> m = identity_model(2, q(1));
  m.A = Q({{q(2), q(1)}, {q(1), q(1)}});
  const auto Z = Q({{q(1), q(0)}, {q(0), q(1)}});
  const auto r = step(m, Z);
  // A z_1 = (1, 1): scores 1 and 1 tie; m = (1/2, 1/2); z_1' = ((0, 1) + (1/2, 1/2)) / 2.
  CHECK(r.attention == attention_pattern{{0}, {0, 1}});
  CHECK(r.next.row(1) == Q({{q(1, 4), q(3, 4)}}));
  CHECK(r.next.row(0) == Z.row(0));
}

TEST_CASE("M6: the value matrix scales the attended mean") {
  model<rational> m = identity_model(2, q(1, 2));
  m.V = matrix<rational>(matrix<rational>::Identity(2, 2) * q(2));
  const auto Z = Q({{q(1), q(1)}, {q(1), q(-1)}, {q(-1), q(-1)}, {q(-1), q(1)}, {q(1, 2), q(0)}});
  const auto r = step(m, Z);
  // ((1/2, 0) + 1/2 * 2 * (1, 0)) / (3/2) = (1, 0)
  CHECK(r.next.row(4) == Q({{q(1), q(0)}}));
}

TEST_CASE("M5: softmax at small temperature approaches hardmax, ties split equally") {
  model<double> m{matrix<double>::Identity(2, 2), 0.5, 1e-3, {}, {}};
  matrix<double> Z(5, 2);
  Z << 1, 1, 1, -1, -1, -1, -1, 1, 0.5, 0;
  const auto r = step(m, Z);
  CHECK(r.next(4, 0) == doctest::Approx(2.0 / 3.0).epsilon(1e-12));
  CHECK(std::abs(r.next(4, 1)) < 1e-12);
  CHECK(r.attention[4] == std::vector<index>{0, 1});
}

TEST_CASE("M5 has no exact engine") {
  model<rational> m = identity_model(1, q(1));
  m.tau = q(1, 10);
  CHECK_THROWS_AS(step(m, Q({{q(1)}, {q(2)}})), std::invalid_argument);
}

TEST_CASE("tie tolerance (floating engines): off by default, relative when given") {
  matrix<double> Z(3, 2);
  Z << 1, 0, 1, -1e-10, 0.5, 0.25;  // token 2's scores: 0.5 and 0.5 - 2.5e-11
  model<double> m{matrix<double>::Identity(2, 2), 1.0, {}, {}, {}};
  CHECK(step(m, Z).attention[2] == std::vector<index>{0});
  m.tie_tolerance = 1e-9;
  CHECK(step(m, Z).attention[2] == std::vector<index>{0, 1});
}

TEST_CASE("double decides a near-tie that exact arithmetic separates") {
  // Token 2's two scores differ by 1e-21: exactly distinct, equal once rounded to double.
  const auto Zq = Q({{q(1), q(0)}, {q(1), rational(1, 1000000000)}, {q(1, 2), rational(1, 1000000000000LL)}});
  const auto exact = step(identity_model(2, q(1)), Zq);
  CHECK(exact.attention[2] == std::vector<index>{1});
  matrix<double> Zd(3, 2);
  Zd << 1, 0, 1, 1e-9, 0.5, 1e-12;
  const auto fp = step(model<double>{matrix<double>::Identity(2, 2), 1.0, {}, {}, {}}, Zd);
  CHECK(fp.attention[2] == std::vector<index>{0, 1});
}

}  // namespace hardmax
