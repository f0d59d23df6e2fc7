// L6 (c)'s positivity decision (proofs-check/quadratic_positivity.hpp) against a procedure that
// shares none of its case analysis: g > 0 on (0, 1] iff g(1) > 0 and g has no root in (0, 1), the
// roots located exactly by comparing +-sqrt(D) with rationals; plus dense sampling in rationals. The
// Coq function positive_on_unit (proofs-check/coq/L6_QuadraticPositivity.v) mirrors the C++ branch
// for branch and is proved sound and complete; this test keeps the C++ from drifting from it, and
// checks each "fails" verdict with the witness the Coq completeness proof constructs.
#include "properties/generators.hpp"
#include "support/rapidcheck_doctest.hpp"

#include <doctest/doctest.h>

#include <map>

namespace hardmax {
namespace {

// k sqrt(D) > q, for k = +-1 and D >= 0, decided exactly.
bool signed_sqrt_greater(const rational& D, int k, const rational& q) {
  if (k > 0) return q < 0 || D > q * q;
  return q < 0 && D < q * q;  // -sqrt(D) > q iff sqrt(D) < -q
}

// Whether g has a root in the open interval (0, 1) (g = 0 everywhere counts).
bool root_in_open_unit_interval(const quadratic& g) {
  if (g.a == 0) {
    if (g.b == 0) return g.c == 0;
    const rational r = -g.c / g.b;
    return r > 0 && r < 1;
  }
  const rational D = g.b * g.b - 4 * g.a * g.c;
  if (D < 0) return false;
  const int sa = g.a > 0 ? 1 : -1;
  for (int sigma : {1, -1}) {
    // r = (-b + sigma sqrt(D)) / (2a): r > 0 iff sigma sa sqrt(D) > sa b; r < 1 iff sigma sa sqrt(D) < sa (2a + b).
    const bool above_zero = signed_sqrt_greater(D, sigma * sa, sa * g.b);
    const bool below_one = signed_sqrt_greater(D, -sigma * sa, -(sa * (2 * g.a + g.b)));
    if (above_zero && below_one) return true;
  }
  return false;
}

bool positive_by_roots(const quadratic& g) { return g.at(1) > 0 && !root_in_open_unit_interval(g); }

// The witness of Coq's L6_positivity_decision_complete for each "fails" verdict: s in (0, 1] with g(s) <= 0.
rational witness(const quadratic& g, positivity p) {
  switch (p) {
    case positivity::fails_at_one: return 1;
    case positivity::fails_at_vertex: return -g.b / (2 * g.a);
    case positivity::fails_near_zero:
      if (g.c < 0) {
        const rational K = abs(g.a) + abs(g.b) + 1;
        return -g.c / (-g.c + K);
      }
      return g.b < 0 ? rational(-g.b / (abs(g.a) - g.b)) : rational(1);
    default: return 0;
  }
}

}  // namespace

TEST_CASE("L6 (c): the positivity decision equals the exact roots' verdict, and every failure has a witness") {
  std::map<positivity, std::size_t> verdicts;
  testing::check_property("positivity decision == root location on quadratic_with_roots", [&verdicts] {
    const quadratic g = *gen::quadratic_with_roots();
    const positivity p = positive_on_unit_interval(g);
    ++verdicts[p];
    RC_ASSERT(is_positive(p) == positive_by_roots(g));
    if (is_positive(p)) {
      for (long k = 1; k <= 256; ++k) RC_ASSERT(g.at(rational(k, 256)) > 0);
    } else {
      const rational s = witness(g, p);
      RC_ASSERT(s > 0);
      RC_ASSERT(s <= 1);
      RC_ASSERT(g.at(s) <= 0);
    }
  });
  for (const auto& [p, count] : verdicts) MESSAGE(to_string(p) << ": " << count);
  CHECK(verdicts.size() == 6);  // every branch of the decision was reached
}

}  // namespace hardmax
