#include "python/bindings/configuration.hpp"

#include "io/atomic_file.hpp"
#include "io/config_file.hpp"
#include "io/json_layout.hpp"
#include "python/bindings/exact_values.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

namespace py = pybind11;

namespace hardmax::python {
namespace {

const std::string python_source = "hardmax.Configuration";

configuration from_values(const py::object& tokens, const py::object& alpha, const py::object& A, const py::object& V,
                          const py::object& tau, const py::object& layers, const std::string& description) {
  nlohmann::json doc = {{"tokens", exact_rows(tokens, python_source, "tokens")},
                        {"alpha", exact_number(alpha, python_source, "alpha")}};
  if (!A.is_none()) doc["A"] = exact_rows(A, python_source, "A");
  if (!V.is_none()) doc["V"] = exact_rows(V, python_source, "V");
  if (!tau.is_none()) doc["tau"] = exact_number(tau, python_source, "tau");
  if (!layers.is_none()) {
    if (!py::isinstance<py::int_>(layers) || py::isinstance<py::bool_>(layers))
      throw input_error(python_source, "layers", "expected a whole number");
    doc["layers"] = nlohmann::json::parse(std::string(py::str(layers)));
  }
  if (!description.empty()) doc["description"] = description;
  return {parse_problem(doc, python_source), python_source};
}

py::array_t<double> nearest_array(const matrix<rational>& m) {
  py::array_t<double> out({m.rows(), m.cols()});
  auto view = out.mutable_unchecked<2>();
  for (index r = 0; r < m.rows(); ++r)
    for (index c = 0; c < m.cols(); ++c) view(r, c) = nearest_double(m(r, c));
  return out;
}

}  // namespace

void bind_configuration(py::module_& m) {
  py::class_<configuration>(m, "Configuration",
                            "A configuration of THEORY.md M1-M2 (and M5/M6 if tau or V is given), held exactly.\n\n"
                            "Numbers may be int, fractions.Fraction, strings such as \"1/3\" (all exact) or floats\n"
                            "(each double taken at its exact value, as configuration files take JSON numbers).\n"
                            "Invalid input raises ValueError with the command line's message.")
      .def(py::init(&from_values), py::arg("tokens"), py::arg("alpha"), py::arg("A") = py::none(),
           py::arg("V") = py::none(), py::arg("tau") = py::none(), py::arg("layers") = py::none(),
           py::arg("description") = "")
      .def_static(
          "from_json", [](const std::string& path) { return configuration{read_problem(path), path}; }, py::arg("path"),
          "Read a configuration file (docs/FORMAT.md)")
      .def(
          "to_json",
          [](const configuration& c, const std::optional<std::string>& path) -> py::object {
            const std::string text = json_text(to_json(c.value), 1);
            if (!path) return py::str(text);
            write_atomically(*path, [&](std::ostream& out) { out << text << '\n'; });
            return py::none();
          },
          py::arg("path") = py::none(), "The configuration file (exact numbers): its text, or with `path` written there atomically")
      .def_property_readonly("n", [](const configuration& c) { return c.value.size(); })
      .def_property_readonly("d", [](const configuration& c) { return c.value.dimension(); })
      .def_property_readonly("alpha", [](const configuration& c) { return fraction(c.value.alpha); })
      .def_property_readonly("tokens", [](const configuration& c) { return fraction_rows(c.value.Z0); },
                             "The initial tokens Z^0, exactly (Fraction)")
      .def_property_readonly("tokens_array", [](const configuration& c) { return nearest_array(c.value.Z0); },
                             "Z^0 as a float array, each entry the nearest double")
      .def_property_readonly("A", [](const configuration& c) { return fraction_rows(c.value.A); })
      .def_property_readonly("layers", [](const configuration& c) { return c.value.layers; })
      .def_property_readonly("source", [](const configuration& c) { return c.source; })
      .def("__repr__", [](const configuration& c) {
        return "<hardmax.Configuration n=" + std::to_string(c.value.size()) + " d=" + std::to_string(c.value.dimension()) +
               " alpha=" + to_string(c.value.alpha) + (c.value.tau ? " softmax" : "") + ">";
      });
}

}  // namespace hardmax::python
