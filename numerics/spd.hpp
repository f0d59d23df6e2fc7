// Exact test of M2's requirement that A be symmetric positive definite.
#pragma once

#include "numerics/rational.hpp"
#include "numerics/tokens.hpp"

#include <optional>
#include <string>

namespace hardmax {

// Empty when A is symmetric positive definite; otherwise the reason, decided exactly:
// the first asymmetric entry, or the first non-positive pivot of the LDL^T factorisation
// (all pivots positive iff A is positive definite, by Sylvester's criterion).
std::optional<std::string> spd_violation(const matrix<rational>& A);

}  // namespace hardmax
