#include "numerics/hull_attention.hpp"

#include "numerics/planar_predicates.hpp"

#include <algorithm>
#include <numeric>
#include <type_traits>

namespace hardmax {
namespace {

template <class S>
struct planar {
  const matrix<S>& A;
  const tokens<S>& Z;
  hull_stats& stats;
  double margin;  // scales every filter's error bound: 1 is the proved bound

  S x(index i) const { return Z(i, 0); }
  S y(index i) const { return Z(i, 1); }

  // Orientation of (p, q, r): > 0 counter-clockwise (filtered for doubles: numerics/planar_predicates.hpp).
  int orient(index p, index qq, index r) {
    if constexpr (std::is_same_v<S, double>) {
      return orient2d(x(p), y(p), x(qq), y(qq), x(r), y(r), stats, margin);
    } else {
      ++stats.exact;
      return sign_of((x(qq) - x(p)) * (y(r) - y(p)) - (y(qq) - y(p)) * (x(r) - x(p)));
    }
  }

  // sign of <A z_i, z_v - z_u>.
  int preference(index i, index u, index v) {
    if constexpr (std::is_same_v<S, double>) {
      const double a[2][2] = {{A(0, 0), A(0, 1)}, {A(1, 0), A(1, 1)}};
      return hardmax::preference(a, x(i), y(i), x(u), y(u), x(v), y(v), stats, margin);
    } else {
      ++stats.exact;
      return sign_of(preference_form(A(0, 0), A(0, 1), A(1, 0), A(1, 1), x(i), y(i), rational(x(v) - x(u)), rational(y(v) - y(u))));
    }
  }

  // sign of the r-th coordinate of A z_i.
  int query_sign(index i, index r) {
    if constexpr (std::is_same_v<S, double>) {
      return hardmax::query_sign(A(r, 0), A(r, 1), x(i), y(i), stats);
    } else {
      ++stats.exact;
      return sign_of(A(r, 0) * x(i) + A(r, 1) * y(i));
    }
  }
};

// A convex chain with its collinear boundary points: vertices (strict turns) and, for each edge
// between consecutive vertices, every boundary point on it.
struct chain {
  std::vector<index> vertices;              // representative tokens
  std::vector<std::vector<index>> edges;    // edges[k]: points from vertices[k] to vertices[k+1]
};

template <class S>
chain monotone_chain(planar<S>& P, const std::vector<index>& sorted_points) {
  std::vector<index> c;
  for (index p : sorted_points) {
    while (c.size() >= 2 && P.orient(c[c.size() - 2], c.back(), p) < 0) c.pop_back();
    c.push_back(p);
  }
  chain out;
  out.vertices.push_back(c.front());
  std::vector<index> edge{c.front()};
  for (std::size_t k = 1; k < c.size(); ++k) {
    edge.push_back(c[k]);
    const bool turn = k + 1 == c.size() || P.orient(c[k - 1], c[k], c[k + 1]) != 0;
    if (turn) {
      out.vertices.push_back(c[k]);
      out.edges.push_back(edge);
      edge = {c[k]};
    }
  }
  return out;
}

// The face of the chain exposed to token i (whose direction points to this chain's side): the
// points of the first edge along which the score stops increasing, if it is flat, else its vertex.
template <class S>
const std::vector<index>& face_on(planar<S>& P, const chain& ch, index i, std::vector<index>& single) {
  std::size_t lo = 0, hi = ch.edges.size();  // first edge k with <w, v_{k+1} - v_k> <= 0
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (P.preference(i, ch.vertices[mid], ch.vertices[mid + 1]) <= 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  if (lo < ch.edges.size() && P.preference(i, ch.vertices[lo], ch.vertices[lo + 1]) == 0) return ch.edges[lo];
  single = {ch.vertices[lo]};
  return single;
}

template <class S>
attention_pattern hull_attention_impl(const matrix<S>& A, const tokens<S>& Z, hull_stats* stats_out, double margin) {
  hull_stats stats;
  planar<S> P{A, Z, stats, margin};
  const index n = Z.rows();
  std::vector<index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), index{0});
  std::sort(order.begin(), order.end(), [&](index a, index b) {
    return Z(a, 0) < Z(b, 0) || (Z(a, 0) == Z(b, 0) && (Z(a, 1) < Z(b, 1) || (Z(a, 1) == Z(b, 1) && a < b)));
  });
  // Unique points, each with its copies (increasing token order within a copy group).
  std::vector<index> unique_points;
  std::vector<std::vector<index>> copies_of(static_cast<std::size_t>(n));
  for (index t : order) {
    if (unique_points.empty() || !(Z(t, 0) == Z(unique_points.back(), 0) && Z(t, 1) == Z(unique_points.back(), 1)))
      unique_points.push_back(t);
    copies_of[static_cast<std::size_t>(unique_points.back())].push_back(t);
  }
  std::vector<index> all(static_cast<std::size_t>(n));
  std::iota(all.begin(), all.end(), index{0});
  attention_pattern C(static_cast<std::size_t>(n));
  if (unique_points.size() == 1) {
    std::fill(C.begin(), C.end(), all);
  } else {
    const chain lower = monotone_chain(P, unique_points);
    std::vector<index> reversed(unique_points.rbegin(), unique_points.rend());
    const chain upper = monotone_chain(P, reversed);
    // The points with the largest and smallest x: the faces exposed by horizontal directions.
    const auto column = [&](bool right) {
      std::vector<index> pts;
      const index end = right ? unique_points.back() : unique_points.front();
      for (index u : unique_points)
        if (Z(u, 0) == Z(end, 0)) pts.push_back(u);
      return pts;
    };
    const std::vector<index> right_column = column(true), left_column = column(false);
    std::vector<index> single;
    for (index i = 0; i < n; ++i) {
      const int wy = P.query_sign(i, 1);
      const std::vector<index>* face;
      if (wy < 0)
        face = &face_on(P, lower, i, single);
      else if (wy > 0)
        face = &face_on(P, upper, i, single);
      else {
        const int wx = P.query_sign(i, 0);
        face = wx > 0 ? &right_column : (wx < 0 ? &left_column : nullptr);  // A z_i = 0: z_i = 0, all tie
      }
      auto& Ci = C[static_cast<std::size_t>(i)];
      if (!face) {
        Ci = all;
        continue;
      }
      for (index u : *face) Ci.insert(Ci.end(), copies_of[static_cast<std::size_t>(u)].begin(), copies_of[static_cast<std::size_t>(u)].end());
      std::sort(Ci.begin(), Ci.end());
    }
  }
  if (stats_out) *stats_out = stats;
  return C;
}

}  // namespace

attention_pattern hull_attention(const matrix<double>& A, const tokens<double>& Z, hull_stats* stats, double margin) {
  return hull_attention_impl(A, Z, stats, margin);
}

attention_pattern hull_attention(const matrix<rational>& A, const tokens<rational>& Z, hull_stats* stats) {
  return hull_attention_impl(A, Z, stats, 1.0);
}

}  // namespace hardmax
