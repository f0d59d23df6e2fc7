// One layer of the dynamics (M4; M5 and M6 as options of the model), generic over the number type.
#pragma once

#include "numerics/attention.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace hardmax {

template <class Scalar>
struct layer_result {
  tokens<Scalar> next;          // Z^{k+1}
  attention_pattern attention;  // the pattern of Z^k that produced it (D3)
};

namespace detail {

// m_i for hardmax (M4): the plain mean of the attended tokens, summed in increasing index order.
template <class Scalar>
void hardmax_message(const tokens<Scalar>& Z, const std::vector<index>& C, std::vector<Scalar>& m) {
  for (index c = 0; c < Z.cols(); ++c) {
    Scalar acc(0);
    for (index j : C) acc += Z(j, c);
    m[static_cast<std::size_t>(c)] = acc / Scalar(static_cast<long>(C.size()));
  }
}

// m_i for softmax (M5): weights exp((s_ij - max) / tau), normalised; shifting by the maximum keeps
// every exponent <= 0 so nothing overflows.
template <class Scalar>
void softmax_message(const tokens<Scalar>& Z, const std::vector<Scalar>& s, const Scalar& tau,
                     std::vector<Scalar>& m) {
  if constexpr (scalar_traits<Scalar>::is_exact) {
    throw std::invalid_argument("the softmax variant (M5) needs exp and has no exact engine");
  } else {
    using std::exp;
    const Scalar best = max_score(s);
    std::vector<Scalar> w(s.size());
    Scalar total(0);
    for (std::size_t j = 0; j < s.size(); ++j) {
      w[j] = exp((s[j] - best) / tau);
      total += w[j];
    }
    for (index c = 0; c < Z.cols(); ++c) {
      Scalar acc(0);
      for (index j = 0; j < Z.rows(); ++j) add_product(acc, w[static_cast<std::size_t>(j)], Z(j, c));
      m[static_cast<std::size_t>(c)] = acc / total;
    }
  }
}

// m <- V m (M6).
template <class Scalar>
void apply_value_matrix(const matrix<Scalar>& V, std::vector<Scalar>& m) {
  const std::vector<Scalar> in = m;
  for (index r = 0; r < V.rows(); ++r) {
    Scalar acc(0);
    for (index c = 0; c < V.cols(); ++c) add_product(acc, V(r, c), in[static_cast<std::size_t>(c)]);
    m[static_cast<std::size_t>(r)] = acc;
  }
}

}  // namespace detail

namespace detail {

// z_i' = (z_i + alpha m_i) / (1 + alpha), with m_i <- V m_i first under M6.
template <class Scalar>
void update_token(const model<Scalar>& params, const tokens<Scalar>& Z, index i, const Scalar& one_plus_alpha,
                  std::vector<Scalar>& m, tokens<Scalar>& next) {
  if (params.V) apply_value_matrix(*params.V, m);
  for (index c = 0; c < Z.cols(); ++c)
    next(i, c) = (Z(i, c) + params.alpha * m[static_cast<std::size_t>(c)]) / one_plus_alpha;
}

}  // namespace detail

// M4 with a known attention pattern: every token moves towards the mean of its attention set.
// The certified engine uses it to advance with decided patterns, and to replay them exactly.
template <class Scalar>
tokens<Scalar> advance(const model<Scalar>& params, const tokens<Scalar>& Z, const attention_pattern& C) {
  const Scalar one_plus_alpha = Scalar(1) + params.alpha;
  tokens<Scalar> next(Z.rows(), Z.cols());
  std::vector<Scalar> m(static_cast<std::size_t>(Z.cols()));
  for (index i = 0; i < Z.rows(); ++i) {
    detail::hardmax_message(Z, C[static_cast<std::size_t>(i)], m);
    detail::update_token(params, Z, i, one_plus_alpha, m, next);
  }
  return next;
}

// z_i^{k+1} = (z_i^k + alpha m_i^k) / (1 + alpha) for every token (M4; M5 when tau is set).
template <class Scalar>
layer_result<Scalar> step(const model<Scalar>& params, const tokens<Scalar>& Z) {
  const tokens<Scalar> Q = queries(params.A, Z);
  layer_result<Scalar> out{tokens<Scalar>(), attention_pattern(static_cast<std::size_t>(Z.rows()))};
  const Scalar one_plus_alpha = Scalar(1) + params.alpha;
  if (params.tau) out.next = tokens<Scalar>(Z.rows(), Z.cols());
  std::vector<Scalar> s, m(static_cast<std::size_t>(Z.cols()));
  for (index i = 0; i < Z.rows(); ++i) {
    scores(Q, Z, i, s);
    require_comparable_scores(s, i);
    out.attention[static_cast<std::size_t>(i)] = attention_set(s, params.tie_tolerance);
    if (params.tau) {  // M5 weighs every token by its score: use this row while it is at hand
      detail::softmax_message(Z, s, *params.tau, m);
      detail::update_token(params, Z, i, one_plus_alpha, m, out.next);
    }
  }
  if (!params.tau) out.next = advance(params, Z, out.attention);
  return out;
}

}  // namespace hardmax
