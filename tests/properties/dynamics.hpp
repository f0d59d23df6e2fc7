// The code under test, as the properties see it: a layer map and a leader rule. The reference is
// the engine (M4) and D1; the properties must also catch deliberately broken variants.
#pragma once

#include "numerics/layer.hpp"

#include <functional>
#include <string>
#include <vector>

namespace hardmax {

struct dynamics {
  std::string name;
  std::function<layer_result<rational>(const model<rational>&, const tokens<rational>&)> step;
  std::function<std::vector<index>(const tokens<rational>&, const attention_pattern&)> leaders;
};

dynamics reference_dynamics();

}  // namespace hardmax
