// The planar hull's three predicates, filtered (CGAL's Filtered_predicate pattern): each is evaluated
// in double and its sign trusted when the value exceeds a proved error bound; otherwise it is decided
// exactly on the doubles' rational values, and `filter_counts` counts both. `margin` scales each
// bound: 1 is the proved one; a test weakens it to show that a filter trusting too much is caught
// (tests/property/filter_margins_test.cpp).
//   orient2d      sign of det(b - a, c - a)   Shewchuk's stage A: (3 + 16 eps) eps (|left| + |right|)
//   preference    sign of <A z, w - v>         8 eps (1 + 16 eps) sum |terms|
//   query_sign    sign of (A z)_r              none: a non-zero double sum has the exact sign
#pragma once

#include "numerics/rational.hpp"

#include <cstddef>

namespace hardmax {

struct filter_counts {
  std::size_t filtered = 0;  // decided in double
  std::size_t exact = 0;     // decided in rational arithmetic
};

inline int sign_of(double x) { return x > 0 ? 1 : (x < 0 ? -1 : 0); }
inline int sign_of(const rational& x) { return x > 0 ? 1 : (x < 0 ? -1 : 0); }

// The error bound the filter compares |det| with, for left = (bx - ax)(cy - ay), right = (by - ay)(cx - ax).
inline double orient2d_error_bound(double left, double right) {
  constexpr double eps = 0x1p-53;
  return (3.0 + 16.0 * eps) * eps * (left < 0 ? -left : left) + (3.0 + 16.0 * eps) * eps * (right < 0 ? -right : right);
}

// Sign of the exact determinant of (b - a, c - a) on the doubles' exact values: > 0 counter-clockwise.
inline int orient2d_exact(double ax, double ay, double bx, double by, double cx, double cy) {
  return sign_of((exact_value(bx) - exact_value(ax)) * (exact_value(cy) - exact_value(ay)) -
                 (exact_value(by) - exact_value(ay)) * (exact_value(cx) - exact_value(ax)));
}

inline int orient2d(double ax, double ay, double bx, double by, double cx, double cy, filter_counts& counts,
                    double margin = 1) {
  const double left = (bx - ax) * (cy - ay), right = (by - ay) * (cx - ax);
  const double det = left - right;
  // Opposite signs (or a zero) of left and right: det has their sign exactly, no cancellation.
  if ((left > 0 && right <= 0) || (left < 0 && right >= 0) || left == 0) return ++counts.filtered, sign_of(det);
  const double bound = margin * orient2d_error_bound(left, right);
  if (det > bound || -det > bound) return ++counts.filtered, sign_of(det);
  ++counts.exact;
  return orient2d_exact(ax, ay, bx, by, cx, cy);
}

// <A z, d> = x (A_00 dx + A_01 dy) + y (A_10 dx + A_11 dy) for z = (x, y), d = (dx, dy), in the
// number type of its arguments (each operation rounded for double, exact for rational).
template <class T>
T preference_form(const T& a00, const T& a01, const T& a10, const T& a11, const T& x, const T& y, const T& dx, const T& dy) {
  return x * (a00 * dx + a01 * dy) + y * (a10 * dx + a11 * dy);
}

// <A z, w - v> in the plane, and the magnitude its rounding error is relative to.
struct preference_value {
  double value, magnitude;
};

inline preference_value preference_in_double(const double A[2][2], double x, double y, double dx, double dy) {
  const auto abs = [](double t) { return t < 0 ? -t : t; };
  return {preference_form(A[0][0], A[0][1], A[1][0], A[1][1], x, y, dx, dy),
          abs(x) * (abs(A[0][0] * dx) + abs(A[0][1] * dy)) + abs(y) * (abs(A[1][0] * dx) + abs(A[1][1] * dy))};
}

inline double preference_error_bound(double magnitude) { return 8 * 0x1p-53 * magnitude * (1 + 16 * 0x1p-53); }

inline int preference_exact(const double A[2][2], double x, double y, double vx, double vy, double wx, double wy) {
  const rational dx = exact_value(wx) - exact_value(vx), dy = exact_value(wy) - exact_value(vy);
  return sign_of(preference_form(exact_value(A[0][0]), exact_value(A[0][1]), exact_value(A[1][0]), exact_value(A[1][1]),
                                 exact_value(x), exact_value(y), dx, dy));
}

// Sign of <A z, w - v> for z = (x, y), v, w.
inline int preference(const double A[2][2], double x, double y, double vx, double vy, double wx, double wy,
                      filter_counts& counts, double margin = 1) {
  const preference_value s = preference_in_double(A, x, y, wx - vx, wy - vy);
  if ((s.value < 0 ? -s.value : s.value) > margin * preference_error_bound(s.magnitude))
    return ++counts.filtered, sign_of(s.value);
  ++counts.exact;
  return preference_exact(A, x, y, vx, vy, wx, wy);
}

// Sign of A_r0 x + A_r1 y (coordinate r of A z). No error bound is needed: rounding to nearest is
// monotone and odd, so a0 x + a1 y > 0 gives fl(a0 x) >= fl(-a1 y) = -fl(a1 y), hence
// fl(fl(a0 x) + fl(a1 y)) >= 0; a non-zero double sum has the exact sign, and only a zero (or NaN
// after overflow) needs the exact path (docs/PRECISION.md). This needs a * b + c evaluated as two
// roundings: the build sets -ffp-contract=off, so no FMA contracts it.
inline int query_sign(double a_r0, double a_r1, double x, double y, filter_counts& counts) {
  const double s = a_r0 * x + a_r1 * y;
  if (s > 0 || s < 0) return ++counts.filtered, s > 0 ? 1 : -1;
  ++counts.exact;
  return sign_of(exact_value(a_r0) * exact_value(x) + exact_value(a_r1) * exact_value(y));
}

}  // namespace hardmax
