#include "proofs-check/fast_forward.hpp"

#include "numerics/exact_size.hpp"
#include "numerics/layer.hpp"
#include "numerics/mpfr_real.hpp"

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
  if (!line)
    throw fast_forward_unavailable(fmt::format(
        "layer {}: the general L6 certificate held at K* = {}; its closed form T^m Z^K is evaluated exactly only "
        "(use --engine exact within the growth guards, or at most 1000000 layers, which are iterated)",
        layer, s.K()));
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

}  // namespace hardmax
