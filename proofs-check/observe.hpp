// An engine's trajectory taken at the exact values it holds, for checking claims exactly.
#pragma once

#include "numerics/trajectory.hpp"
#include "proofs-check/claims_report.hpp"
#include "theory/leaders.hpp"

namespace hardmax {

template <class Scalar>
observed_trajectory observe(const problem& p, const trajectory<Scalar>& t) {
  observed_trajectory o;
  o.params = model_of<rational>(p);
  o.extendable = scalar_traits<Scalar>::is_exact;
  for (std::size_t k = 0; k < t.layers.size(); ++k) {
    const auto& Z = t.layers[k];
    o.layers.push_back(convert_matrix<rational>(Z, [](const Scalar& x) { return scalar_traits<Scalar>::exact(x); }));
    o.leaders.push_back(leaders_at(t, k));  // the engine's own view (D1 on its pattern, or its decision)
  }
  return o;
}

}  // namespace hardmax
