// One layer of the dynamics (M4; M5 and M6 as options of the model), generic over the number type.
#pragma once

#include "numerics/attention.hpp"

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

// z_i^{k+1} = (z_i^k + alpha m_i^k) / (1 + alpha) for every token (M4).
template <class Scalar>
layer_result<Scalar> step(const model<Scalar>& params, const tokens<Scalar>& Z) {
  const tokens<Scalar> Q = queries(params.A, Z);
  const Scalar one_plus_alpha = Scalar(1) + params.alpha;
  layer_result<Scalar> out{tokens<Scalar>(Z.rows(), Z.cols()), attention_pattern(static_cast<std::size_t>(Z.rows()))};
  std::vector<Scalar> s, m(static_cast<std::size_t>(Z.cols()));
  for (index i = 0; i < Z.rows(); ++i) {
    scores(Q, Z, i, s);
    auto& C = out.attention[static_cast<std::size_t>(i)];
    C = attention_set(s, params.tie_tolerance);
    if (params.tau)
      detail::softmax_message(Z, s, *params.tau, m);
    else
      detail::hardmax_message(Z, C, m);
    if (params.V) detail::apply_value_matrix(*params.V, m);
    for (index c = 0; c < Z.cols(); ++c)
      out.next(i, c) = (Z(i, c) + params.alpha * m[static_cast<std::size_t>(c)]) / one_plus_alpha;
  }
  return out;
}

}  // namespace hardmax
