// Z^0, Z^1, ..., Z^K under the shared layer, with the attention pattern of every layer.
#pragma once

#include "numerics/layer.hpp"

#include <fmt/format.h>

#include <functional>
#include <stdexcept>

namespace hardmax {

template <class Scalar>
struct trajectory {
  std::vector<tokens<Scalar>> layers;     // Z^0 .. Z^K
  std::vector<attention_pattern> attention;  // pattern of Z^0 .. Z^K (D3)
  // Leader sets decided by the engine itself (the certified engine, which knows exact equality of
  // points that rounding may merge); empty when they follow from the positions by D1.
  std::vector<std::vector<index>> decided_leaders;

  index depth() const { return static_cast<index>(layers.size()) - 1; }
};

template <class Scalar>
void require_finite(const tokens<Scalar>& Z, index layer) {
  for (index i = 0; i < Z.rows(); ++i)
    for (index c = 0; c < Z.cols(); ++c)
      if (!scalar_traits<Scalar>::is_finite(Z(i, c)))
        throw non_finite_error(fmt::format("layer {}: token {} coordinate {} is {} (the floating engine left its range)",
                                           layer, i, c, scalar_traits<Scalar>::to_string(Z(i, c))));
}

namespace detail {

// Runs work on layer k, naming the layer in a floating engine's range error.
template <class Work>
auto at_layer(index k, Work work) {
  try {
    return work();
  } catch (const non_finite_error& e) {
    throw non_finite_error(fmt::format("layer {}: {}", k, e.what()));
  }
}

}  // namespace detail

// Called with each new layer before it is stored; may throw to stop the run (resource guards).
template <class Scalar>
using layer_guard = std::function<void(index, const tokens<Scalar>&)>;

// Another way of deciding M3's attention sets with the same result (the planar hull path); empty
// means all pairs of scores.
template <class Scalar>
using attention_rule = std::function<attention_pattern(const model<Scalar>&, const tokens<Scalar>&)>;

// Runs `depth` layers from Z0. `progress(k)` is called after layer k is stored, if given.
template <class Scalar>
trajectory<Scalar> simulate(const model<Scalar>& params, const tokens<Scalar>& Z0, index depth,
                            const std::function<void(index)>& progress = {}, const layer_guard<Scalar>& guard = {},
                            const attention_rule<Scalar>& rule = {}) {
  trajectory<Scalar> t;
  t.layers.reserve(static_cast<std::size_t>(depth) + 1);
  t.attention.reserve(static_cast<std::size_t>(depth) + 1);
  t.layers.push_back(Z0);
  for (index k = 0; k < depth; ++k) {
    layer_result<Scalar> r = detail::at_layer(k, [&] {
      if (!rule) return step(params, t.layers.back());
      layer_result<Scalar> out{tokens<Scalar>(), rule(params, t.layers.back())};
      out.next = advance(params, t.layers.back(), out.attention);
      return out;
    });
    if constexpr (!scalar_traits<Scalar>::is_exact) require_finite(r.next, k + 1);
    if (guard) guard(k + 1, r.next);
    t.attention.push_back(std::move(r.attention));
    t.layers.push_back(std::move(r.next));
    if (progress) progress(k + 1);
  }
  t.attention.push_back(detail::at_layer(depth, [&] {
    return rule ? rule(params, t.layers.back()) : attention(params, t.layers.back());
  }));
  return t;
}

}  // namespace hardmax
