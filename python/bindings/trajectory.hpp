// hardmax.simulate and hardmax.Trajectory: a planned run (io/simulation_plan.hpp) of any engine,
// with its positions as a NumPy array (floating engines) or Fraction objects (exact).
#pragma once

#include <pybind11/pybind11.h>

namespace hardmax::python {

void bind_trajectory(pybind11::module_& m);

}  // namespace hardmax::python
