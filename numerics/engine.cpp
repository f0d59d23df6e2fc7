#include "numerics/engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace hardmax {

std::string engine_spec::name() const {
  switch (type) {
    case kind::exact: return "exact";
    case kind::float64: return "double";
    case kind::mpfr: return fmt::format("mpfr:{}", bits);
    case kind::certified: return "certified";
  }
  return "?";
}

engine_spec parse_engine(const std::string& text) {
  if (text == "exact") return {engine_spec::kind::exact, 0};
  if (text == "double") return {engine_spec::kind::float64, 0};
  if (text == "certified") return {engine_spec::kind::certified, 0};
  const std::string prefix = "mpfr:";
  if (text.rfind(prefix, 0) == 0) {
    const std::string digits = text.substr(prefix.size());
    const bool numeric = !digits.empty() && digits.size() <= 8 &&
                         std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); });
    const long bits = numeric ? std::stol(digits) : -1;
    if (bits < min_mpfr_bits || bits > max_mpfr_bits)
      throw engine_error(fmt::format("engine '{}': MPFR precision must be a whole number of bits from {} to {}", text,
                                     min_mpfr_bits, max_mpfr_bits));
    return {engine_spec::kind::mpfr, bits};
  }
  throw engine_error(fmt::format("unknown engine '{}' (expected exact, double, mpfr:BITS or certified)", text));
}

}  // namespace hardmax
