// Rigorous bounds on the rounding errors of the double engine (docs/PRECISION.md has the proofs).
// Standard model: fl(x op y) = (x op y)(1 + delta) + eta, |delta| <= u = 2^-53, |eta| <= 2^-1075
// (eta only on underflow). gamma_n = n u / (1 - n u).
#pragma once

#include <cmath>

namespace hardmax::rounding {

inline constexpr double unit_roundoff = 0x1p-53;

// Evaluating a bound takes at most ~20 floating operations, each off by at most a factor (1 + u);
// multiplying by this factor makes every computed bound an upper bound of the real-number formula.
inline constexpr double evaluation_margin = 1 + 0x1p-40;

// Absolute error a chain of `ops` operations can pick up from underflow.
inline double underflow_slack(double ops) { return ops * 0x1p-1070; }

inline double gamma(double n) { return n * unit_roundoff / (1 - n * unit_roundoff); }

// |fl(q) - q| for the double nearest to q, given |fl(q)| <= magnitude.
inline double representation_error(double magnitude) {
  return (magnitude * unit_roundoff / (1 - unit_roundoff) + underflow_slack(1)) * evaluation_margin;
}

// Scores: if every coordinate of the double state is within E of the exact state and at most M in
// magnitude, and a = max_r sum_c |A_rc|, then |s^_ij - s_ij| <= this (d = dimension).
inline double score_error(double d, double a, double M, double E) {
  const double main = d * a * (2 * M * E + E * E + gamma(2 * d + 3) * M * M);
  return (main + underflow_slack((d + 1) * (d + 1)) * (1 + d * a * M)) * evaluation_margin;
}

// One layer of M4 with the exact pattern: the rounding added to each coordinate, for attention
// sets of at most c tokens and coordinates at most M in magnitude.
inline double update_error(double c, double M) {
  return (gamma(c + 8) * M + underflow_slack(c + 8)) * evaluation_margin;
}

}  // namespace hardmax::rounding
