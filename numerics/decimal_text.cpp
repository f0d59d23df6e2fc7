#include "numerics/decimal_text.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <string_view>

namespace hardmax {

std::string decimal_text(bool negative, std::string digits, long exponent) {
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const long k = static_cast<long>(digits.size());
  std::string body;
  if (exponent > 16 || exponent < -4) {
    body = digits.substr(0, 1);
    if (k > 1) body += fmt::format(".{}", digits.substr(1));
    body += fmt::format("e{}", exponent - 1);
  } else if (exponent <= 0) {
    body = fmt::format("0.{}{}", std::string(static_cast<std::size_t>(-exponent), '0'), digits);
  } else if (exponent >= k) {
    body = digits + std::string(static_cast<std::size_t>(exponent - k), '0');
  } else {
    body = fmt::format("{}.{}", digits.substr(0, static_cast<std::size_t>(exponent)),
                       digits.substr(static_cast<std::size_t>(exponent)));
  }
  return negative ? "-" + body : body;
}

std::string decimal_text(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x < 0 ? "-inf" : "inf";
  if (x == 0) return std::signbit(x) ? "-0" : "0";
  char buffer[64];
  // Shortest round-trip digits, as d.ddde[+-]XX.
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, std::fabs(x), std::chars_format::scientific).ptr;
  const std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
  const auto e = text.find('e');
  std::string digits(text.substr(0, 1));
  if (e > 2) digits += text.substr(2, e - 2);
  long exponent = 0;
  std::from_chars(text.data() + e + (text[e + 1] == '+' ? 2 : 1), text.data() + text.size(), exponent);
  return decimal_text(std::signbit(x), digits, exponent + 1);
}

}  // namespace hardmax
