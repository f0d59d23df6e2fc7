// One property per claim of THEORY.md, read like the claim, checked exactly at every layer of a run
// of the dynamics under test (at most 60 layers, the problem's depth).
#pragma once

#include "properties/dynamics.hpp"
#include "numerics/problem.hpp"

#include <functional>
#include <string>
#include <vector>

namespace hardmax {

// Budget (layers examined) for the L6 certificate, and the further layers checked on its lines.
inline constexpr index certificate_budget = 200;
inline constexpr index layers_on_the_lines = 20;

struct claim_property {
  std::string name;         // "L1" ...
  std::string description;  // the claim in words
  std::function<void(const problem&, const dynamics&)> check;  // RC_ASSERT / RC_FAIL on violation
};

// L1, L2, L3, L4, L5 (faces), L6 (certificate and lines).
const std::vector<claim_property>& claim_properties();

}  // namespace hardmax
