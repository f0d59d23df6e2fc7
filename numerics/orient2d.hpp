// The orientation predicate of the planar hull, filtered (Shewchuk's orient2d, stage A, CGAL's
// Filtered_predicate pattern): the determinant is evaluated in double and its sign trusted when it
// exceeds the proved error bound (3 + 16 eps) eps (|left| + |right|); otherwise it is decided exactly
// on the doubles' rational values. `margin` scales the bound: 1 is the proved one; a test weakens it
// to show that a filter trusting too much is caught (tests/property/filter_margins_test.cpp).
#pragma once

#include "numerics/rational.hpp"

#include <cstddef>

namespace hardmax {

struct filter_counts {
  std::size_t filtered = 0;  // decided in double
  std::size_t exact = 0;     // decided in rational arithmetic
};

// The error bound the filter compares |det| with, for left = (bx - ax)(cy - ay), right = (by - ay)(cx - ax).
inline double orient2d_error_bound(double left, double right) {
  constexpr double eps = 0x1p-53;
  return (3.0 + 16.0 * eps) * eps * (left < 0 ? -left : left) + (3.0 + 16.0 * eps) * eps * (right < 0 ? -right : right);
}

// Sign of the exact determinant of (b - a, c - a) on the doubles' exact values: > 0 counter-clockwise.
inline int orient2d_exact(double ax, double ay, double bx, double by, double cx, double cy) {
  const rational d = (exact_value(bx) - exact_value(ax)) * (exact_value(cy) - exact_value(ay)) -
                     (exact_value(by) - exact_value(ay)) * (exact_value(cx) - exact_value(ax));
  return d > 0 ? 1 : (d < 0 ? -1 : 0);
}

inline int orient2d(double ax, double ay, double bx, double by, double cx, double cy, filter_counts& counts,
                    double margin = 1) {
  const double left = (bx - ax) * (cy - ay), right = (by - ay) * (cx - ax);
  const double det = left - right;
  const auto sign = [](double x) { return x > 0 ? 1 : (x < 0 ? -1 : 0); };
  // Opposite signs (or a zero) of left and right: det has their sign exactly, no cancellation.
  if ((left > 0 && right <= 0) || (left < 0 && right >= 0) || left == 0) return ++counts.filtered, sign(det);
  const double bound = margin * orient2d_error_bound(left, right);
  if (det > bound || -det > bound) return ++counts.filtered, sign(det);
  ++counts.exact;
  return orient2d_exact(ax, ay, bx, by, cx, cy);
}

}  // namespace hardmax
