// A binary floating-point number of run-time precision, backed by MPFR, for the `mpfr:BITS` engine.
//
// Why not boost::multiprecision::mpfr_float: in the Boost shipped by Debian (1.74) its run-time
// precision is kept in decimal digits and every arithmetic result is rounded to
// digits10_2_2(digits10) bits, so 24, 53 and 113 bits are unreachable (53 bits becomes 51).
// The engine's contract is "rounded to exactly BITS bits after every operation", which makes
// mpfr:53 bit-identical to double; this thin value type gives exactly that and nothing more.
// Every result is rounded to nearest-even at the calling thread's working precision
// (`mpfr_precision_scope`), whatever the precision of the operands.
#pragma once

#include "numerics/rational.hpp"

#include <mpfr.h>

#include <compare>
#include <string>

namespace hardmax {

class mpfr_real {
 public:
  static mpfr_prec_t working_precision() noexcept { return precision_; }

  mpfr_real() : mpfr_real(0L) {}
  mpfr_real(long v) {  // NOLINT(google-explicit-constructor): integers embed exactly
    mpfr_init2(x_, precision_);
    mpfr_set_si(x_, v, MPFR_RNDN);
  }
  mpfr_real(int v) : mpfr_real(static_cast<long>(v)) {}
  explicit mpfr_real(const rational& q) {
    mpfr_init2(x_, precision_);
    mpfr_set_q(x_, q.backend().data(), MPFR_RNDN);
  }
  explicit mpfr_real(double v) {
    mpfr_init2(x_, precision_);
    mpfr_set_d(x_, v, MPFR_RNDN);
  }
  mpfr_real(const mpfr_real& o) {
    mpfr_init2(x_, mpfr_get_prec(o.x_));
    mpfr_set(x_, o.x_, MPFR_RNDN);
  }
  mpfr_real(mpfr_real&& o) noexcept {
    *x_ = *o.x_;
    o.x_->_mpfr_d = nullptr;
  }
  mpfr_real& operator=(const mpfr_real& o) {
    if (this != &o) {
      if (x_->_mpfr_d == nullptr)
        mpfr_init2(x_, mpfr_get_prec(o.x_));
      else if (precision() != o.precision())
        mpfr_set_prec(x_, mpfr_get_prec(o.x_));  // reallocates: only when the precision changes
      mpfr_set(x_, o.x_, MPFR_RNDN);
    }
    return *this;
  }
  // Assigns an integer in place, at the working precision, without a temporary.
  mpfr_real& operator=(long v) {
    if (x_->_mpfr_d == nullptr)
      mpfr_init2(x_, precision_);
    else if (precision() != precision_)
      mpfr_set_prec(x_, precision_);
    mpfr_set_si(x_, v, MPFR_RNDN);
    return *this;
  }
  mpfr_real& operator=(mpfr_real&& o) noexcept {
    std::swap(*x_, *o.x_);
    return *this;
  }
  ~mpfr_real() {
    if (x_->_mpfr_d != nullptr) mpfr_clear(x_);
  }

  mpfr_srcptr get() const noexcept { return x_; }
  mpfr_ptr get() noexcept { return x_; }
  mpfr_prec_t precision() const noexcept { return mpfr_get_prec(x_); }

  mpfr_real& operator+=(const mpfr_real& o) { return apply(mpfr_add, *this, o); }
  mpfr_real& operator-=(const mpfr_real& o) { return apply(mpfr_sub, *this, o); }
  mpfr_real& operator*=(const mpfr_real& o) { return apply(mpfr_mul, *this, o); }
  mpfr_real& operator/=(const mpfr_real& o) { return apply(mpfr_div, *this, o); }

  friend mpfr_real operator+(const mpfr_real& a, const mpfr_real& b) { return combine(mpfr_add, a, b); }
  friend mpfr_real operator-(const mpfr_real& a, const mpfr_real& b) { return combine(mpfr_sub, a, b); }
  friend mpfr_real operator*(const mpfr_real& a, const mpfr_real& b) { return combine(mpfr_mul, a, b); }
  friend mpfr_real operator/(const mpfr_real& a, const mpfr_real& b) { return combine(mpfr_div, a, b); }
  friend mpfr_real operator-(const mpfr_real& a) {
    mpfr_real r;
    mpfr_neg(r.x_, a.x_, MPFR_RNDN);
    return r;
  }

  friend bool operator==(const mpfr_real& a, const mpfr_real& b) { return mpfr_equal_p(a.x_, b.x_) != 0; }
  friend std::partial_ordering operator<=>(const mpfr_real& a, const mpfr_real& b) {
    if (mpfr_unordered_p(a.x_, b.x_)) return std::partial_ordering::unordered;
    const int c = mpfr_cmp(a.x_, b.x_);
    return c < 0 ? std::partial_ordering::less
                 : (c > 0 ? std::partial_ordering::greater : std::partial_ordering::equivalent);
  }

  friend mpfr_real exp(const mpfr_real& a) { return unary(mpfr_exp, a); }
  friend mpfr_real abs(const mpfr_real& a) { return unary(mpfr_abs, a); }
  friend mpfr_real sqrt(const mpfr_real& a) { return unary(mpfr_sqrt, a); }
  friend bool isfinite(const mpfr_real& a) { return mpfr_number_p(a.x_) != 0; }

  // Shortest decimal that reads back to the same value at this value's precision.
  std::string to_string() const;
  double to_double() const { return mpfr_get_d(x_, MPFR_RNDN); }
  // The rational this finite value denotes, exactly.
  rational exact_value() const {
    rational q;
    mpfr_get_q(q.backend().data(), x_);
    return q;
  }

 private:
  friend class mpfr_precision_scope;
  using binary_op = int (*)(mpfr_ptr, mpfr_srcptr, mpfr_srcptr, mpfr_rnd_t);
  using unary_op = int (*)(mpfr_ptr, mpfr_srcptr, mpfr_rnd_t);

  static mpfr_real combine(binary_op op, const mpfr_real& a, const mpfr_real& b) {
    mpfr_real r;
    op(r.x_, a.x_, b.x_, MPFR_RNDN);
    return r;
  }
  static mpfr_real& apply(binary_op op, mpfr_real& a, const mpfr_real& b) {
    if (a.precision() == precision_) {
      op(a.x_, a.x_, b.x_, MPFR_RNDN);
      return a;
    }
    return a = combine(op, a, b);
  }
  static mpfr_real unary(unary_op op, const mpfr_real& a) {
    mpfr_real r;
    op(r.x_, a.x_, MPFR_RNDN);
    return r;
  }

  // Constant-initialised in the class: no TLS init wrapper, which UBSan (GCC 12) misreports as a
  // null-pointer load when the definition sits in another translation unit.
  static constinit inline thread_local mpfr_prec_t precision_ = 53;
  mpfr_t x_;
};

// Sets the calling thread's working precision (in bits) for its lifetime.
class mpfr_precision_scope {
 public:
  explicit mpfr_precision_scope(mpfr_prec_t bits);
  ~mpfr_precision_scope() { mpfr_real::precision_ = saved_; }
  mpfr_precision_scope(const mpfr_precision_scope&) = delete;
  mpfr_precision_scope& operator=(const mpfr_precision_scope&) = delete;

 private:
  mpfr_prec_t saved_;
};

}  // namespace hardmax
