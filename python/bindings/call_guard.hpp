// How every long C++ call runs from Python: without the GIL, with SIGINT/SIGTERM recorded by the
// library's own interruption flag (numerics/interruption.hpp), which the computation polls between
// units of work; `interrupted` then reaches Python as KeyboardInterrupt (module.cpp).
#pragma once

#include "numerics/interruption.hpp"

#include <pybind11/pybind11.h>

#include <utility>

namespace hardmax::python {

template <class F>
decltype(auto) without_gil(F&& f) {
  const interrupt_scope signals;
  const pybind11::gil_scoped_release released;
  return std::forward<F>(f)();
}

}  // namespace hardmax::python
