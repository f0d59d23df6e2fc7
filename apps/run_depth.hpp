// How many layers a command runs: --layers, else the file's "layers".
#pragma once

#include "io/config_file.hpp"

#include <optional>
#include <string>

namespace hardmax {

inline index run_depth(const problem& p, const std::optional<long>& layers_option, const std::string& config) {
  if (layers_option) return static_cast<index>(*layers_option);
  if (p.layers) return *p.layers;
  throw input_error(config, "layers", "no depth given: set \"layers\" in the file or pass --layers");
}

}  // namespace hardmax
