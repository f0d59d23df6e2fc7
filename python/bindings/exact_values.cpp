#include "python/bindings/exact_values.hpp"

#include "io/config_file.hpp"

#include <fmt/format.h>
#include <pybind11/numpy.h>

#include <cmath>

namespace py = pybind11;

namespace hardmax::python {
namespace {

std::string type_name(const py::handle& value) { return py::str(py::type::handle_of(value).attr("__name__")); }

}  // namespace

nlohmann::json exact_number(const py::handle& value, const std::string& source, const std::string& field) {
  static const py::object fraction_type = py::module_::import("fractions").attr("Fraction");
  static const py::object decimal_type = py::module_::import("decimal").attr("Decimal");
  const py::object x = py::reinterpret_borrow<py::object>(value);
  // NumPy scalars say what they are by their dtype's kind: b(oolean), i/u (integers), f (floats).
  const std::string kind = py::hasattr(x, "dtype") ? std::string(py::str(x.attr("dtype").attr("kind"))) : "";
  if (py::hasattr(x, "ndim") && py::int_(x.attr("ndim")).cast<long>() != 0)
    throw input_error(source, field, fmt::format("expected a number, found an array of shape {}", std::string(py::str(x.attr("shape")))));
  if (py::isinstance<py::bool_>(x) || kind == "b") throw input_error(source, field, "expected a number, found a boolean");
  if (py::isinstance<py::int_>(x) || kind == "i" || kind == "u") return std::string(py::str(py::int_(x)));
  if (py::isinstance(x, fraction_type))
    return fmt::format("{}/{}", std::string(py::str(x.attr("numerator"))), std::string(py::str(x.attr("denominator"))));
  if (py::isinstance<py::str>(x) || py::isinstance(x, decimal_type)) return std::string(py::str(x));
  if (py::isinstance<py::float_>(x) || kind == "f") {
    const double v = py::float_(x).cast<double>();
    if (!std::isfinite(v)) throw input_error(source, field, fmt::format("{} is not a real number", v));
    return to_string(exact_value(v));
  }
  throw input_error(source, field, fmt::format("expected a number (int, float, Fraction or a string such as \"1/3\"), "
                                               "found {}", type_name(x)));
}

nlohmann::json exact_rows(const py::handle& value, const std::string& source, const std::string& field) {
  // A NumPy array (or anything with __array__) is read as its nested lists: Python floats and ints,
  // each float the double it holds.
  const bool array_like = !py::isinstance<py::list>(value) && !py::isinstance<py::tuple>(value) && py::hasattr(value, "__array__");
  const py::object rows_object = array_like ? py::module_::import("numpy").attr("asarray")(value).attr("tolist")()
                                            : py::reinterpret_borrow<py::object>(value);
  if (!py::isinstance<py::list>(rows_object) && !py::isinstance<py::tuple>(rows_object))
    throw input_error(source, field, fmt::format("expected an array, found {}", type_name(value)));
  const py::sequence rows = rows_object;
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const std::string row_field = fmt::format("{}[{}]", field, r);
    const py::handle row = rows[r];
    if (!py::isinstance<py::list>(row) && !py::isinstance<py::tuple>(row))
      throw input_error(source, row_field, fmt::format("expected an array, found {}", type_name(row)));
    nlohmann::json numbers = nlohmann::json::array();
    const py::sequence entries = py::reinterpret_borrow<py::sequence>(row);
    for (std::size_t c = 0; c < entries.size(); ++c)
      numbers.push_back(exact_number(entries[c], source, fmt::format("{}[{}]", row_field, c)));
    out.push_back(std::move(numbers));
  }
  return out;
}

py::object fraction(const rational& q) {
  static const py::object fraction_type = py::module_::import("fractions").attr("Fraction");
  const auto integer = [](const auto& z) {
    return py::reinterpret_steal<py::object>(PyLong_FromString(z.str().c_str(), nullptr, 10));
  };
  return fraction_type(integer(boost::multiprecision::numerator(q)), integer(boost::multiprecision::denominator(q)));
}

py::list fraction_rows(const matrix<rational>& m) {
  py::list rows;
  for (index r = 0; r < m.rows(); ++r) {
    py::list row;
    for (index c = 0; c < m.cols(); ++c) row.append(fraction(m(r, c)));
    rows.append(row);
  }
  return rows;
}

}  // namespace hardmax::python
