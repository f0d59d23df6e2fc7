#include "numerics/accumulate.hpp"

namespace hardmax {
namespace {

struct mpfr_scratch {
  mpfr_t x;
  mpfr_scratch() { mpfr_init2(x, MPFR_PREC_MIN); }
  ~mpfr_scratch() { mpfr_clear(x); }
};

struct mpq_scratch {
  mpq_t x;
  mpq_scratch() { mpq_init(x); }
  ~mpq_scratch() { mpq_clear(x); }
};

}  // namespace

void add_product(mpfr_real& acc, const mpfr_real& a, const mpfr_real& b) {
  thread_local mpfr_scratch product;
  const mpfr_prec_t p = mpfr_real::working_precision();
  if (acc.precision() != p) {  // results always carry the working precision (mpfr_real.hpp)
    acc += a * b;
    return;
  }
  if (mpfr_get_prec(product.x) != p) mpfr_set_prec(product.x, p);
  mpfr_mul(product.x, a.get(), b.get(), MPFR_RNDN);
  mpfr_add(acc.get(), acc.get(), product.x, MPFR_RNDN);
}

void add_product(rational& acc, const rational& a, const rational& b) {
  thread_local mpq_scratch product;
  mpq_mul(product.x, a.backend().data(), b.backend().data());
  mpq_add(acc.backend().data(), acc.backend().data(), product.x);
}

}  // namespace hardmax
