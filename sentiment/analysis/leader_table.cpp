#include "sentiment/analysis/leader_table.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hardmax::sentiment {

leader_table tabulate_leaders(std::span<const review_leaders> reviews) {
  leader_table t;
  t.reviews = reviews.size();
  if (reviews.empty()) return t;
  double sum = 0, sum_squares = 0, first = 0;
  t.min = std::numeric_limits<std::size_t>::max();
  for (const review_leaders& r : reviews) {
    const double n = static_cast<double>(r.last.size());
    sum += n;
    sum_squares += n * n;
    first += static_cast<double>(r.first.size());
    t.min = std::min(t.min, r.last.size());
    t.max = std::max(t.max, r.last.size());
    if (!std::includes(r.last.begin(), r.last.end(), r.first.begin(), r.first.end())) ++t.lost_leaders;
  }
  const double count = static_cast<double>(reviews.size());
  t.mean = sum / count;
  t.std = std::sqrt(std::max(0.0, sum_squares / count - t.mean * t.mean));
  t.fraction_from_layer_0 = sum > 0 ? first / sum : 0;
  return t;
}

}  // namespace hardmax::sentiment
