// libFuzzer harness (1b): exact number text (numerics/rational.cpp) and shortest decimals
// (numerics/decimal_text.cpp), with oracles.
//
// The first byte chooses a mode; the rest is the payload.
//   mode 0: the payload is a number string. parse_rational either throws number_syntax_error or
//           returns q; then to_string(q) reads back to q, and nearest_double(q) is a nearest double
//           (no double on either side is closer; infinity only beyond the largest double), and the
//           decimal_text of that double reads back to it.
//   mode 1: the payload's first 8 bytes are a double x. Finite x: exact_value(x) is exact,
//           nearest_double(exact_value(x)) == x, and decimal_text(x) reads back to x. Otherwise
//           exact_value throws number_syntax_error.
//   mode 2: decimal_text(negative, digits, exponent) from bytes (digits 1..40 long, no leading zero,
//           exponent in [-400, 400]) denotes exactly +-0.digits * 10^exponent.
#include "numerics/decimal_text.hpp"
#include "numerics/rational.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

namespace {

using hardmax::rational;

[[noreturn]] void bug(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_number: BUG: %s: %s\n", what, detail.c_str());
  std::abort();
}

rational distance(const rational& a, const rational& b) { return abs(rational(a - b)); }

// x is a double nearest to q: neither neighbour is strictly closer.
void check_nearest(const rational& q, double x, const std::string& text) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  constexpr double max = std::numeric_limits<double>::max();
  if (std::isnan(x)) bug("nearest_double gave NaN", text);
  if (std::isinf(x)) {
    // Overflow only at or beyond max + half an ulp of max (2^1023 * (2 - 2^-53)).
    const rational limit = hardmax::exact_value(max) + hardmax::exact_value(std::ldexp(1.0, 970));
    if (distance(q, 0) < limit || (x > 0) != (q > 0)) bug("nearest_double overflowed too early", text);
    return;
  }
  const rational e = hardmax::exact_value(x), d = distance(q, e);
  for (double neighbour : {std::nextafter(x, -inf), std::nextafter(x, inf)})
    if (std::isfinite(neighbour) && distance(q, hardmax::exact_value(neighbour)) < d)
      bug("nearest_double is not nearest", text);
}

// The shortest decimal of a finite double reads back to it exactly.
void check_decimal_round_trip(double x) {
  const std::string text = hardmax::decimal_text(x);
  rational back;
  try {
    back = hardmax::parse_rational(text);
  } catch (const hardmax::number_syntax_error& e) {
    bug("decimal_text wrote what parse_rational cannot read", text + ": " + e.what());
  }
  if (hardmax::nearest_double(back) != x) bug("decimal_text does not read back to the same double", text);
}

void number_text(const std::string& text) {
  rational q;
  try {
    q = hardmax::parse_rational(text);
  } catch (const hardmax::number_syntax_error&) {
    return;
  }
  const std::string canonical = hardmax::to_string(q);
  if (hardmax::parse_rational(canonical) != q) bug("to_string does not read back", text + " -> " + canonical);
  const double x = hardmax::nearest_double(q);
  check_nearest(q, x, text);
  if (std::isfinite(x)) check_decimal_round_trip(x);
}

void binary_double(const std::uint8_t* data, std::size_t size) {
  std::uint8_t bytes[8] = {};
  std::memcpy(bytes, data, size < 8 ? size : 8);
  double x;
  std::memcpy(&x, bytes, 8);
  if (!std::isfinite(x)) {
    try {
      (void)hardmax::exact_value(x);
    } catch (const hardmax::number_syntax_error&) {
      return;
    }
    bug("exact_value accepted a non-finite double", hardmax::decimal_text(x));
  }
  const rational q = hardmax::exact_value(x);
  if (hardmax::nearest_double(q) != x) bug("nearest_double(exact_value(x)) != x", hardmax::decimal_text(x));
  check_decimal_round_trip(x);
}

void digits_and_exponent(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return;
  const bool negative = data[0] & 1;
  const long exponent = static_cast<long>(static_cast<std::int16_t>(data[1] | (data[2] << 8)) % 401);
  std::string digits;
  for (std::size_t k = 3; k < size && digits.size() < 40; ++k) digits += static_cast<char>('0' + data[k] % 10);
  if (digits.empty() || digits[0] == '0') return;
  const std::string text = hardmax::decimal_text(negative, digits, exponent);
  const long scale = exponent - static_cast<long>(digits.size());  // 0.d1...dk * 10^e = d1...dk * 10^(e - k)
  rational expected = hardmax::parse_rational(digits) * hardmax::parse_rational("1e" + std::to_string(scale));
  if (negative) expected = -expected;
  rational got;
  try {
    got = hardmax::parse_rational(text);
  } catch (const hardmax::number_syntax_error& e) {
    bug("decimal_text(negative, digits, exponent) wrote an unreadable number", text + ": " + e.what());
  }
  if (got != expected) bug("decimal_text(negative, digits, exponent) has the wrong value", text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t* payload = data + 1;
  const std::size_t n = size - 1;
  switch (data[0] % 3) {
    case 0:
      number_text(std::string(reinterpret_cast<const char*>(payload), n));
      break;
    case 1:
      binary_double(payload, n);
      break;
    default:
      digits_and_exponent(payload, n);
      break;
  }
  return 0;
}
