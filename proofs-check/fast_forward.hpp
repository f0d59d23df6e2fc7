// Depth for free after K* (L6): layer K* + m of a certified trajectory from the certificate's closed
// form, not by iterating M4.
//
// Straight-line certificate: z_i^{K+m} = t_i + c_m (z_i^K - t_i), c_m = (1 + alpha)^{-m}, in O(n d)
// whatever m is. Exactly, when c_m's size fits --max-bits (else growth_limit_error before any work);
// in a floating type, c_m correctly rounded (MPFR at 256 bits, then rounded once) and the three
// operations rounded, with the bound of `rounding_bound` (docs/PRECISION.md, "Fast-forward").
// General certificate: Z^{K+m} = T^m Z^K. Exactly, by M4 on the certified pattern (`advance`: the
// attention sets need not be recomputed), within the growth guards; in floating types not yet (the call throws
// fast_forward_unavailable, saying so).
#pragma once

#include "numerics/growth_guard.hpp"
#include "numerics/scalar_traits.hpp"
#include "proofs-check/limit_search.hpp"

#include <stdexcept>

namespace hardmax {

struct fast_forward_unavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

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

}  // namespace hardmax
