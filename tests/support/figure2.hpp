// The committed Figure-2 configurations (data/configs/, written by scripts/make-figure2-configs).
#pragma once

#include "io/config_file.hpp"

#include <string>

namespace hardmax::testing {

inline problem figure2(const std::string& name) {
  return read_problem(std::string(HARDMAX_SOURCE_DIR) + "/data/configs/" + name + ".json");
}

}  // namespace hardmax::testing
