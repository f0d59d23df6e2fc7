// One way of writing shortest round-trip decimals, shared by the floating engines so that equal
// values print as equal text (double and mpfr:53 outputs can be compared with diff).
#pragma once

#include <string>

namespace hardmax {

// The value 0.d1 d2 ... dk * 10^exponent (digits without sign or leading zeros), written in plain
// notation when its magnitude is between 1e-5 and 1e16, otherwise as d1.d2...dk e<exponent-1>.
std::string decimal_text(bool negative, std::string digits, long exponent);

// The shortest decimal that reads back to x, in decimal_text's notation.
std::string decimal_text(double x);

}  // namespace hardmax
