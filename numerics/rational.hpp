// Exact rationals: the number type of the exact engine and of every parsed input (THEORY.md,
// "Exactness"). Expression templates are off so the type behaves like a plain value inside Eigen
// containers and generic code.
#pragma once

#include <boost/multiprecision/eigen.hpp>  // Eigen::NumTraits for rationals, before any Eigen container of them
#include <boost/multiprecision/gmp.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace hardmax {

using rational = boost::multiprecision::number<boost::multiprecision::gmp_rational,
                                               boost::multiprecision::et_off>;

// Why a string could not be read as a number; the caller adds the file and field.
struct number_syntax_error : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// Largest |exponent| accepted in decimal scientific notation: 1e100000 already has 332,193 bits,
// and an unbounded exponent would let one field of a file exhaust memory.
inline constexpr long max_decimal_exponent = 100000;

// The rational a string denotes, exactly: "3", "-1/3", "0.25", ".5", "1e-3", "2.5E+2".
// Throws number_syntax_error naming what is wrong.
rational parse_rational(std::string_view text);

// The exact value of a finite double (every finite double is a dyadic rational).
rational exact_value(double x);

// Lowest terms, "p/q", or "p" when the denominator is 1.
std::string to_string(const rational& q);

// The double nearest to q (ties to even), with IEEE overflow to +-inf and gradual underflow;
// GMP's own mpq_get_d truncates, which would make the double engine start from a different point
// than the MPFR-53 engine.
double nearest_double(const rational& q);

}  // namespace hardmax
