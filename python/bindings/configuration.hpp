// hardmax.Configuration: a problem (numerics/problem.hpp) built from Python values through the
// configuration reader itself (io/config_file.hpp), so every check and message is the file's.
#pragma once

#include "numerics/problem.hpp"

#include <pybind11/pybind11.h>

#include <string>

namespace hardmax::python {

struct configuration {
  problem value;
  std::string source;  // what errors and reports name: the file, or "hardmax.Configuration"
};

void bind_configuration(pybind11::module_& m);

}  // namespace hardmax::python
