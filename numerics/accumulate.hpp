// acc += a * b: the inner operation of every score and product in the engines.
//
// Always two roundings (a product, then a sum), never a fused multiply-add, so double and mpfr:53
// stay bit-identical. The overloads for the multiprecision types reuse one scratch value per thread
// instead of allocating a temporary for every product, which dominated their cost.
#pragma once

#include "numerics/mpfr_real.hpp"
#include "numerics/rational.hpp"

namespace hardmax {

inline void add_product(double& acc, double a, double b) { acc += a * b; }

void add_product(mpfr_real& acc, const mpfr_real& a, const mpfr_real& b);

void add_product(rational& acc, const rational& a, const rational& b);

}  // namespace hardmax
