// The MPFR number type: every result rounded to the working precision in bits.
#include "numerics/mpfr_real.hpp"
#include "numerics/scalar_traits.hpp"

#include <doctest/doctest.h>

#include <random>

using hardmax::mpfr_precision_scope;
using hardmax::mpfr_real;
using hardmax::rational;

TEST_CASE("results carry the working precision, not the operands'") {
  const mpfr_precision_scope outer(200);
  const mpfr_real third(rational(1, 3));
  CHECK(third.precision() == 200);
  {
    const mpfr_precision_scope inner(24);
    const mpfr_real x = third + third;
    CHECK(x.precision() == 24);
    CHECK(mpfr_real::working_precision() == 24);
  }
  CHECK(mpfr_real::working_precision() == 200);
}

TEST_CASE("mpfr at 24 and 53 bits rounds exactly like float and double") {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(-1e3, 1e3);
  for (int k = 0; k < 2000; ++k) {
    const double a = u(rng), b = u(rng);
    {
      const mpfr_precision_scope scope(53);
      const mpfr_real x(a), y(b);
      CHECK((x + y).to_double() == a + b);
      CHECK((x - y).to_double() == a - b);
      CHECK((x * y).to_double() == a * b);
      CHECK((x / y).to_double() == a / b);
    }
    {
      const mpfr_precision_scope scope(24);
      const float fa = static_cast<float>(a), fb = static_cast<float>(b);
      const mpfr_real x(static_cast<double>(fa)), y(static_cast<double>(fb));
      CHECK((x * y).to_double() == static_cast<double>(fa * fb));
      CHECK((x / y).to_double() == static_cast<double>(fa / fb));
      CHECK((x + y).to_double() == static_cast<double>(fa + fb));
    }
  }
}

TEST_CASE("text output is the shortest decimal that reads back, in double's notation at 53 bits") {
  const mpfr_precision_scope scope(53);
  // Normal range only: a subnormal double has fewer than 53 significant bits, MPFR's value never.
  for (double v : {0.1, 1.0 / 3.0, -2.5e-7, 1e22, 123456789.125, 2.2250738585072014e-308, 1.7976931348623157e308, 0.5,
                   -0.0}) {
    CAPTURE(v);
    CHECK(mpfr_real(v).to_string() == hardmax::scalar_traits<double>::to_string(v));
  }
  CHECK(hardmax::scalar_traits<double>::to_string(0.1) == "0.1");
  CHECK(hardmax::scalar_traits<double>::to_string(1e22) == "1e22");
  CHECK(hardmax::scalar_traits<double>::to_string(-2.5e-7) == "-2.5e-7");
  CHECK(hardmax::scalar_traits<double>::to_string(1234.5) == "1234.5");
  CHECK(hardmax::scalar_traits<double>::to_string(0.00012) == "0.00012");
}

TEST_CASE("copies, moves and comparisons") {
  const mpfr_precision_scope scope(113);
  mpfr_real a(rational(1, 7));
  mpfr_real b = a;
  CHECK(a == b);
  mpfr_real c = std::move(b);
  CHECK(c == a);
  b = c;  // assigning to a moved-from value revives it
  CHECK(b == a);
  CHECK(mpfr_real(1) < mpfr_real(2));
  CHECK(!(mpfr_real(2) < mpfr_real(1)));
  CHECK(abs(mpfr_real(-3)) == mpfr_real(3));
}
