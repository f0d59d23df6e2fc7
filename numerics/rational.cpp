#include "numerics/rational.hpp"

#include <mpfr.h>

#include <cctype>
#include <cmath>

namespace hardmax {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// Base 10 always: mpz_int's string constructor would read "025" as octal.
boost::multiprecision::mpz_int integer_from_digits(std::string_view digits) {
  boost::multiprecision::mpz_int n;
  mpz_set_str(n.backend().data(), std::string(digits).c_str(), 10);
  return n;
}

rational power_of_ten(long e) {
  using boost::multiprecision::mpz_int;
  mpz_int p = boost::multiprecision::pow(mpz_int(10), static_cast<unsigned>(e < 0 ? -e : e));
  return e < 0 ? rational(mpz_int(1), p) : rational(p);
}

rational parse_fraction(std::string_view num, std::string_view den) {
  if (!all_digits(num)) throw number_syntax_error("numerator must be digits");
  if (!all_digits(den)) throw number_syntax_error("denominator must be digits");
  const auto q = integer_from_digits(den);
  if (q == 0) throw number_syntax_error("zero denominator");
  return rational(integer_from_digits(num), q);
}

long parse_exponent(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (!all_digits(s)) throw number_syntax_error("exponent must be digits");
  while (s.size() > 1 && s.front() == '0') s.remove_prefix(1);
  if (s.size() > 6) throw number_syntax_error("exponent out of range (at most 100000 in magnitude)");
  const long e = std::stol(std::string(s));
  if (e > max_decimal_exponent) throw number_syntax_error("exponent out of range (at most 100000 in magnitude)");
  return negative ? -e : e;
}

rational parse_decimal(std::string_view s) {
  std::string_view mantissa = s, exponent;
  if (const auto e = s.find_first_of("eE"); e != std::string_view::npos) {
    mantissa = s.substr(0, e);
    exponent = s.substr(e + 1);
    if (exponent.empty()) throw number_syntax_error("missing exponent after 'e'");
  }
  std::string_view whole = mantissa, fraction;
  if (const auto dot = mantissa.find('.'); dot != std::string_view::npos) {
    whole = mantissa.substr(0, dot);
    fraction = mantissa.substr(dot + 1);
  }
  if (whole.empty() && fraction.empty()) throw number_syntax_error("no digits");
  if (!whole.empty() && !all_digits(whole)) throw number_syntax_error("not a number");
  if (!fraction.empty() && !all_digits(fraction)) throw number_syntax_error("not a number");
  const long scale = (exponent.empty() ? 0 : parse_exponent(exponent)) - static_cast<long>(fraction.size());
  if (scale < -2 * max_decimal_exponent || scale > max_decimal_exponent)
    throw number_syntax_error("too many digits for the exponent range");
  const std::string digits = std::string(whole) + std::string(fraction);
  return rational(integer_from_digits(digits)) * power_of_ten(scale);
}

}  // namespace

rational parse_rational(std::string_view text) {
  if (text.empty()) throw number_syntax_error("empty string");
  std::string_view s = text;
  bool negative = false;
  if (s.front() == '+' || s.front() == '-') {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) throw number_syntax_error("sign without digits");
  rational value;
  if (const auto slash = s.find('/'); slash != std::string_view::npos)
    value = parse_fraction(s.substr(0, slash), s.substr(slash + 1));
  else
    value = parse_decimal(s);
  return negative ? rational(-value) : value;
}

rational exact_value(double x) {
  if (!std::isfinite(x)) throw number_syntax_error("not a finite number");
  return rational(x);  // mpq_set_d is exact
}

std::string to_string(const rational& q) {
  // Boost keeps mpq values canonical (lowest terms, positive denominator) and prints "p" for q = 1.
  return q.str();
}

double nearest_double(const rational& q) {
  // Round once, at 53 bits, inside double's exponent range, then subnormalise: this is exactly
  // IEEE round-to-nearest-even including gradual underflow and overflow to infinity.
  const mpfr_exp_t old_emin = mpfr_get_emin(), old_emax = mpfr_get_emax();
  mpfr_set_emin(-1073);  // smallest subnormal 2^-1074 = 0.5 * 2^-1073
  mpfr_set_emax(1024);
  mpfr_t x;
  mpfr_init2(x, 53);
  const int inexact = mpfr_set_q(x, q.backend().data(), MPFR_RNDN);
  mpfr_subnormalize(x, inexact, MPFR_RNDN);
  const double result = mpfr_get_d(x, MPFR_RNDN);
  mpfr_clear(x);
  mpfr_set_emin(old_emin);
  mpfr_set_emax(old_emax);
  return result;
}

}  // namespace hardmax
