// L6 (finite-time clustering): the exact certificate, at a layer K, that the attention pattern of
// layer K never changes again, so every token moves on a straight line to its target
// t_i = mean_{j in C_i(Z^K)} z_j^K and the limit is Z* = (t_i), known exactly at layer K.
//
// With u_i = z_i^K - t_i, the certificate is (THEORY.md L6):
//   (a) every C_i(Z^K) contains only leaders of Z^K;
//       checked here in the weaker form (a'): every c in C_i(Z^K) is at rest, z_c^K = t_c. Leaders
//       are at rest (they attend only to their copies), and the induction below only needs that
//       attended tokens do not move; (a') also certifies a token held at a symmetric centre, which
//       attends to itself among others for ever and for which (a) never holds (docs/THEOREMS.md).
//       Whether THEORY.md's (a) itself held is recorded.
//   (b) ties persist: <A t_i, z_c - z_c'> = 0 for all c, c' in C_i(Z^K);
//   (c) strict preferences persist: for c in C_i(Z^K) and j not in C_i(Z^K), the quadratic
//       g(s) = <A (t_i + s u_i), z_c - (t_j + s u_j)> is > 0 on (0, 1].
// Why it suffices: at layer k >= K every token is at t_i + s u_i with s = (1 + alpha)^{-(k-K)} in
// (0, 1]; leaders do not move (L2), so (b) and the tie at layer K keep C_i's ties, and (c) keeps every
// other token strictly below them.
#pragma once

#include "numerics/attention.hpp"
#include "proofs-check/quadratic_positivity.hpp"
#include "theory/a_norm.hpp"
#include "theory/clusters.hpp"
#include "theory/leaders.hpp"

#include <fmt/format.h>

#include <optional>
#include <string>

namespace hardmax {

struct certificate_failure {
  char condition;                // 'a', 'b' or 'c'
  index token;                   // i
  index attended;                // c in C_i
  std::optional<index> other;    // c' (b) or j (c)
  std::string detail;
  std::string describe() const;
};

struct limit_certificate {
  bool holds = false;
  index layer = 0;                   // K
  attention_pattern pattern;         // C_i(Z^K)
  tokens<rational> targets;          // t_i: the exact limit if the certificate holds
  std::size_t ties_checked = 0;      // (b) equalities verified
  std::size_t quadratics_checked = 0;  // (c) quadratics proved positive on (0, 1]
  std::size_t zero_at_zero = 0;      // ... of which with g(0) = 0
  std::size_t interior_vertices = 0; // ... of which needed the interior-vertex test
  std::vector<index> attended_at_rest;  // attended non-leaders at rest: where (a') was needed beyond (a)
  std::optional<certificate_failure> failure;  // the first condition that failed
};

inline std::string certificate_failure::describe() const {
  switch (condition) {
    case 'a':
      return fmt::format("(a) token {} attends to token {}, which is neither a leader nor at rest (z_c != t_c)", token,
                         attended);
    case 'b': return fmt::format("(b) token {}: the tie between tokens {} and {} does not persist ({})", token, attended,
                                 *other, detail);
    default: return fmt::format("(c) token {}: preference for token {} over token {} may not persist: {}", token, attended,
                                *other, detail);
  }
}

namespace detail {

// g(s) = <A (t_i + s u_i), z_c - t_j - s u_j> = -<A u_i, u_j> s^2 + (<A u_i, z_c - t_j> - <A t_i, u_j>) s + <A t_i, z_c - t_j>.
inline quadratic preference_quadratic(const matrix<rational>& A, const point& t_i, const point& u_i, const point& z_c,
                                      const point& t_j, const point& u_j) {
  const point gap = z_c - t_j;
  return {-a_inner(A, u_i, u_j), a_inner(A, u_i, gap) - a_inner(A, t_i, u_j), a_inner(A, t_i, gap)};
}

}  // namespace detail

inline limit_certificate certify_limit(const matrix<rational>& A, const tokens<rational>& Z, index layer) {
  limit_certificate r;
  r.layer = layer;
  r.pattern = attention(A, Z);
  r.targets = targets(Z, r.pattern);
  const std::vector<index> L = leaders(Z, r.pattern);
  const auto fail = [&r](certificate_failure f) {
    r.failure = std::move(f);
    return r;
  };
  for (index i = 0; i < Z.rows(); ++i)  // (a')
    for (index c : r.pattern[static_cast<std::size_t>(i)]) {
      if (std::binary_search(L.begin(), L.end(), c)) continue;
      if (Z.row(c) != r.targets.row(c)) return fail({'a', i, c, std::nullopt, ""});
      if (std::find(r.attended_at_rest.begin(), r.attended_at_rest.end(), c) == r.attended_at_rest.end())
        r.attended_at_rest.push_back(c);
    }
  std::sort(r.attended_at_rest.begin(), r.attended_at_rest.end());
  for (index i = 0; i < Z.rows(); ++i) {  // (b): against the first member suffices, equality being transitive
    const auto& C = r.pattern[static_cast<std::size_t>(i)];
    for (std::size_t k = 1; k < C.size(); ++k) {
      const rational d = a_inner(A, row(r.targets, i), row(Z, C[0]) - row(Z, C[k]));
      if (d != 0) return fail({'b', i, C[0], C[k], fmt::format("<A t_i, z_c - z_c'> = {}", to_string(d))});
      ++r.ties_checked;
    }
  }
  for (index i = 0; i < Z.rows(); ++i) {  // (c)
    const auto& C = r.pattern[static_cast<std::size_t>(i)];
    const point t_i = row(r.targets, i), u_i = row(Z, i) - t_i;
    for (index j = 0; j < Z.rows(); ++j) {
      if (std::binary_search(C.begin(), C.end(), j)) continue;
      const point t_j = row(r.targets, j), u_j = row(Z, j) - t_j;
      for (index c : C) {
        const quadratic g = detail::preference_quadratic(A, t_i, u_i, row(Z, c), t_j, u_j);
        const positivity p = positive_on_unit_interval(g);
        if (!is_positive(p))
          return fail({'c', i, c, j,
                       fmt::format("g(s) = {} s^2 + {} s + {}: {}", to_string(g.a), to_string(g.b), to_string(g.c),
                                   to_string(p))});
        ++r.quadratics_checked;
        r.zero_at_zero += p == positivity::positive_from_zero;
        r.interior_vertices += p == positivity::positive_at_vertex;
      }
    }
  }
  r.holds = true;
  return r;
}

}  // namespace hardmax
