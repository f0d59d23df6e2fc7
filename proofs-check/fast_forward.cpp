#include "proofs-check/fast_forward.hpp"

#include "numerics/exact_size.hpp"
#include "numerics/layer.hpp"
#include "numerics/mpfr_real.hpp"
#include "proofs-check/pattern_chain.hpp"

#include <fmt/format.h>
#include <mpfr.h>

#include <cmath>

namespace hardmax {
namespace {

const straight_line_certificate* straight_line(const limit_search& s) {
  if (!s.certified) throw std::invalid_argument("fast-forward needs a certified limit search");
  return s.certificate.kind == certificate_kind::straight_line ? &s.certificate.straight_line : nullptr;
}

index offset(const limit_search& s, index layer) {
  if (layer < s.K()) throw std::invalid_argument(fmt::format("fast-forward: layer {} is before K* = {}", layer, s.K()));
  return layer - s.K();
}

// c_m = (1 + alpha)^{-m} needs about m * bits(1 + alpha) bits: refused before it is computed.
void require_fits(const rational& alpha, index m, index layer, const growth_limits& limits) {
  const double estimate = static_cast<double>(m) * static_cast<double>(bits(1 + alpha));
  if (limits.max_bits && m > 0 && estimate > static_cast<double>(limits.max_bits))
    throw growth_limit_error(fmt::format("layer {}: the exact closed form needs coordinates of about {:.3g} bits "
                                         "((1 + alpha)^-{}), more than --max-bits {}; the limit itself is exact "
                                         "(`hardmax limit`), or use a floating engine",
                                         layer, estimate, m, limits.max_bits));
}

// Calls use((1 + alpha)^{-m} at `bits` bits): 1 + alpha rounded to `bits`, whose relative error
// m 2^-bits is far below any working precision's unit roundoff for m <= 10^18, then the power.
template <class Use>
void with_contraction(const rational& alpha, index m, mpfr_prec_t bits, Use use) {
  mpfr_t c;
  mpfr_init2(c, bits);
  const rational one_plus_alpha = 1 + alpha;
  mpfr_set_q(c, one_plus_alpha.backend().data(), MPFR_RNDN);
  mpfr_pow_si(c, c, -static_cast<long>(m), MPFR_RNDN);
  use(c);
  mpfr_clear(c);
}

}  // namespace

tokens<rational> exact_layer_after(const limit_search& s, const model<rational>& params, index layer,
                                   const growth_limits& limits) {
  const rational& alpha = params.alpha;
  const index m = offset(s, layer);
  if (s.last_layer == s.limit()) return s.limit();  // already clustered: every later layer is the limit
  require_fits(alpha, m, layer, limits);
  if (const straight_line_certificate* line = straight_line(s)) {
    rational c = 1, base = 1 / (1 + alpha);
    for (index e = m; e > 0; e >>= 1) {  // c = (1 + alpha)^{-m} by squaring
      if (e & 1) c *= base;
      if (e > 1) base *= base;
    }
    const tokens<rational>& t = line->targets;
    tokens<rational> Z(t.rows(), t.cols());
    for (index i = 0; i < t.rows(); ++i)
      for (index col = 0; col < t.cols(); ++col) Z(i, col) = t(i, col) + c * (s.last_layer(i, col) - t(i, col));
    return Z;
  }
  tokens<rational> Z = s.last_layer;
  const layer_guard<rational> guard = exact_growth_guard(limits, std::make_shared<std::size_t>(0));
  for (index k = 1; k <= m; ++k) {
    Z = advance(params, Z, s.certificate.pattern);  // M4 on the certified pattern
    guard(s.K() + k, Z);
  }
  return Z;
}

double contraction_factor(const rational& alpha, index m) {
  double out = 0;
  with_contraction(alpha, m, 256, [&](mpfr_srcptr c) { out = mpfr_get_d(c, MPFR_RNDN); });
  return out;
}

template <class Scalar>
tokens<Scalar> floating_layer_after(const limit_search& s, const rational& alpha, index layer) {
  const index m = offset(s, layer);
  const straight_line_certificate* line = straight_line(s);
  if (!line) throw std::invalid_argument("floating_layer_after: the straight-line certificate's closed form (general_closed_form for the general one)");
  Scalar c;
  if constexpr (std::is_same_v<Scalar, double>)
    c = contraction_factor(alpha, m);
  else  // rounded once to the working precision
    with_contraction(alpha, m, std::max<mpfr_prec_t>(256, 2 * mpfr_real::working_precision()),
                     [&](mpfr_srcptr x) { mpfr_set(c.get(), x, MPFR_RNDN); });
  const tokens<rational>& t = line->targets;
  tokens<Scalar> Z(t.rows(), t.cols());
  for (index i = 0; i < t.rows(); ++i)
    for (index col = 0; col < t.cols(); ++col) {
      const Scalar target = scalar_traits<Scalar>::from_rational(t(i, col));
      const Scalar start = scalar_traits<Scalar>::from_rational(s.last_layer(i, col));
      Z(i, col) = target + c * (start - target);
    }
  return Z;
}

template tokens<double> floating_layer_after<double>(const limit_search&, const rational&, index);
template tokens<mpfr_real> floating_layer_after<mpfr_real>(const limit_search&, const rational&, index);

double rounding_bound(const limit_search& s, double c_m, double unit_roundoff, double eta) {
  const straight_line_certificate* line = straight_line(s);
  if (!line) return 0;
  const tokens<rational>& t = line->targets;
  double worst = 0;
  for (index i = 0; i < t.rows(); ++i)
    for (index col = 0; col < t.cols(); ++col) {
      const double ti = std::abs(nearest_double(t(i, col))), zk = std::abs(nearest_double(s.last_layer(i, col)));
      const double gap = std::abs(nearest_double(rational(s.last_layer(i, col) - t(i, col))));
      const double z = ti + c_m * gap;  // |z| <= |t| + c |z^K - t|
      worst = std::max(worst, 1.01 * unit_roundoff * (ti + z + c_m * (zk + ti + 3 * gap)) + eta * (1 + gap));
    }
  return worst * (1 + 8 * unit_roundoff);  // the bound's own evaluation, rounded up
}

namespace {

// An upper bound of x as a double: rounded up at 256 bits, then to a double.
double rounded_up(mpfr_srcptr x) { return mpfr_get_d(x, MPFR_RNDU); }

// max |z| over Z, as a double not below it.
double largest_magnitude(const tokens<rational>& Z) {
  double out = 0;
  for (index i = 0; i < Z.rows(); ++i)
    for (index c = 0; c < Z.cols(); ++c) out = std::max(out, std::abs(nearest_double(Z(i, c))));
  return out * (1 + 0x1p-52);  // nearest_double may round |z| down by half an ulp
}

}  // namespace

general_closed_form::general_closed_form(const limit_search& s, const model<rational>& params) : search_(s), params_(params) {
  if (!s.certified || s.certificate.kind != certificate_kind::general || !s.certificate.chain)
    throw std::invalid_argument("general_closed_form needs a search certified by the general certificate");
  std::tie(q_, rho_) = contracting_power(*s.certificate.chain);
  const tokens<rational>& Zs = s.limit();
  for (index i = 0; i < Zs.rows(); ++i)
    for (index c = 0; c < Zs.cols(); ++c) deviation_ = std::max(deviation_, rational(abs(s.last_layer(i, c) - Zs(i, c))));
  largest_limit_ = largest_magnitude(Zs);
}

double general_closed_form::tail_bound(index m) const {
  if (q_ == 0 || deviation_ == 0) return 0;  // every class a leader's: Z^K is the limit
  mpfr_t x, dev;
  mpfr_inits2(256, x, dev, static_cast<mpfr_ptr>(nullptr));
  mpfr_set_q(x, rho_.backend().data(), MPFR_RNDU);
  mpfr_pow_ui(x, x, static_cast<unsigned long>(m / q_), MPFR_RNDU);
  mpfr_set_q(dev, deviation_.backend().data(), MPFR_RNDU);
  mpfr_mul(x, x, dev, MPFR_RNDU);
  const double out = rounded_up(x);
  mpfr_clears(x, dev, static_cast<mpfr_ptr>(nullptr));
  return out;
}

template <class Scalar>
rounded_layer<Scalar> general_closed_form::layer(index m, double unit_roundoff, const growth_limits& limits) const {
  const double eta = std::numeric_limits<double>::denorm_min();
  rounded_layer<Scalar> out;
  const double tail = tail_bound(m);
  out.from_limit = tail <= unit_roundoff * largest_limit_;
  const tokens<rational> exact = out.from_limit ? search_.limit() : exact_layer_after(search_, params_, search_.K() + m, limits);
  out.Z = convert_matrix<Scalar>(exact, [](const rational& x) { return scalar_traits<Scalar>::from_rational(x); });
  // Each coordinate rounded once to nearest: |fl(z) - z| <= u |z| + eta; then the tail if the limit
  // stands for the layer; the few double operations of the bound rounded up by the last factor.
  const double rounding = unit_roundoff * (out.from_limit ? largest_limit_ : largest_magnitude(exact)) + eta;
  out.bound = (rounding + (out.from_limit ? tail : 0)) * (1 + 0x1p-50);
  return out;
}

template rounded_layer<double> general_closed_form::layer<double>(index, double, const growth_limits&) const;
template rounded_layer<mpfr_real> general_closed_form::layer<mpfr_real>(index, double, const growth_limits&) const;

}  // namespace hardmax
