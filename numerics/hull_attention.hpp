// Attention sets in the plane from the convex hull (D2): C_i is the set of tokens on the face of
// conv(Z) exposed by A z_i. The hull is built with exact orientation predicates; each token's face is
// found by binary search over a hull chain in O(log n); every token on that face (vertices, points on
// the edge, duplicates) is recovered. Decisions are exact on the coordinates the engine holds, as an
// exact comparison of all n^2 scores would give, in O(n log n) instead of O(n^2).
//
// Predicates are filtered (CGAL's Filtered_predicate): evaluated in double with an error bound, and
// in rationals only when the bound cannot decide; `hull_stats` counts both.
#pragma once

#include "numerics/model.hpp"
#include "numerics/planar_predicates.hpp"
#include "numerics/tokens.hpp"

#include <cstddef>

namespace hardmax {

using hull_stats = filter_counts;  // predicates decided in double, and in rational arithmetic

// The attention pattern of a planar configuration (d = 2), decided exactly; for double and rational.
// `margin` scales the double filters' proved error bounds (1); only tests weaken it.
attention_pattern hull_attention(const matrix<double>& A, const tokens<double>& Z, hull_stats* stats = nullptr,
                                 double margin = 1);
attention_pattern hull_attention(const matrix<rational>& A, const tokens<rational>& Z, hull_stats* stats = nullptr);

}  // namespace hardmax
