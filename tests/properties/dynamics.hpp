// The code under test, as the properties see it: a layer map, a leader rule and the general L6
// certificate's rules. The reference is the engine (M4), D1 and the sound rules; the properties must
// also catch deliberately broken variants.
#pragma once

#include "numerics/layer.hpp"
#include "proofs-check/general_certificate.hpp"

#include <functional>
#include <string>
#include <vector>

namespace hardmax {

struct dynamics {
  std::string name;
  std::function<layer_result<rational>(const model<rational>&, const tokens<rational>&)> step;
  std::function<std::vector<index>(const tokens<rational>&, const attention_pattern&)> leaders;
  certificate_rules rules;
};

dynamics reference_dynamics();

}  // namespace hardmax
