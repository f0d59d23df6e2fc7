// Where each token is heading at a layer, and the clusters this forms.
//
// Under M4 with V = I, token i moves towards t_i = mean_{j in C_i(Z^k)} z_j^k. Once the attention
// pattern never changes again, t_i is the token's exact limit (L6); before that it is only the
// current heading. `hardmax limit` (L6) certifies when the pattern has settled.
#pragma once

#include "numerics/layer.hpp"
#include "theory/leaders.hpp"

#include <vector>

namespace hardmax {

template <class Scalar>
tokens<Scalar> targets(const tokens<Scalar>& Z, const attention_pattern& C) {
  tokens<Scalar> T(Z.rows(), Z.cols());
  std::vector<Scalar> m(static_cast<std::size_t>(Z.cols()));
  for (index i = 0; i < Z.rows(); ++i) {
    detail::hardmax_message(Z, C[static_cast<std::size_t>(i)], m);
    for (index c = 0; c < Z.cols(); ++c) T(i, c) = m[static_cast<std::size_t>(c)];
  }
  return T;
}

struct cluster {
  index representative;          // first member: its row of the points holds the cluster's point
  std::vector<index> members;    // increasing
  bool holds_leader;             // some member is a leader of the configuration (D1)
};

// Groups tokens whose points are exactly equal, in order of first member.
template <class Scalar>
std::vector<cluster> clusters(const tokens<Scalar>& points, const std::vector<index>& leader_set) {
  std::vector<cluster> out;
  for (index i = 0; i < points.rows(); ++i) {
    auto it = std::find_if(out.begin(), out.end(), [&](const cluster& c) { return same_point(points, c.representative, i); });
    if (it == out.end()) it = out.insert(out.end(), cluster{i, {}, false});
    it->members.push_back(i);
    it->holds_leader = it->holds_leader || std::binary_search(leader_set.begin(), leader_set.end(), i);
  }
  return out;
}

}  // namespace hardmax
