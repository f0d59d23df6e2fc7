// Depth for free after K* (proofs-check/fast_forward.hpp): the closed-form layers equal the iterated
// ones, exactly for the exact engine and within the stated rounding bound for double and MPFR.
#include "numerics/layer.hpp"
#include "numerics/mpfr_real.hpp"
#include "proofs-check/fast_forward.hpp"
#include "proofs-check/fast_forward_run.hpp"
#include "support/figure2.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>

namespace hardmax {
namespace {

// Z^K, Z^{K+1}, ..., Z^{K+count} by iterating M4 exactly.
std::vector<tokens<rational>> iterated_after(const problem& p, const limit_search& s, index count) {
  std::vector<tokens<rational>> out{s.last_layer};
  for (index m = 0; m < count; ++m) out.push_back(step(model_of<rational>(p), out.back()).next);
  return out;
}

rational q(long a, long b = 1) { return rational(a, b); }

// THEORY.md L6's first example: the general certificate holds at K = 0. Scaled by 1/3 (the same
// pattern: every score scales alike) its limit +-2/3 is not a double, so rounding it costs something.
problem symmetric_centre(const rational& scale = 1) {
  problem p;
  p.A = matrix<rational>::Constant(1, 1, q(1, 8));
  p.alpha = 1;
  p.Z0 = tokens<rational>(5, 1);
  p.Z0 << 0, -1, 1, -2, 2;
  p.Z0 *= scale;
  return p;
}

double max_error(const tokens<double>& approx, const tokens<rational>& exact) {
  double worst = 0;
  for (index i = 0; i < exact.rows(); ++i)
    for (index c = 0; c < exact.cols(); ++c)
      worst = std::max(worst, nearest_double(rational(abs(exact_value(approx(i, c)) - exact(i, c)))));
  return worst;
}

}  // namespace

TEST_CASE("fast-forward: the straight-line closed form is the iterated exact layer, on every Figure-2 configuration") {
  for (const char* name : {"figure2-1-emerging-leader", "figure2-2-triangle", "figure2-3-square", "figure2-4-non-leader-clusters"}) {
    CAPTURE(name);
    const problem p = testing::figure2(name);
    const limit_search s = find_limit(model_of<rational>(p), {p.Z0}, 200);
    REQUIRE(s.certified);
    const std::vector<tokens<rational>> iterated = iterated_after(p, s, 25);
    for (index m = 0; m <= 25; ++m) {
      CAPTURE(m);
      CHECK(exact_layer_after(s, model_of<rational>(p), s.K() + m, {}) == iterated[static_cast<std::size_t>(m)]);
      if (s.certificate.kind != certificate_kind::straight_line) continue;
      // double: within the stated bound of the exact layer (docs/PRECISION.md, "Fast-forward").
      const double c = contraction_factor(p.alpha, m);
      const double bound = rounding_bound(s, c, DBL_EPSILON / 2, std::numeric_limits<double>::denorm_min());
      CHECK(max_error(floating_layer_after<double>(s, p.alpha, s.K() + m), iterated[static_cast<std::size_t>(m)]) <= bound);
      CHECK(bound < 1e-15);
    }
  }
}

TEST_CASE("fast-forward: MPFR at 113 bits is within its own bound of the exact layer") {
  const problem p = testing::figure2("figure2-1-emerging-leader");
  const limit_search s = find_limit(model_of<rational>(p), {p.Z0}, 200);
  const mpfr_precision_scope scope(113);
  const std::vector<tokens<rational>> iterated = iterated_after(p, s, 10);
  for (index m : {0, 3, 10}) {
    const tokens<mpfr_real> Z = floating_layer_after<mpfr_real>(s, p.alpha, s.K() + m);
    const double bound = rounding_bound(s, contraction_factor(p.alpha, m), std::ldexp(1.0, -113),
                                        std::numeric_limits<double>::denorm_min());
    for (index i = 0; i < Z.rows(); ++i)
      for (index c = 0; c < Z.cols(); ++c)
        CHECK(nearest_double(rational(abs(Z(i, c).exact_value() - iterated[static_cast<std::size_t>(m)](i, c)))) <= bound);
  }
}

TEST_CASE("fast-forward: the general certificate's pattern recurrence is M4, exactly") {
  const problem p = symmetric_centre();
  const limit_search s = find_limit(model_of<rational>(p), {p.Z0}, 200);
  REQUIRE(s.certificate.kind == certificate_kind::general);
  const std::vector<tokens<rational>> iterated = iterated_after(p, s, 30);
  CHECK(exact_layer_after(s, model_of<rational>(p), s.K() + 30, {}) == iterated.back());
  CHECK(exact_layer_after(s, model_of<rational>(p), s.K() + 7, {}) == iterated[7]);
  CHECK_THROWS_AS(floating_layer_after<double>(s, p.alpha, s.K() + 7), std::invalid_argument);
}

// Per coordinate |approx - exact|, the largest, as a double rounded up.
template <class Scalar>
double error_to(const tokens<Scalar>& approx, const tokens<rational>& exact) {
  double worst = 0;
  for (index i = 0; i < exact.rows(); ++i)
    for (index c = 0; c < exact.cols(); ++c) {
      const rational e = abs(scalar_traits<Scalar>::exact(approx(i, c)) - exact(i, c));
      worst = std::max(worst, nearest_double(e) * (1 + 0x1p-52));
    }
  return worst;
}

TEST_CASE("fast-forward: the general certificate's tail bound is rho^floor(m/q) times the deviation at K*, and holds") {
  const problem p = symmetric_centre();
  const model<rational> m = model_of<rational>(p);
  const limit_search s = find_limit(m, {p.Z0}, 200);
  const general_closed_form closed(s, m);
  // THEORY L6's symmetric centre: q = 1, rho = 4/5 (token 0's row: 3/5 on itself, 1/10 on -1 and on 1),
  // ||Z^0 - Z*|| = 1 (tokens -1 and 1 slide to -2 and 2).
  for (index k : {0, 1, 10, 100}) {
    CAPTURE(k);
    rational power = 1;
    for (index j = 0; j < k; ++j) power *= q(4, 5);
    const double exact = nearest_double(power);  // within half an ulp of (4/5)^k
    CHECK(closed.tail_bound(k) >= exact * (1 - 0x1p-52));
    CHECK(closed.tail_bound(k) <= exact * (1 + 0x1p-50));
  }
  CHECK(closed.tail_bound(1000000000) > 0);  // rounded up, never to zero
  CHECK(closed.tail_bound(1000000000) <= std::numeric_limits<double>::denorm_min());
  // It bounds the exact deviations (here 2^-m: -1 and 1 halve their distance to -2 and 2).
  const std::vector<tokens<rational>> iterated = iterated_after(p, s, 80);
  for (index k = 0; k <= 80; ++k) {
    rational deviation = 0;
    for (index i = 0; i < s.limit().rows(); ++i)
      deviation = std::max(deviation, rational(abs(iterated[static_cast<std::size_t>(k)](i, 0) - s.limit()(i, 0))));
    CHECK(nearest_double(deviation) <= closed.tail_bound(k));
  }
}

// Layers K* + m for m = 0 .. last of a general certificate in Scalar: every coordinate within the
// stated bound of the exactly iterated layer, the bound within a few roundings of the largest
// coordinate, the exact layer rounded while the tail is larger than one rounding and the limit after.
template <class Scalar>
void general_layers_within_bound(const problem& p, index last, double u) {
  const model<rational> m = model_of<rational>(p);
  const limit_search s = find_limit(m, {p.Z0}, 200);
  REQUIRE(s.certificate.kind == certificate_kind::general);
  const general_closed_form closed(s, m);
  const std::vector<tokens<rational>> iterated = iterated_after(p, s, last);
  double largest = 0;
  for (index i = 0; i < s.limit().rows(); ++i) largest = std::max(largest, std::abs(nearest_double(s.limit()(i, 0))));
  index from_limit = 0;
  for (index k = 0; k <= last; ++k) {
    CAPTURE(k);
    const rounded_layer<Scalar> layer = closed.layer<Scalar>(k, u, {});
    CHECK(error_to(layer.Z, iterated[static_cast<std::size_t>(k)]) <= layer.bound);
    CHECK(layer.bound <= 2.5 * u * largest);
    if (layer.from_limit) {
      ++from_limit;
      CHECK(closed.tail_bound(k) <= u * largest * (1 + 1e-15));
    } else {
      CHECK(from_limit == 0);  // once the limit stands for the layers it does for every later one
    }
  }
  CHECK(from_limit > 0);
  CHECK(from_limit < last);  // both ways were taken
  // Layer 10^9: the exact limit rounded once.
  const rounded_layer<Scalar> far = closed.layer<Scalar>(1000000000, u, {});
  CHECK(far.from_limit);
  const bool limit_rounded = far.Z == convert_matrix<Scalar>(s.limit(), [](const rational& x) { return scalar_traits<Scalar>::from_rational(x); });
  CHECK(limit_rounded);
  CHECK(far.bound <= 2.5 * u * largest);
}

TEST_CASE("fast-forward: the general certificate in double, layers within the stated bound of the iterated exact ones") {
  // (4/5)^m falls below 2^-53 * 2 after 162 layers.
  general_layers_within_bound<double>(symmetric_centre(), 200, DBL_EPSILON / 2);
  general_layers_within_bound<double>(symmetric_centre(q(1, 3)), 200, DBL_EPSILON / 2);
}

TEST_CASE("fast-forward: the general certificate in MPFR at 113 bits, within its own bound") {
  const mpfr_precision_scope scope(113);
  general_layers_within_bound<mpfr_real>(symmetric_centre(), 380, std::ldexp(1.0, -113));
  general_layers_within_bound<mpfr_real>(symmetric_centre(q(1, 3)), 380, std::ldexp(1.0, -113));
}

TEST_CASE("fast-forward: a layer beyond the growth guard is refused before it is computed, naming --max-bits") {
  const problem p = testing::figure2("figure2-1-emerging-leader");
  const limit_search s = find_limit(model_of<rational>(p), {p.Z0}, 200);
  CHECK_THROWS_WITH_AS(exact_layer_after(s, model_of<rational>(p), 1000000000, {100000, 0}),
                       doctest::Contains("--max-bits 100000"), growth_limit_error);
  CHECK_THROWS_AS(exact_layer_after(s, model_of<rational>(p), s.K() - 1 < 0 ? -1 : s.K() - 1, {}), std::invalid_argument);
  // Far past K* in double the layer is the limit, rounded: c_m underflows to 0.
  CHECK(contraction_factor(p.alpha, 1000000000) == 0);
  const tokens<double> far = floating_layer_after<double>(s, p.alpha, 1000000000);
  for (index i = 0; i < far.rows(); ++i)
    for (index c = 0; c < far.cols(); ++c) CHECK(far(i, c) == nearest_double(s.limit()(i, c)));
}

TEST_CASE("fast-forward: the kept layers") {
  CHECK(selected_layers(10, 4, {}) == std::vector<index>{0, 4, 8, 10});
  CHECK(selected_layers(10, 0, {7, 3, 3}) == std::vector<index>{3, 7, 10});
  CHECK(selected_layers(10, 0, {}) == std::vector<index>{10});
  CHECK_THROWS(selected_layers(10, 0, {11}));
}

}  // namespace hardmax
