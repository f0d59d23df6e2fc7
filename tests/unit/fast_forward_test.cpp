// Depth for free after K* (proofs-check/fast_forward.hpp): the closed-form layers equal the iterated
// ones, exactly for the exact engine and within the stated rounding bound for double and MPFR.
#include "numerics/layer.hpp"
#include "numerics/mpfr_real.hpp"
#include "proofs-check/fast_forward.hpp"
#include "proofs-check/fast_forward_run.hpp"
#include "support/figure2.hpp"

#include <doctest/doctest.h>

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

problem symmetric_centre() {  // THEORY.md L6's first example: the general certificate holds at K = 0
  problem p;
  p.A = matrix<rational>::Constant(1, 1, q(1, 8));
  p.alpha = 1;
  p.Z0 = tokens<rational>(5, 1);
  p.Z0 << 0, -1, 1, -2, 2;
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
  CHECK_THROWS_AS(floating_layer_after<double>(s, p.alpha, s.K() + 7), fast_forward_unavailable);
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
