// Numbers between Python and the library: Python ints, fractions.Fraction, decimal strings such as
// "1/3" and floats (each double taken at its exact value, as configuration files take JSON numbers)
// become exact rationals; rationals go back as Fraction. One conversion for every binding.
#pragma once

#include "numerics/rational.hpp"
#include "numerics/tokens.hpp"

#include <nlohmann/json.hpp>
#include <pybind11/pybind11.h>

#include <string>

namespace hardmax::python {

// A number as the configuration format writes it exactly (a JSON string "p/q"); `field` names it
// in the input_error raised for NaN, infinities, booleans and non-numbers.
nlohmann::json exact_number(const pybind11::handle& value, const std::string& source, const std::string& field);

// A nested sequence (list of lists, or a NumPy array) of numbers, as rows of exact numbers; ragged
// rows stay ragged so that the configuration reader reports them as a file's would be.
nlohmann::json exact_rows(const pybind11::handle& value, const std::string& source, const std::string& field);

pybind11::object fraction(const rational& q);
pybind11::list fraction_rows(const matrix<rational>& m);

}  // namespace hardmax::python
