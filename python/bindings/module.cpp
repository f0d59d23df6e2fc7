// The extension module `hardmax._hardmax`: registers the bindings and maps the library's errors
// (classified once, io/failure.hpp) to Python exceptions, as the command line maps them to exit codes:
// bad input (exit 2) -> ValueError, resource limits (exit 5) -> hardmax.ResourceLimitError,
// a floating engine leaving its range (exit 3) -> hardmax.NumericalFailure, SIGINT -> KeyboardInterrupt.
#include "io/failure.hpp"
#include "io/run_limits.hpp"
#include "io/version.hpp"
#include "numerics/attention.hpp"
#include "python/bindings/batched.hpp"
#include "python/bindings/configuration.hpp"
#include "python/bindings/reports.hpp"
#include "python/bindings/trajectory.hpp"

#include <pybind11/pybind11.h>

namespace py = pybind11;

namespace {

// The module's own exception types, created once at import and alive as long as the module.
PyObject* resource_limit = nullptr;
PyObject* numerical_failure = nullptr;

void translate_errors() {
  py::register_exception_translator([](std::exception_ptr p) {
    if (!p) return;
    const std::optional<hardmax::failure> f = hardmax::classify(p);
    if (!f) std::rethrow_exception(p);  // pybind11's own translators take the rest
    PyObject* type = nullptr;
    switch (f->kind) {
      case hardmax::failure_kind::bad_input: type = PyExc_ValueError; break;
      case hardmax::failure_kind::bad_output: type = PyExc_OSError; break;
      case hardmax::failure_kind::resource_limit: type = resource_limit; break;
      case hardmax::failure_kind::numeric_failure: type = numerical_failure; break;
      case hardmax::failure_kind::interrupted: type = PyExc_KeyboardInterrupt; break;
    }
    PyErr_SetString(type, f->message.c_str());
  });
}

}  // namespace

PYBIND11_MODULE(_hardmax, m) {
  m.doc() = "hardmax: pure-attention hardmax transformers, exactly (THEORY.md M, D, L1-L6)";
  m.attr("__version__") = hardmax::version;
  m.attr("source_revision") = hardmax::source_revision;
  resource_limit = py::exception<hardmax::run_limit_error>(m, "ResourceLimitError", PyExc_RuntimeError).ptr();
  numerical_failure = py::exception<hardmax::non_finite_error>(m, "NumericalFailure", PyExc_ArithmeticError).ptr();
  translate_errors();
  hardmax::python::bind_configuration(m);
  hardmax::python::bind_trajectory(m);
  hardmax::python::bind_reports(m);
  hardmax::python::bind_batched(m);
}
