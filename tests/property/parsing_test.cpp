// Reading numbers is exact: what is written reads back to the same value.
#include "io/config_file.hpp"
#include "properties/generators.hpp"
#include "support/rapidcheck_doctest.hpp"

#include <doctest/doctest.h>

#include <cstring>

namespace hardmax {

TEST_CASE("a rational's text reads back to the same rational") {
  testing::check_property("parse(to_string(q)) == q", [] {
    const rational q = *gen::small_rational(1000000, 1000000);
    RC_ASSERT(parse_rational(to_string(q)) == q);
  });
}

TEST_CASE("scientific notation: m e k is m * 10^k exactly") {
  testing::check_property("parse(\"<m>e<k>\") == m * 10^k", [] {
    const long m = *rc::gen::inRange(-1000000L, 1000000L);
    const int k = *rc::gen::inRange(-30, 30);
    const rational ten_k = k >= 0 ? rational(boost::multiprecision::pow(boost::multiprecision::mpz_int(10), k))
                                  : rational(1, boost::multiprecision::pow(boost::multiprecision::mpz_int(10), -k));
    RC_ASSERT(parse_rational(std::to_string(m) + "e" + std::to_string(k)) == rational(m) * ten_k);
  });
}

namespace {
// Every bit pattern is equally likely: subnormals, huge exponents and both zeros included.
double any_finite_double() {
  const auto bits = *rc::gen::arbitrary<std::uint64_t>();
  double x;
  std::memcpy(&x, &bits, sizeof x);
  RC_PRE(std::isfinite(x));
  return x;
}
}  // namespace

TEST_CASE("a plain JSON number is the exact value of the double it parses to") {
  testing::check_property("parse_number(json(x)) == exact(x)", [] {
    const double x = any_finite_double();
    const nlohmann::json doc = nlohmann::json::parse(nlohmann::json(x).dump());
    RC_ASSERT(parse_number(doc, "prop", "x") == exact_value(x));
  });
}

TEST_CASE("the shortest text of a double reads back to it exactly") {
  testing::check_property("nearest_double(parse(text(x))) == x", [] {
    const double x = any_finite_double();
    RC_ASSERT(nearest_double(parse_rational(scalar_traits<double>::to_string(x))) == x);
  });
}

}  // namespace hardmax
