// Depth for free after K* (L6): layer K* + m of a certified trajectory from the certificate's closed
// form, not by iterating M4.
//
// Straight-line certificate: z_i^{K+m} = t_i + c_m (z_i^K - t_i), c_m = (1 + alpha)^{-m}, in O(n d)
// whatever m is. Exactly, when c_m's size fits --max-bits (else growth_limit_error before any work);
// in a floating type, c_m correctly rounded (MPFR at 256 bits, then rounded once) and the three
// operations rounded, with the bound of `rounding_bound` (docs/PRECISION.md, "Fast-forward").
// General certificate: Z^{K+m} = T^m Z^K. Exactly, by M4 on the certified pattern (`advance`: the
// attention sets need not be recomputed), within the growth guards. In a floating type with unit
// roundoff u (general_closed_form): from K + m on, ||Z^{K+m} - Z*||_max <= rho^floor(m/q) ||Z^K - Z*||_max
// (E^q's exact infinity norm rho < 1 on the transient classes, E = T - T^inf); while that tail exceeds
// u max|Z*| the exact layer is computed and rounded once, after it the exact limit Z* is rounded once
// and the tail added to the bound (docs/PRECISION.md, "Fast-forward").
#pragma once

#include "numerics/growth_guard.hpp"
#include "numerics/scalar_traits.hpp"
#include "proofs-check/limit_search.hpp"

#include <stdexcept>

namespace hardmax {

// Layer `layer` >= K* of a certified search of the hardmax M4 problem `params`, exactly.
tokens<rational> exact_layer_after(const limit_search& s, const model<rational>& params, index layer,
                                   const growth_limits& limits);

// The same rounded to Scalar (double or mpfr_real at the current precision), straight-line only.
template <class Scalar>
tokens<Scalar> floating_layer_after(const limit_search& s, const rational& alpha, index layer);

// Per coordinate, a bound on |floating_layer_after - exact layer| for unit roundoff u (first order
// with a 1% margin, plus the smallest subnormal for underflow):
//   1.01 u (|t| + |z| + c_m (|z^K| + |t| + 3 |z^K - t|)) + eta (1 + |z^K - t|),
// the largest over the layer, as a double rounded up; `c_m` is (1 + alpha)^{-m} rounded to double.
double rounding_bound(const limit_search& s, double c_m, double unit_roundoff, double eta);

// (1 + alpha)^{-m} correctly rounded to nearest double (MPFR at 256 bits; 0 on underflow).
double contraction_factor(const rational& alpha, index m);

// A layer in a floating type and a bound on every coordinate's distance to the exact layer.
template <class Scalar>
struct rounded_layer {
  tokens<Scalar> Z;
  double bound = 0;
  bool from_limit = false;  // the exact limit rounded (the tail below one rounding), not the exact layer
};

// The general certificate's layers after K* in floating types (the straight-line certificate has
// floating_layer_after). Built once per search: the contracting power q and rho of the certified
// pattern's chain, and the exact deviation ||Z^K - Z*||_max.
class general_closed_form {
 public:
  general_closed_form(const limit_search& s, const model<rational>& params);

  // An upper bound, as a double rounded up, of ||Z^{K+m} - Z*||_max: rho^floor(m/q) ||Z^K - Z*||_max
  // (the powers of E below q have norm at most 1: T restricted to the transient classes is substochastic).
  double tail_bound(index m) const;

  // Layer K + m rounded to Scalar (double, or mpfr_real at the current precision) with unit roundoff
  // u, and its bound: u |z| + eta per coordinate from the exact layer (within the growth guards, else
  // growth_limit_error), or u |z*| + eta + tail_bound(m) from the exact limit once tail_bound(m) <=
  // u max|Z*|; the largest over the layer, rounded up. eta is the smallest subnormal (underflow).
  template <class Scalar>
  rounded_layer<Scalar> layer(index m, double unit_roundoff, const growth_limits& limits) const;

 private:
  const limit_search& search_;
  const model<rational>& params_;
  index q_ = 0;
  rational rho_, deviation_;
  double largest_limit_ = 0;  // max |Z*|, rounded up
};

}  // namespace hardmax
