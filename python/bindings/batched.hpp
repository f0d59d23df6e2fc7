// hardmax.batched.simulate: the batched double engine (numerics/batched_engine.hpp) on a
// (batch, n, d) float array, threads over configurations, the GIL released.
#pragma once

#include <pybind11/pybind11.h>

namespace hardmax::python {

void bind_batched(pybind11::module_& m);

}  // namespace hardmax::python
