// A run as stated in an input file, exactly: rational parameters and tokens (THEORY.md,
// "Exactness"), before any engine rounds them.
#pragma once

#include "numerics/model.hpp"
#include "numerics/rational.hpp"

#include <fmt/format.h>

#include <optional>
#include <stdexcept>
#include <string>

namespace hardmax {

struct problem {
  matrix<rational> A;               // M2
  rational alpha;                   // M2
  tokens<rational> Z0;              // M1
  std::optional<index> layers;      // default depth, if the file gives one
  std::optional<rational> tau;      // M5
  std::optional<matrix<rational>> V;  // M6
  std::string description;          // free text carried along, e.g. how random points were fixed

  index size() const { return Z0.rows(); }
  index dimension() const { return Z0.cols(); }
};

// An exact input value that an engine cannot represent (for instance 1e400 in double).
struct representation_error : std::domain_error {
  using std::domain_error::domain_error;
};

namespace detail {

template <class Scalar>
Scalar represent(const rational& q, const std::string& field) {
  Scalar x = scalar_traits<Scalar>::from_rational(q);
  if (!scalar_traits<Scalar>::is_finite(x))
    throw representation_error(fmt::format("field '{}': {} is out of the engine's range", field, to_string(q)));
  return x;
}

template <class Scalar>
matrix<Scalar> represent(const matrix<rational>& m, const std::string& field) {
  matrix<Scalar> out(m.rows(), m.cols());
  for (index r = 0; r < m.rows(); ++r)
    for (index c = 0; c < m.cols(); ++c) out(r, c) = represent<Scalar>(m(r, c), fmt::format("{}[{}][{}]", field, r, c));
  return out;
}

}  // namespace detail

// The problem's parameters in an engine's number type (each value rounded once, to nearest).
template <class Scalar>
model<Scalar> model_of(const problem& p, const std::optional<rational>& tie_tolerance = std::nullopt) {
  model<Scalar> m{detail::represent<Scalar>(p.A, "A"), detail::represent<Scalar>(p.alpha, "alpha"), {}, {}, {}};
  if (p.tau) m.tau = detail::represent<Scalar>(*p.tau, "tau");
  if (p.V) m.V = detail::represent<Scalar>(*p.V, "V");
  if (tie_tolerance) m.tie_tolerance = detail::represent<Scalar>(*tie_tolerance, "tie_tolerance");
  return m;
}

template <class Scalar>
tokens<Scalar> initial_tokens(const problem& p) {
  return detail::represent<Scalar>(p.Z0, "tokens");
}

}  // namespace hardmax
