// The paper's leader table (THEORY.md, "Interpretation"): leaders per review at the last layer (mean,
// std, min, max) and the share of them that already led at layer 0.
#pragma once

#include "sentiment/analysis/review_leaders.hpp"

#include <cstddef>
#include <span>

namespace hardmax::sentiment {

struct leader_table {
  std::size_t reviews = 0;
  double mean = 0;               // leaders (distinct words) per review at the last layer
  double std = 0;                // population standard deviation of the same
  std::size_t min = 0, max = 0;
  // sum over reviews of |L(Z^0)| / sum of |L(Z^L)|: the fraction of final leaders that led at layer 0.
  double fraction_from_layer_0 = 0;
  // Reviews with a layer-0 leader that no longer leads at the last layer. L2 says there are none; a
  // non-zero count would be a finding (with the double engine it can also be rounding).
  std::size_t lost_leaders = 0;
};

leader_table tabulate_leaders(std::span<const review_leaders> reviews);

}  // namespace hardmax::sentiment
