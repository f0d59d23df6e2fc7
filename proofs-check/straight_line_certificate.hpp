// L6, the straight-line case: the exact certificate, at a layer K, that the attention pattern C of
// Z^K never changes again when every attended token is already at rest. Then every token moves on a
// straight line to its target t_i = mean_{j in C_i(Z^K)} z_j^K, and the limit is Z* = (t_i).
//
// With u_i = z_i^K - t_i, the certificate is (THEORY.md L6):
//   (a') every c in every C_i(Z^K) is at rest, z_c^K = t_c (leaders are; THEORY.md's original (a),
//        "only leaders", never holds for a token held at a symmetric centre, docs/THEOREMS.md);
//   (b)  ties persist: <A t_i, z_c - z_c'> = 0 for all c, c' in C_i(Z^K);
//   (c)  strict preferences persist: for c in C_i(Z^K) and j not in C_i(Z^K), the quadratic
//        g(s) = <A (t_i + s u_i), z_c - (t_j + s u_j)> is > 0 on (0, 1].
// Why it suffices: at layer k >= K every token is at t_i + s u_i with s = (1 + alpha)^{-(k-K)} in
// (0, 1]; attended tokens do not move, so (b) and the tie at layer K keep C_i's ties, and (c) keeps
// every other token strictly below them. When (a') fails, the general certificate
// (general_certificate.hpp) decides the same question.
#pragma once

#include "numerics/attention.hpp"
#include "proofs-check/certificate_failure.hpp"
#include "proofs-check/quadratic_positivity.hpp"
#include "theory/a_norm.hpp"
#include "theory/clusters.hpp"
#include "theory/leaders.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>

namespace hardmax {

struct straight_line_certificate {
  bool holds = false;
  tokens<rational> targets;            // t_i: the exact limit if the certificate holds
  std::size_t ties_checked = 0;        // (b) equalities verified
  std::size_t quadratics_checked = 0;  // (c) quadratics proved positive on (0, 1]
  std::size_t zero_at_zero = 0;        // ... of which with g(0) = 0
  std::size_t interior_vertices = 0;   // ... of which needed the interior-vertex test
  std::vector<index> attended_at_rest; // attended non-leaders at rest: where (a') was needed beyond (a)
  std::optional<certificate_failure> failure;  // the first condition that failed
};

namespace detail {

// g(s) = <A (t_i + s u_i), z_c - t_j - s u_j> = -<A u_i, u_j> s^2 + (<A u_i, z_c - t_j> - <A t_i, u_j>) s + <A t_i, z_c - t_j>.
inline quadratic preference_quadratic(const matrix<rational>& A, const point& t_i, const point& u_i, const point& z_c,
                                      const point& t_j, const point& u_j) {
  const point gap = z_c - t_j;
  return {-a_inner(A, u_i, u_j), a_inner(A, u_i, gap) - a_inner(A, t_i, u_j), a_inner(A, t_i, gap)};
}

}  // namespace detail

inline straight_line_certificate certify_straight_line(const matrix<rational>& A, const tokens<rational>& Z,
                                                       const attention_pattern& C) {
  straight_line_certificate r;
  r.targets = targets(Z, C);
  const std::vector<index> L = leaders(Z, C);
  const auto fail = [&r](certificate_failure f) {
    r.failure = std::move(f);
    return r;
  };
  for (index i = 0; i < Z.rows(); ++i)  // (a')
    for (index c : C[static_cast<std::size_t>(i)]) {
      if (std::binary_search(L.begin(), L.end(), c)) continue;
      if (Z.row(c) != r.targets.row(c))
        return fail({"a", i, c, std::nullopt,
                     fmt::format("(a') token {} attends to token {}, which is neither a leader nor at rest (z_c != t_c)", i, c), std::nullopt});
      if (std::find(r.attended_at_rest.begin(), r.attended_at_rest.end(), c) == r.attended_at_rest.end())
        r.attended_at_rest.push_back(c);
    }
  std::sort(r.attended_at_rest.begin(), r.attended_at_rest.end());
  for (index i = 0; i < Z.rows(); ++i) {  // (b): against the first member suffices, equality being transitive
    const auto& Ci = C[static_cast<std::size_t>(i)];
    for (std::size_t k = 1; k < Ci.size(); ++k) {
      const rational d = a_inner(A, row(r.targets, i), row(Z, Ci[0]) - row(Z, Ci[k]));
      if (d != 0)
        return fail({"b", i, Ci[0], Ci[k],
                     fmt::format("(b) token {}: the tie between tokens {} and {} does not persist (<A t_i, z_c - z_c'> = {})",
                                 i, Ci[0], Ci[k], to_string(d)), std::nullopt});
      ++r.ties_checked;
    }
  }
  for (index i = 0; i < Z.rows(); ++i) {  // (c)
    const auto& Ci = C[static_cast<std::size_t>(i)];
    const point t_i = row(r.targets, i), u_i = row(Z, i) - t_i;
    for (index j = 0; j < Z.rows(); ++j) {
      if (std::binary_search(Ci.begin(), Ci.end(), j)) continue;
      const point t_j = row(r.targets, j), u_j = row(Z, j) - t_j;
      for (index c : Ci) {
        const quadratic g = detail::preference_quadratic(A, t_i, u_i, row(Z, c), t_j, u_j);
        const positivity p = positive_on_unit_interval(g);
        if (!is_positive(p))
          return fail({"c", i, c, j,
                       fmt::format("(c) token {}: preference for token {} over token {} may not persist: g(s) = {} s^2 + {} s "
                                   "+ {}: {}",
                                   i, c, j, to_string(g.a), to_string(g.b), to_string(g.c), to_string(p)), std::nullopt});
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
