// Engine names, and input values an engine cannot represent.
#include "numerics/engine.hpp"
#include "numerics/problem.hpp"

#include <doctest/doctest.h>

namespace hardmax {

TEST_CASE("engine names") {
  CHECK(parse_engine("exact").is_exact());
  CHECK(parse_engine("double").type == engine_spec::kind::float64);
  CHECK(parse_engine("mpfr:113").bits == 113);
  CHECK(parse_engine("mpfr:53").name() == "mpfr:53");
  for (const char* bad : {"", "float", "mpfr", "mpfr:", "mpfr:1", "mpfr:-5", "mpfr:abc", "mpfr:99999999999", "EXACT"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_engine(bad), engine_error);
  }
}

TEST_CASE("with_engine runs the generic code in the chosen number type and precision") {
  const auto bits = [](const engine_spec& e) {
    return with_engine(e, []<class Scalar>() -> long {
      if constexpr (std::is_same_v<Scalar, mpfr_real>) return static_cast<long>(mpfr_real::working_precision());
      else if constexpr (std::is_same_v<Scalar, double>) return 53;
      else return 0;
    });
  };
  CHECK(bits(parse_engine("exact")) == 0);
  CHECK(bits(parse_engine("double")) == 53);
  CHECK(bits(parse_engine("mpfr:77")) == 77);
}

TEST_CASE("a value outside double's range is an error naming the field, not an infinity") {
  problem p;
  p.A = matrix<rational>::Identity(1, 1);
  p.alpha = 1;
  p.Z0 = tokens<rational>(2, 1);
  p.Z0 << 1, parse_rational("1e400");
  CHECK_THROWS_WITH_AS(initial_tokens<double>(p), doctest::Contains("tokens[1][0]"), representation_error);
  {
    const mpfr_precision_scope scope(53);
    CHECK_NOTHROW(initial_tokens<mpfr_real>(p));  // MPFR's exponent range is far wider
  }
}

}  // namespace hardmax
