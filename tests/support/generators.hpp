// RapidCheck generators named for the inputs they make. All values are exact rationals, so one
// generated problem can be run by every engine.
#pragma once

#include "io/config_file.hpp"
#include "numerics/problem.hpp"

#include <rapidcheck.h>

namespace hardmax::gen {

// p/q with |p/q| <= bound and 1 <= q <= max_denominator.
inline rc::Gen<rational> small_rational(long bound = 4, long max_denominator = 12) {
  return rc::gen::apply(
      [bound](long q, long p_scaled) { return rational(p_scaled % (bound * q + 1), q); },
      rc::gen::inRange(1L, max_denominator + 1), rc::gen::arbitrary<long>());
}

// alpha in (0, 4], a small-denominator rational.
inline rc::Gen<rational> alpha() {
  return rc::gen::apply([](long p, long q) { return rational(p, q); }, rc::gen::inRange(1L, 33L),
                        rc::gen::inRange(1L, 9L));
}

// n x d matrix of small rationals.
inline rc::Gen<matrix<rational>> rational_matrix(index n, index d, long bound = 4, long max_denominator = 12) {
  return rc::gen::map(rc::gen::container<std::vector<rational>>(static_cast<std::size_t>(n * d),
                                                                small_rational(bound, max_denominator)),
                      [n, d](const std::vector<rational>& v) {
                        matrix<rational> m(n, d);
                        for (index k = 0; k < n * d; ++k) m(k / d, k % d) = v[static_cast<std::size_t>(k)];
                        return m;
                      });
}

// B^T B + lambda I with rational B and lambda > 0: symmetric positive definite by construction.
inline rc::Gen<matrix<rational>> spd_matrix(index d) {
  return rc::gen::apply(
      [d](const matrix<rational>& B, long lambda_num) {
        matrix<rational> A(d, d);
        for (index r = 0; r < d; ++r)
          for (index c = 0; c < d; ++c) {
            rational acc = 0;
            for (index k = 0; k < d; ++k) acc += B(k, r) * B(k, c);
            A(r, c) = acc + (r == c ? rational(lambda_num, 8) : rational(0));
          }
        return A;
      },
      rational_matrix(d, d, 2, 4), rc::gen::inRange(1L, 17L));
}

// Tokens drawn from a few small-denominator values so that duplicates and ties are common.
inline rc::Gen<tokens<rational>> tied_tokens(index n, index d) { return rational_matrix(n, d, 2, 2); }

// A random problem: n in [1, max_n], d in [1, max_d], SPD A (identity one time in three), alpha,
// tokens with many ties or generic ones, and a depth in [1, 24] (so a counterexample file is complete).
inline rc::Gen<problem> problem_instance(index max_n = 12, index max_d = 4) {
  return rc::gen::mapcat(rc::gen::pair(rc::gen::inRange<index>(1, max_n + 1), rc::gen::inRange<index>(1, max_d + 1)),
                         [](const std::pair<index, index>& nd) {
                           const auto [n, d] = nd;
                           return rc::gen::apply(
                               [d](const matrix<rational>& A, bool identity, const rational& a, const tokens<rational>& Z,
                                   index layers) {
                                 problem p;
                                 p.A = identity ? matrix<rational>(matrix<rational>::Identity(d, d)) : A;
                                 p.alpha = a;
                                 p.Z0 = Z;
                                 p.layers = layers;
                                 return p;
                               },
                               spd_matrix(d), rc::gen::weightedElement<bool>({{1, true}, {2, false}}), alpha(),
                               rc::gen::oneOf(tied_tokens(n, d), rational_matrix(n, d)), rc::gen::inRange<index>(1, 25));
                         });
}

}  // namespace hardmax::gen

namespace hardmax {
// RapidCheck shows a counterexample problem as a configuration file the CLI accepts.
inline void showValue(const problem& p, std::ostream& os) {
  os << "configuration file (save as counterexample.json; hardmax simulate --config counterexample.json):\n"
     << to_json(p).dump() << '\n';
}
}  // namespace hardmax

namespace rc {
template <>
struct Arbitrary<hardmax::problem> {
  static Gen<hardmax::problem> arbitrary() { return hardmax::gen::problem_instance(); }
};
}  // namespace rc
