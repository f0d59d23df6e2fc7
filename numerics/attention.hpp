// Scores s_ij = <A z_i, z_j> (M2) and attention sets C_i (M3).
//
// Every sum runs in increasing index order starting from zero, one rounding per operation, so the
// double engine and the MPFR engine at 53 bits perform the same operations and round identically.
#pragma once

#include "numerics/accumulate.hpp"
#include "numerics/model.hpp"

#include <fmt/format.h>

#include <stdexcept>
#include <vector>

namespace hardmax {

// A floating engine produced an infinity or NaN: the run stops rather than continue silently.
struct non_finite_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The queries A z_i of all tokens, one per row (n x d).
template <class Scalar>
tokens<Scalar> queries(const matrix<Scalar>& A, const tokens<Scalar>& Z) {
  tokens<Scalar> Q(Z.rows(), Z.cols());
  for (index i = 0; i < Z.rows(); ++i)
    for (index r = 0; r < A.rows(); ++r) {
      Scalar& acc = Q(i, r);
      acc = 0L;
      for (index c = 0; c < A.cols(); ++c) add_product(acc, A(r, c), Z(i, c));
    }
  return Q;
}

// Row i of the score matrix: s_ij = <q_i, z_j> for every j, written into `s` (resized to n).
template <class Scalar>
void scores(const tokens<Scalar>& Q, const tokens<Scalar>& Z, index i, std::vector<Scalar>& s) {
  s.resize(static_cast<std::size_t>(Z.rows()));
  for (index j = 0; j < Z.rows(); ++j) {
    Scalar& acc = s[static_cast<std::size_t>(j)];  // accumulate in place: no temporary per score
    acc = 0L;
    for (index c = 0; c < Z.cols(); ++c) add_product(acc, Q(i, c), Z(j, c));
  }
}

template <class Scalar>
const Scalar& max_score(const std::vector<Scalar>& s) {
  const Scalar* best = &s.front();
  for (const Scalar& v : s)
    if (v > *best) best = &v;
  return *best;
}

// Floating engines: M3 is decided on a row only if its largest score is finite and no score is NaN.
// An overflowed maximum would tie at infinity; a NaN (overflows of opposite signs inside one dot
// product) compares false with everything and would silently drop that token from C_i.
template <class Scalar>
void require_comparable_scores(const std::vector<Scalar>& s, index i) {
  if constexpr (!scalar_traits<Scalar>::is_exact) {
    if (!scalar_traits<Scalar>::is_finite(max_score(s)))
      throw non_finite_error(fmt::format("token {}: its largest score is {}, out of the engine's range", i,
                                         scalar_traits<Scalar>::to_string(max_score(s))));
    for (std::size_t j = 0; j < s.size(); ++j)
      if (s[j] != s[j])
        throw non_finite_error(fmt::format("token {}: its score with token {} is NaN (the dot product overflowed with "
                                           "both signs)", i, j));
  }
}

// C_i = { j : s_ij = max_l s_il } (M3), decided by exact comparison of the engine's values;
// with a tie tolerance (floating engines only) every j with s_ij >= max - tol * |max|.
template <class Scalar>
std::vector<index> attention_set(const std::vector<Scalar>& s, const std::optional<Scalar>& tie_tolerance) {
  const Scalar& best = max_score(s);
  std::vector<index> C;
  if (tie_tolerance) {
    using std::abs;
    const Scalar threshold = best - *tie_tolerance * abs(best);
    for (std::size_t j = 0; j < s.size(); ++j)
      if (s[j] >= threshold) C.push_back(static_cast<index>(j));
  } else {
    for (std::size_t j = 0; j < s.size(); ++j)
      if (s[j] == best) C.push_back(static_cast<index>(j));
  }
  return C;
}

// The attention pattern of a configuration (D3); exact ties unless a tolerance is given.
template <class Scalar>
attention_pattern attention(const matrix<Scalar>& A, const tokens<Scalar>& Z,
                            const std::optional<Scalar>& tie_tolerance = std::nullopt) {
  const tokens<Scalar> Q = queries(A, Z);
  attention_pattern pattern(static_cast<std::size_t>(Z.rows()));
  std::vector<Scalar> s;
  for (index i = 0; i < Z.rows(); ++i) {
    scores(Q, Z, i, s);
    require_comparable_scores(s, i);
    pattern[static_cast<std::size_t>(i)] = attention_set(s, tie_tolerance);
  }
  return pattern;
}

template <class Scalar>
attention_pattern attention(const model<Scalar>& m, const tokens<Scalar>& Z) {
  return attention(m.A, Z, m.tie_tolerance);
}

}  // namespace hardmax
