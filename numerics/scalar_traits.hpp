// What the generic dynamics needs to know about a number type beyond its arithmetic:
// whether it is exact, how an exact input value enters it (rounded once), the exact rational a value
// denotes (so claims can be decided exactly on a floating trajectory), how it is written out.
#pragma once

#include "numerics/decimal_text.hpp"
#include "numerics/mpfr_real.hpp"
#include "numerics/rational.hpp"

#include <cmath>
#include <string>

namespace hardmax {

template <class Scalar>
struct scalar_traits;

template <>
struct scalar_traits<rational> {
  static constexpr bool is_exact = true;
  static rational from_rational(const rational& q) { return q; }
  static std::string to_string(const rational& x) { return hardmax::to_string(x); }
  static bool is_finite(const rational&) { return true; }
  static rational exact(const rational& x) { return x; }
};

template <>
struct scalar_traits<double> {
  static constexpr bool is_exact = false;
  static double from_rational(const rational& q) { return nearest_double(q); }
  static std::string to_string(double x) { return decimal_text(x); }
  static bool is_finite(double x) { return std::isfinite(x); }
  static rational exact(double x) { return exact_value(x); }
};

template <>
struct scalar_traits<mpfr_real> {
  static constexpr bool is_exact = false;
  static mpfr_real from_rational(const rational& q) { return mpfr_real(q); }
  static std::string to_string(const mpfr_real& x) { return x.to_string(); }
  static bool is_finite(const mpfr_real& x) { return isfinite(x); }
  static rational exact(const mpfr_real& x) { return x.exact_value(); }
};

}  // namespace hardmax
