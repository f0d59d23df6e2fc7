// The certified engine: M4 in double, carrying a rigorous bound on its distance to the exact
// trajectory, deciding each attention set in double when the bound proves the decision and exactly
// otherwise (CGAL's filtered predicate, applied to attention). Its attention pattern is therefore
// always the exact engine's; its positions are doubles within the reported bound of the exact ones.
#pragma once

#include "numerics/problem.hpp"
#include "numerics/trajectory.hpp"

#include <functional>
#include <stdexcept>
#include <vector>

namespace hardmax {

struct certification_stats {
  std::size_t certified = 0;        // attention sets decided in double, proved by the error bound
  std::size_t decided_exactly = 0;  // attention sets decided in rational arithmetic
  std::size_t leaders_decided_exactly = 0;  // leader tests (D1) that rounding could not settle
  std::vector<index> exact_layers;  // layers where the exact path ran
  std::vector<double> error_bound;  // per layer: every coordinate is within this of the exact value
  std::vector<double> decision_gap; // per layer: the gap a double decision needs, twice the score error bound
};

struct certified_run {
  trajectory<double> path;  // with decided_leaders: D1 decided with exact equality of points
  certification_stats stats;
};

struct certified_engine_error : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// a = max_r sum_c |A_rc|, exactly, then rounded up to a double: the a of Lemma 1 (docs/PRECISION.md).
double row_sum_norm(const matrix<rational>& A);

// Runs `depth` layers of M4 (V = I, no softmax: the error analysis is for M4). `margin` scales the
// proved margins the double decisions need (1); only tests weaken it, to show that such a weakening
// is caught (tests/property/filter_margins_test.cpp).
certified_run simulate_certified(const problem& p, index depth, const std::function<void(index)>& progress = {},
                                 double margin = 1);

}  // namespace hardmax
