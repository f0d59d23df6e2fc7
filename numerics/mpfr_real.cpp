#include "numerics/mpfr_real.hpp"

#include "numerics/decimal_text.hpp"

#include <fmt/format.h>

#include <memory>
#include <stdexcept>

namespace hardmax {


mpfr_precision_scope::mpfr_precision_scope(mpfr_prec_t bits) : saved_(mpfr_real::precision_) {
  if (bits < MPFR_PREC_MIN || bits > MPFR_PREC_MAX) throw std::invalid_argument("MPFR precision out of range");
  mpfr_real::precision_ = bits;
}

std::string mpfr_real::to_string() const {
  if (mpfr_nan_p(x_)) return "nan";
  if (mpfr_inf_p(x_)) return mpfr_signbit(x_) ? "-inf" : "inf";
  if (mpfr_zero_p(x_)) return mpfr_signbit(x_) ? "-0" : "0";
  // The fewest significant digits that read back to this value; MPFR's own choice (n = 0) always
  // round-trips but is not the shortest; shortest text at 53 bits is the double engine's text.
  mpfr_exp_t exponent = 0;
  std::string s;
  const std::size_t most = mpfr_get_str_ndigits(10, precision());
  mpfr_t back;
  mpfr_init2(back, precision());
  for (std::size_t n = 1; n <= most; ++n) {
    std::unique_ptr<char, void (*)(char*)> digits(mpfr_get_str(nullptr, &exponent, 10, n, x_, MPFR_RNDN), mpfr_free_str);
    s = digits.get();
    const std::string scientific = fmt::format("{}0.{}e{}", s.front() == '-' ? "-" : "", s.substr(s.front() == '-' ? 1 : 0),
                                               static_cast<long>(exponent));
    mpfr_set_str(back, scientific.c_str(), 10, MPFR_RNDN);
    if (mpfr_equal_p(back, x_)) break;
  }
  mpfr_clear(back);
  const bool negative = s.front() == '-';
  return decimal_text(negative, s.substr(negative ? 1 : 0), static_cast<long>(exponent));
}

}  // namespace hardmax
