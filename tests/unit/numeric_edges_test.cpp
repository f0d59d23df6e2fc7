// The floating engines at the edges of their range (issue 7): near overflow and underflow,
// subnormal inputs, scores that overflow, NaN inside a dot product, and an update that overflows
// mid-run. Each case either agrees with the exact engine or stops with an error naming the layer
// and the token; never a silent NaN trajectory.
#include "numerics/engine.hpp"
#include "numerics/problem.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace hardmax {
namespace {

rational power_of_two(int e) {
  rational q = 1;
  for (int k = 0; k < std::abs(e); ++k) q = e > 0 ? rational(q * 2) : rational(q / 2);
  return q;
}

// Five planar tokens with a duplicate, a tie-free pattern that changes over the first layers.
problem planar(const rational& scale, const rational& alpha = rational(1, 2)) {
  const std::vector<std::pair<const char*, const char*>> points = {
      {"1", "0"}, {"1/2", "2/5"}, {"-1", "-1"}, {"1/5", "-3/10"}, {"1", "0"}};
  problem p;
  p.A = matrix<rational>::Identity(2, 2);
  p.alpha = alpha;
  p.Z0 = tokens<rational>(static_cast<index>(points.size()), 2);
  for (index i = 0; i < p.Z0.rows(); ++i) {
    p.Z0(i, 0) = parse_rational(points[static_cast<std::size_t>(i)].first) * scale;
    p.Z0(i, 1) = parse_rational(points[static_cast<std::size_t>(i)].second) * scale;
  }
  return p;
}

std::vector<attention_pattern> exact_patterns(const problem& p, index depth) {
  return simulate(model_of<rational>(p), initial_tokens<rational>(p), depth).attention;
}

bool all_finite(const trajectory<double>& t) {
  for (const auto& Z : t.layers)
    if (!Z.allFinite()) return false;
  return true;
}

}  // namespace

TEST_CASE("near overflow: scaling by 2^500 changes nothing but the exponent in double") {
  // Power-of-two scaling commutes with rounding while nothing over- or underflows, and the scores
  // here reach 2^1001, just below double's 2^1024.
  const index depth = 12;
  const auto small = run_engine<double>(parse_engine("double"), planar(1), depth);
  const auto large = run_engine<double>(parse_engine("double"), planar(power_of_two(500)), depth);
  CHECK(large.attention == small.attention);
  for (index k = 0; k <= depth; ++k)
    for (index i = 0; i < small.layers[0].rows(); ++i)
      for (index c = 0; c < 2; ++c) CHECK(large.layers[k](i, c) == std::ldexp(small.layers[k](i, c), 500));
  CHECK(large.attention == exact_patterns(planar(power_of_two(500)), depth));
}

TEST_CASE("past overflow: a score beyond double's range stops the run at layer 0 naming the token") {
  const problem p = planar(power_of_two(520));  // every token is representable, its scores are not
  CHECK_THROWS_WITH_AS(run_engine<double>(parse_engine("double"), p, 3),
                       doctest::Contains("layer 0: token 0: its largest score is inf"), non_finite_error);
  // The certified engine cannot prove anything from infinite bounds, so it decides every row exactly.
  CHECK(run_engine<double>(parse_engine("certified"), p, 3).attention == exact_patterns(p, 3));
  const mpfr_precision_scope scope(53);  // MPFR's exponent range is far wider: it carries on, exactly patterned
  CHECK(run_engine<mpfr_real>(parse_engine("mpfr:53"), p, 3).attention == exact_patterns(p, 3));
}

TEST_CASE("a NaN score (overflows of both signs in one dot product) is an error, not a dropped token") {
  problem p;
  p.A = matrix<rational>::Identity(2, 2);
  p.alpha = 1;
  p.Z0 = tokens<rational>(2, 2);
  // s_00 = 2^1001 is finite; s_01 = 2^1030 - 2^1030 overflows to inf - inf = NaN in double.
  p.Z0 << power_of_two(500), power_of_two(500), power_of_two(530), -power_of_two(530);
  CHECK_THROWS_WITH_AS(run_engine<double>(parse_engine("double"), p, 1),
                       doctest::Contains("layer 0: token 0: its score with token 1 is NaN"), non_finite_error);
  const std::vector<double> row = {1.0, std::numeric_limits<double>::quiet_NaN(), 0.5};
  CHECK_THROWS_WITH_AS(require_comparable_scores(row, 7), doctest::Contains("token 7: its score with token 1 is NaN"),
                       non_finite_error);
}

TEST_CASE("an update that overflows mid-run names the layer, token and coordinate") {
  // Scores stay small (A = 2^-1000 I) but z + alpha m passes 2^1024 with alpha = 2^30.
  problem p = planar(power_of_two(1000), power_of_two(30));
  p.A = matrix<rational>::Identity(2, 2) * power_of_two(-1000);
  CHECK_THROWS_WITH_AS(run_engine<double>(parse_engine("double"), p, 2),
                       doctest::Contains("layer 1: token 0 coordinate 0 is inf"), non_finite_error);
  const mpfr_precision_scope scope(53);  // MPFR's wider range carries on
  CHECK_NOTHROW(run_engine<mpfr_real>(parse_engine("mpfr:53"), p, 2));
}

TEST_CASE("near underflow: scores in the subnormal range; the certified engine keeps the exact pattern") {
  const index depth = 8;
  for (const int e : {-500, -530, -540, -1070}) {
    CAPTURE(e);
    const problem p = planar(power_of_two(e));
    const auto fast = run_engine<double>(parse_engine("double"), p, depth);
    CHECK(all_finite(fast));  // double may tie underflowed scores (docs/RELIABILITY.md) but never NaNs
    const auto certified = run_engine<double>(parse_engine("certified"), p, depth);
    CHECK(all_finite(certified));
    CHECK(certified.attention == exact_patterns(p, depth));
  }
}

TEST_CASE("subnormal inputs: every coordinate below 2^-1022") {
  problem p;
  p.A = matrix<rational>::Identity(2, 2);
  p.alpha = 1;
  p.Z0 = tokens<rational>(3, 2);
  const rational tiny = power_of_two(-1074);  // the smallest subnormal double
  p.Z0 << tiny * 3, tiny, -tiny * 2, tiny * 5, tiny, -tiny;
  const auto fast = run_engine<double>(parse_engine("double"), p, 4);
  CHECK(all_finite(fast));
  // Every score underflows to zero, so double ties everything: the pattern differs from the exact one,
  // which is why the certified engine decides such rows exactly.
  CHECK(fast.attention[0][0] == std::vector<index>{0, 1, 2});
  CHECK(run_engine<double>(parse_engine("certified"), p, 4).attention == exact_patterns(p, 4));
}

}  // namespace hardmax
