// Tokens that coincide exactly. Copies stay copies under M4 for ever: equal points have equal score
// rows, hence equal attention sets and equal updates. The certified engine relies on this to certify
// attention to a group of copies without an exact tie test.
#pragma once

#include "numerics/rational.hpp"
#include "numerics/tokens.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

namespace hardmax {

struct copy_classes {
  std::vector<index> class_of;               // class id of each token
  std::vector<std::vector<index>> members;   // tokens of each class, increasing
};

// Sorting the tokens lexicographically groups copies in O(n log n) comparisons instead of O(n^2).
inline copy_classes exact_copies(const tokens<rational>& Z) {
  std::vector<index> order(static_cast<std::size_t>(Z.rows()));
  std::iota(order.begin(), order.end(), index{0});
  const auto less = [&Z](index i, index j) {
    for (index c = 0; c < Z.cols(); ++c)
      if (Z(i, c) != Z(j, c)) return Z(i, c) < Z(j, c);
    return i < j;
  };
  std::sort(order.begin(), order.end(), less);
  copy_classes out;
  out.class_of.assign(static_cast<std::size_t>(Z.rows()), -1);
  std::vector<std::vector<index>> groups;
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (k == 0 || !same_point(Z, order[k - 1], order[k])) groups.emplace_back();
    groups.back().push_back(order[k]);
  }
  // Number classes by their first member, so ids follow token order.
  std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.front() < b.front(); });
  for (auto& g : groups) {
    std::sort(g.begin(), g.end());
    for (index i : g) out.class_of[static_cast<std::size_t>(i)] = static_cast<index>(out.members.size());
    out.members.push_back(std::move(g));
  }
  return out;
}

}  // namespace hardmax
