// The check, limit and compare reports (proofs-check/check_report, limit_report, engine_comparison)
// as JSON text, exactly the documents the command line writes; hardmax/__init__.py presents them.
#pragma once

#include <pybind11/pybind11.h>

namespace hardmax::python {

void bind_reports(pybind11::module_& m);

}  // namespace hardmax::python
