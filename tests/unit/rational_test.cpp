// Exact reading and writing of numbers (THEORY.md "Exactness": "0.1" is 1/10, not a double).
#include "numerics/rational.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <limits>

using hardmax::parse_rational;
using hardmax::rational;

TEST_CASE("every accepted number form denotes the exact rational") {
  CHECK(parse_rational("3") == rational(3));
  CHECK(parse_rational("-7") == rational(-7));
  CHECK(parse_rational("+7") == rational(7));
  CHECK(parse_rational("1/3") == rational(1, 3));
  CHECK(parse_rational("-1/3") == rational(-1, 3));
  CHECK(parse_rational("6/4") == rational(3, 2));
  CHECK(parse_rational("0.1") == rational(1, 10));
  CHECK(parse_rational("-0.25") == rational(-1, 4));
  CHECK(parse_rational(".5") == rational(1, 2));
  CHECK(parse_rational("5.") == rational(5));
  CHECK(parse_rational("1e-3") == rational(1, 1000));
  CHECK(parse_rational("2.5E+2") == rational(250));
  CHECK(parse_rational("2.5e2") == rational(250));
  CHECK(parse_rational("-1.25e-1") == rational(-1, 8));
  CHECK(parse_rational("0") == rational(0));
  CHECK(parse_rational("-0") == rational(0));
  CHECK(parse_rational("000123.4500") == rational(2469, 20));
  CHECK(parse_rational("0.25") == rational(1, 4));  // "025" is not octal
  CHECK(parse_rational("010") == rational(10));
  CHECK(parse_rational("08/09") == rational(8, 9));
  CHECK(parse_rational("123456789012345678901234567890") ==
        rational(boost::multiprecision::mpz_int("123456789012345678901234567890")));
}

TEST_CASE("malformed numbers are rejected with a reason") {
  for (const char* bad : {"", "-", "+", "abc", "1/0", "1/", "/2", "1.5/2", "1/2.5", "1/-2", "1e", "1e+", "1e1.5",
                          "e5", ".", "--1", " 1", "1 ", "0x10", "1,5", "nan", "inf", "1/2/3", "1e100001"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_rational(bad), hardmax::number_syntax_error);
  }
}

TEST_CASE("rationals print in lowest terms") {
  CHECK(hardmax::to_string(rational(2, 4)) == "1/2");
  CHECK(hardmax::to_string(rational(-6, 3)) == "-2");
  CHECK(hardmax::to_string(rational(0)) == "0");
  CHECK(hardmax::to_string(rational(-5, 15)) == "-1/3");
}

TEST_CASE("a double's exact value is a dyadic rational") {
  CHECK(hardmax::exact_value(0.5) == rational(1, 2));
  CHECK(hardmax::exact_value(0.1) != rational(1, 10));
  CHECK(hardmax::exact_value(0.1) == rational(3602879701896397LL, 36028797018963968LL));
  CHECK_THROWS_AS(hardmax::exact_value(std::numeric_limits<double>::infinity()), hardmax::number_syntax_error);
}

TEST_CASE("nearest_double rounds to nearest, ties to even, like a correctly rounded strtod") {
  // glibc's strtod is correctly rounded; it is the independent reference here.
  for (const char* s : {"0.1", "1e-320", "4.9406564584124654e-324", "2.4703282292062327e-324",
                        "2.4703282292062328e-324", "1.7976931348623157e308", "1.7976931348623158e308",
                        "9007199254740993", "9007199254740995", "123456.789e-300", "2.2250738585072011e-308"}) {
    CAPTURE(s);
    CHECK(hardmax::nearest_double(parse_rational(s)) == std::strtod(s, nullptr));
  }
  CHECK(hardmax::nearest_double(rational(1, 3)) == 1.0 / 3.0);
  CHECK(hardmax::nearest_double(rational(-2, 3)) == -2.0 / 3.0);
  // 2^53 + 1 lies halfway between 2^53 and 2^53 + 2: ties to even gives 2^53.
  CHECK(hardmax::nearest_double(parse_rational("9007199254740993")) == 9007199254740992.0);
  // Past the largest double (by more than half an ulp) is +infinity, as IEEE rounding says.
  CHECK(std::isinf(hardmax::nearest_double(parse_rational("1e309"))));
  // Gradual underflow: half the smallest subnormal rounds to 0 (tie to even), a bit more rounds up.
  CHECK(hardmax::nearest_double(parse_rational("2.4703282292062327e-324")) == 0.0);
  CHECK(hardmax::nearest_double(parse_rational("2.4703282292062328e-324")) == std::numeric_limits<double>::denorm_min());
}
