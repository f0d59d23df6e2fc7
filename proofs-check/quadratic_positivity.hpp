// Exact test that a quadratic g(s) = a s^2 + b s + c is > 0 for every s in (0, 1] (L6 (c)).
#pragma once

#include "numerics/rational.hpp"

#include <string>

namespace hardmax {

struct quadratic {
  rational a, b, c;  // g(s) = a s^2 + b s + c
  rational at(const rational& s) const { return (a * s + b) * s + c; }
};

// How positivity on (0, 1] was decided, or which test failed.
enum class positivity {
  positive,               // g(0) > 0, g(1) > 0 and no interior minimum below zero
  positive_from_zero,     // g(0) = 0 and g(s) = s (a s + b) with a s + b > 0 on (0, 1]
  positive_at_vertex,     // convex with its vertex in (0, 1), where g > 0 (4ac - b^2 > 0)
  fails_at_one,           // g(1) <= 0
  fails_near_zero,        // g(0) < 0, or g(0) = 0 and g decreases (or stays 0) right of 0
  fails_at_vertex,        // convex, vertex in (0, 1) with g(vertex) <= 0
};

inline bool is_positive(positivity p) {
  return p == positivity::positive || p == positivity::positive_from_zero || p == positivity::positive_at_vertex;
}

inline std::string to_string(positivity p) {
  switch (p) {
    case positivity::positive: return "positive";
    case positivity::positive_from_zero: return "positive (g(0) = 0, increasing)";
    case positivity::positive_at_vertex: return "positive (interior vertex checked)";
    case positivity::fails_at_one: return "g(1) <= 0";
    case positivity::fails_near_zero: return "g <= 0 just right of s = 0";
    case positivity::fails_at_vertex: return "g <= 0 at its interior vertex";
  }
  return "?";
}

inline positivity positive_on_unit_interval(const quadratic& g) {
  if (g.a + g.b + g.c <= 0) return positivity::fails_at_one;
  if (g.c < 0) return positivity::fails_near_zero;
  if (g.c == 0)  // g(s) = s (a s + b): the linear factor is positive at s = 1, so it must be at 0+.
    return g.b > 0 || (g.b == 0 && g.a > 0) ? positivity::positive_from_zero : positivity::fails_near_zero;
  // g(0) > 0 and g(1) > 0: only a convex g with its vertex -b/(2a) strictly inside (0, 1) can dip.
  const bool vertex_inside = g.a > 0 && g.b < 0 && -g.b < 2 * g.a;
  if (!vertex_inside) return positivity::positive;
  return 4 * g.a * g.c - g.b * g.b > 0 ? positivity::positive_at_vertex : positivity::fails_at_vertex;
}

}  // namespace hardmax
