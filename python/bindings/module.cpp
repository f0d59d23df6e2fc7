// The extension module `hardmax._hardmax`: registers the bindings and maps the library's errors to
// Python exceptions, as the command line maps them to exit codes (apps/cli.cpp, docs/CLI.md):
// bad input (exit 2) -> ValueError, resource limits (exit 5) -> hardmax.ResourceLimitError,
// a floating engine leaving its range (exit 3) -> hardmax.NumericalFailure, SIGINT -> KeyboardInterrupt.
#include "io/atomic_file.hpp"
#include "io/config_file.hpp"
#include "io/run_limits.hpp"
#include "io/version.hpp"
#include "numerics/certified_engine.hpp"
#include "numerics/engine.hpp"
#include "numerics/growth_guard.hpp"
#include "numerics/interruption.hpp"
#include "numerics/trajectory.hpp"
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
    using namespace hardmax;
    try {
      if (p) std::rethrow_exception(p);
    } catch (const input_error& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const certified_engine_error& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const engine_error& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const representation_error& e) {
      PyErr_SetString(PyExc_ValueError, (std::string("the input cannot be represented in this engine: ") + e.what()).c_str());
    } catch (const output_error& e) {
      PyErr_SetString(PyExc_OSError, e.what());
    } catch (const growth_limit_error& e) {
      PyErr_SetString(resource_limit, e.what());
    } catch (const run_limit_error& e) {
      PyErr_SetString(resource_limit, e.what());
    } catch (const interrupted& e) {
      PyErr_SetString(PyExc_KeyboardInterrupt, e.what());
    } catch (const non_finite_error& e) {
      PyErr_SetString(numerical_failure, e.what());
    }
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
