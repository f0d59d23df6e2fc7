#include "properties/generators.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace hardmax::gen {
namespace {

matrix<rational> from_rows(const std::vector<std::vector<rational>>& rows) {
  matrix<rational> m(static_cast<index>(rows.size()), static_cast<index>(rows.front().size()));
  for (index r = 0; r < m.rows(); ++r)
    for (index c = 0; c < m.cols(); ++c) m(r, c) = rows[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
  return m;
}

// Scales n with RapidCheck's size so that early cases are small and later ones reach max_n.
rc::Gen<index> token_count(index max_n) {
  return rc::gen::withSize([max_n](int size) {
    const index top = 1 + std::min<index>(max_n - 1, static_cast<index>(size) * (max_n - 1) / 100);
    return rc::gen::inRange<index>(1, top + 1);
  });
}

using point_row = std::array<rational, 2>;

rational power_of_ten(int k) {
  rational p = 1;
  for (int i = 0; i < std::abs(k); ++i) p *= 10;
  return k < 0 ? rational(1 / p) : p;
}

}  // namespace

rc::Gen<rational> small_rational(long bound, long max_denominator) {
  return rc::gen::apply([bound](long q, long p) { return rational(p % (bound * q + 1), q); },
                        rc::gen::inRange(1L, max_denominator + 1), rc::gen::arbitrary<long>());
}

rc::Gen<rational> alpha() {
  return rc::gen::mapcat(rc::gen::inRange(1L, 13L), [](long q) {
    return rc::gen::map(rc::gen::inRange(1L, 10 * q + 1), [q](long p) { return rational(p, q); });
  });
}

rc::Gen<matrix<rational>> rational_matrix(index n, index d, long bound, long max_denominator) {
  return rc::gen::map(
      rc::gen::container<std::vector<rational>>(static_cast<std::size_t>(n * d), small_rational(bound, max_denominator)),
      [n, d](const std::vector<rational>& v) {
        matrix<rational> m(n, d);
        for (index k = 0; k < n * d; ++k) m(k / d, k % d) = v[static_cast<std::size_t>(k)];
        return m;
      });
}

rc::Gen<matrix<rational>> spd_matrix(index d) {
  return rc::gen::apply(
      [d](const matrix<rational>& B, long lambda) {
        matrix<rational> A(d, d);
        for (index r = 0; r < d; ++r)
          for (index c = 0; c < d; ++c) {
            rational acc = 0;
            for (index k = 0; k < d; ++k) acc += B(k, r) * B(k, c);
            A(r, c) = acc + (r == c ? rational(lambda, 8) : rational(0));
          }
        return A;
      },
      rational_matrix(d, d, 2, 4), rc::gen::inRange(1L, 17L));
}

rc::Gen<tokens<rational>> rational_configuration() {
  return rc::gen::mapcat(
      rc::gen::tuple(token_count(40), rc::gen::inRange<index>(1, 6), rc::gen::inRange(-6, 7)), [](const auto& t) {
        const auto [n, d, k] = t;
        return rc::gen::map(rational_matrix(n, d, 1, 1000000), [k = k](matrix<rational> m) {
          const rational scale = power_of_ten(k);
          for (index r = 0; r < m.rows(); ++r)
            for (index c = 0; c < m.cols(); ++c) m(r, c) *= scale;
          return m;
        });
      });
}

rc::Gen<tokens<rational>> tied_tokens() {
  return rc::gen::mapcat(rc::gen::pair(token_count(20), rc::gen::inRange<index>(1, 5)),
                         [](const auto& nd) { return rational_matrix(nd.first, nd.second, 2, 2); });
}

rc::Gen<tokens<rational>> exact_duplicates() {
  return rc::gen::mapcat(tied_tokens(), [](const tokens<rational>& base) {
    return rc::gen::map(rc::gen::container<std::vector<index>>(rc::gen::inRange<index>(0, base.rows())),
                        [base](const std::vector<index>& picks) {
                          tokens<rational> Z(base.rows() + static_cast<index>(picks.size()), base.cols());
                          Z.topRows(base.rows()) = base;
                          for (std::size_t k = 0; k < picks.size(); ++k) Z.row(base.rows() + static_cast<index>(k)) = base.row(picks[k]);
                          return Z;
                        });
  });
}

rc::Gen<tokens<rational>> symmetric_polytope() {
  return rc::gen::mapcat(
      rc::gen::tuple(rc::gen::inRange<index>(2, 5), rc::gen::arbitrary<bool>(), rc::gen::inRange(1L, 5L),
                     rc::gen::inRange<index>(0, 9)),
      [](const auto& t) {
        const auto [d, cube, s, m] = t;
        std::vector<std::vector<rational>> vertices;
        if (cube) {
          for (index mask = 0; mask < (index{1} << d); ++mask) {
            std::vector<rational> v;
            for (index c = 0; c < d; ++c) v.push_back((mask >> c) & 1 ? rational(s) : rational(-s));
            vertices.push_back(v);
          }
        } else {
          for (index c = 0; c < d; ++c)
            for (long sign : {1L, -1L}) {
              std::vector<rational> v(static_cast<std::size_t>(d), rational(0));
              v[static_cast<std::size_t>(c)] = rational(sign * s);
              vertices.push_back(v);
            }
        }
        // Interior points on the box of half the size, with coordinates in {-s/2, ..., s/2} step s/4:
        // zeros are frequent, so many lie on symmetry axes and tie.
        return rc::gen::map(rational_matrix(m, d, 2, 1), [vertices, s = s](matrix<rational> interior) {
          matrix<rational> V = from_rows(vertices);
          tokens<rational> Z(V.rows() + interior.rows(), V.cols());
          Z.topRows(V.rows()) = V;
          for (index r = 0; r < interior.rows(); ++r)
            for (index c = 0; c < interior.cols(); ++c) Z(V.rows() + r, c) = interior(r, c) * rational(s, 4);
          return Z;
        });
      });
}

rc::Gen<tokens<rational>> points_on_sphere() {
  return rc::gen::mapcat(rc::gen::pair(token_count(12), rc::gen::inRange<index>(2, 4)), [](const auto& nd) {
    const auto [n, d] = nd;
    return rc::gen::map(rational_matrix(n, d - 1, 3, 5), [d = d](const matrix<rational>& T) {
      tokens<rational> Z(T.rows(), d);
      for (index i = 0; i < T.rows(); ++i) {
        rational t2 = 0;
        for (index c = 0; c < T.cols(); ++c) t2 += T(i, c) * T(i, c);
        for (index c = 0; c < T.cols(); ++c) Z(i, c) = 2 * T(i, c) / (t2 + 1);
        Z(i, d - 1) = (t2 - 1) / (t2 + 1);
      }
      return Z;
    });
  });
}

rc::Gen<tokens<rational>> collinear() {
  return rc::gen::mapcat(rc::gen::pair(token_count(12), rc::gen::inRange<index>(1, 5)), [](const auto& nd) {
    const auto [n, d] = nd;
    return rc::gen::apply(
        [](const matrix<rational>& ab, const matrix<rational>& lambda) {
          tokens<rational> Z(lambda.rows(), ab.cols());
          for (index i = 0; i < Z.rows(); ++i) Z.row(i) = ab.row(0) + lambda(i, 0) * ab.row(1);
          return Z;
        },
        rational_matrix(2, d, 2, 3), rational_matrix(n, 1, 3, 4));
  });
}

rc::Gen<tokens<rational>> single_token() {
  return rc::gen::mapcat(rc::gen::inRange<index>(1, 6), [](index d) { return rational_matrix(1, d, 4, 12); });
}

rc::Gen<tokens<rational>> all_equal() {
  return rc::gen::mapcat(rc::gen::pair(token_count(12), rc::gen::inRange<index>(1, 6)), [](const auto& nd) {
    const auto [n, d] = nd;
    return rc::gen::map(rational_matrix(1, d, 4, 12), [n = n](const matrix<rational>& z) {
      tokens<rational> Z(n, z.cols());
      for (index i = 0; i < n; ++i) Z.row(i) = z.row(0);
      return Z;
    });
  });
}

rc::Gen<tokens<rational>> near_tie() {
  return rc::gen::apply(
      [](int a, int b, long p, const matrix<rational>& extra) {
        const rational eps = rational(p, 7) * power_of_ten(-a), delta = power_of_ten(-b);
        tokens<rational> Z(3 + extra.rows(), 2);
        Z.row(0) << rational(1), rational(0);
        Z.row(1) << rational(1), eps;
        Z.row(2) << rational(1, 2), delta;
        for (index r = 0; r < extra.rows(); ++r) Z.row(3 + r) = extra.row(r) / 4;
        return Z;
      },
      rc::gen::inRange(7, 13), rc::gen::inRange(7, 13), rc::gen::inRange(1L, 14L),
      rc::gen::mapcat(rc::gen::inRange<index>(0, 5), [](index m) { return rational_matrix(m, 2, 1, 8); }));
}

rc::Gen<tokens<rational>> symmetric_centre() {
  return rc::gen::mapcat(rc::gen::tuple(rc::gen::inRange<index>(1, 4), rc::gen::inRange<index>(1, 7), rc::gen::inRange<index>(1, 3)),
                         [](const auto& t) {
                           const auto [d, k, centres] = t;
                           return rc::gen::map(rational_matrix(k, d, 2, 2), [d = d, centres = centres](const matrix<rational>& u) {
                             tokens<rational> Z = tokens<rational>::Zero(centres + 2 * u.rows(), d);
                             for (index r = 0; r < u.rows(); ++r) {
                               Z.row(centres + 2 * r) = u.row(r);
                               Z.row(centres + 2 * r + 1) = -u.row(r);
                             }
                             return Z;
                           });
                         });
}

rc::Gen<tokens<rational>> edge_sliders() {
  // Edge positions y in (-s, s) as multiples of s/4; axis positions x in (0, s) likewise.
  return rc::gen::mapcat(
      rc::gen::tuple(rc::gen::inRange(1L, 3L), rc::gen::inRange<index>(1, 4), rc::gen::arbitrary<bool>(),
                     rc::gen::inRange<index>(1, 4), rc::gen::inRange<index>(0, 4)),
      [](const auto& t) {
        const auto [s, sliders, mirrored, on_axes, interior] = t;
        return rc::gen::apply(
            [s = s, mirrored = mirrored](const std::vector<long>& edge, const std::vector<long>& axis,
                                         const std::vector<long>& sides, const matrix<rational>& inside) {
              std::vector<std::vector<rational>> rows = {
                  {rational(s), rational(s)}, {rational(s), rational(-s)}, {rational(-s), rational(-s)}, {rational(-s), rational(s)}};
              const auto on_edge = [&rows, s](long side, const rational& y) {  // side 0..3: x = s, y = s, x = -s, y = -s
                const rational e = side < 2 ? rational(s) : rational(-s);
                rows.push_back(side % 2 == 0 ? std::vector<rational>{e, y} : std::vector<rational>{y, e});
              };
              for (std::size_t k = 0; k < edge.size(); ++k) {
                const rational y(edge[k] * s, 4);
                on_edge(sides[k], y);
                if (mirrored) on_edge(sides[k], -y);
              }
              for (std::size_t k = 0; k < axis.size(); ++k) {
                const rational x(axis[k] * s, 4);
                rows.push_back(sides[k % sides.size()] % 2 == 0 ? std::vector<rational>{x, 0} : std::vector<rational>{0, x});
              }
              for (index r = 0; r < inside.rows(); ++r) rows.push_back({inside(r, 0) * s / 2, inside(r, 1) * s / 2});
              return from_rows(rows);
            },
            rc::gen::container<std::vector<long>>(static_cast<std::size_t>(sliders), rc::gen::inRange(-3L, 4L)),
            rc::gen::container<std::vector<long>>(static_cast<std::size_t>(on_axes), rc::gen::inRange(-3L, 4L)),
            rc::gen::container<std::vector<long>>(static_cast<std::size_t>(sliders), rc::gen::inRange(0L, 4L)),
            rational_matrix(interior, 2, 1, 4));
      });
}

rc::Gen<tokens<rational>> lattice() {
  return rc::gen::mapcat(rc::gen::pair(token_count(32), rc::gen::inRange<index>(1, 4)), [](const auto& nd) {
    return rc::gen::map(rc::gen::container<std::vector<long>>(static_cast<std::size_t>(nd.first * nd.second), rc::gen::inRange(-2L, 3L)),
                        [n = nd.first, d = nd.second](const std::vector<long>& v) {
                          tokens<rational> Z(n, d);
                          for (index k = 0; k < n * d; ++k) Z(k / d, k % d) = rational(v[static_cast<std::size_t>(k)]);
                          return Z;
                        });
  });
}

namespace {

rational power_of_two(int k) {
  rational p = 1;
  for (int i = 0; i < std::abs(k); ++i) p *= 2;
  return k < 0 ? rational(1 / p) : p;
}

// (2^52 + m + offset) 2^(e - 52): the double (2^52 + m) 2^(e - 52) plus offset ulps, |offset| < 1/2.
rational near_half_ulp(long m, int e, const rational& offset) {
  return (power_of_two(52) + rational(m) + offset) * power_of_two(e - 52);
}

}  // namespace

rc::Gen<tokens<rational>> rounding_threshold_ties() {
  return rc::gen::apply(
      [](int e, long m1, long m2, long m3, long m4, bool up, int kappa, long t, const matrix<rational>& inside) {
        const rational off = up ? rational(127, 256) : rational(-127, 256);
        const rational p = near_half_ulp(m1, e - 1, off), r = near_half_ulp(m2, e - 1, -off);  // z_i ~ 2^(e-1) (1, 1)
        const rational X = near_half_ulp(m3, e, off), Y = near_half_ulp(m4, e, off);           // z_j ~ 2^e (1, 1)
        const rational step = rational(t, 8) * power_of_two(e);
        const rational score = p * X + r * Y;
        const rational ulp = power_of_two(2 * e - 52);  // the score is about 2^(2e)
        tokens<rational> Z(3 + inside.rows(), 2);
        Z.row(0) << p, r;
        Z.row(1) << X, Y;
        Z.row(2) << X + step * r, (score + kappa * ulp - p * (X + step * r)) / r;  // <z_i, z_k> = score + kappa ulp
        for (index k = 0; k < inside.rows(); ++k) Z.row(3 + k) = inside.row(k) * power_of_two(e - 2);
        return Z;
      },
      rc::gen::inRange(-20, 21), rc::gen::inRange(0L, 1L << 50), rc::gen::inRange(0L, 1L << 50),
      rc::gen::inRange(0L, 1L << 50), rc::gen::inRange(0L, 1L << 50), rc::gen::arbitrary<bool>(), rc::gen::inRange(0, 4),
      rc::gen::inRange(1L, 5L), rc::gen::mapcat(rc::gen::inRange<index>(0, 4), [](index n) { return rational_matrix(n, 2, 1, 4); }));
}

rc::Gen<tokens<rational>> near_collinear() {
  return rc::gen::apply(
      [](int e, long a, long b, long vx, long vy, const std::vector<long>& ts, const matrix<rational>& around) {
        // Points a + t v of one line, with non-dyadic coordinates: rounding to doubles moves each by an ulp.
        const rational scale = power_of_two(e);
        // The line passes near the origin, so coordinates of one point differ by many binades and the
        // filter's subtractions round too (the hard case for its bound).
        const point_row base = {rational(a, 3) * power_of_two(e - 12), rational(b, 7) * power_of_two(e - 12)};
        tokens<rational> Z(static_cast<index>(ts.size()) + around.rows(), 2);
        for (std::size_t k = 0; k < ts.size(); ++k) {
          Z(static_cast<index>(k), 0) = base[0] + rational(ts[k], 5) * rational(vx, 3) * scale;
          Z(static_cast<index>(k), 1) = base[1] + rational(ts[k], 5) * rational(vy, 11) * scale;
        }
        for (index r = 0; r < around.rows(); ++r)
          for (index c = 0; c < 2; ++c) Z(static_cast<index>(ts.size()) + r, c) = base[static_cast<std::size_t>(c)] + around(r, c) * scale;
        return Z;
      },
      rc::gen::inRange(10, 31), rc::gen::inRange(1L, 100L), rc::gen::inRange(1L, 100L), rc::gen::inRange(-20L, 21L),
      rc::gen::inRange(1L, 21L), rc::gen::container<std::vector<long>>(6, rc::gen::inRange(-40L, 41L)),
      rc::gen::mapcat(rc::gen::inRange<index>(0, 4), [](index n) { return rational_matrix(n, 2, 2, 4); }));
}

rc::Gen<problem> near_axis_queries() {
  return rc::gen::apply(
      [](long a, long b, long c, const std::vector<long>& xs, const std::vector<long>& ks, const matrix<rational>& others) {
        problem p;
        // A = [[3b^2/c + a + 1/4, b], [b, c/3]]: det = (a + 1/4) c/3 > 0, so A is SPD.
        p.A = matrix<rational>(2, 2);
        p.A << rational(b * b * 3, c) + rational(a) + rational(1, 4), rational(b), rational(b), rational(c, 3);
        p.alpha = rational(1, 2);
        p.layers = 2;
        p.Z0 = tokens<rational>(static_cast<index>(xs.size()) + others.rows(), 2);
        for (std::size_t k = 0; k < xs.size(); ++k) {
          const rational x = rational(xs[k], 7);
          const rational y = -rational(b) * x / p.A(1, 1) + rational(ks[k], 3) * power_of_two(-54) * abs(x);
          p.Z0(static_cast<index>(k), 0) = x;
          p.Z0(static_cast<index>(k), 1) = y;
        }
        for (index r = 0; r < others.rows(); ++r) p.Z0.row(static_cast<index>(xs.size()) + r) = others.row(r);
        return p;
      },
      rc::gen::inRange(1L, 5L), rc::gen::inRange(-5L, 6L), rc::gen::inRange(1L, 10L),
      rc::gen::container<std::vector<long>>(4, rc::gen::inRange(-20L, 21L)),
      rc::gen::container<std::vector<long>>(4, rc::gen::inRange(-3L, 4L)),
      rc::gen::mapcat(rc::gen::inRange<index>(1, 5), [](index n) { return rational_matrix(n, 2, 3, 4); }));
}

namespace {

// A double with a random `bits`-bit mantissa, |value| in [2^e, 2^(e+1)), of either sign.
rc::Gen<double> random_double(int bits, int min_exponent, int max_exponent) {
  return rc::gen::apply([bits](long m, int e, bool negative) { return std::ldexp(negative ? -double(m) : double(m), e - bits + 1); },
                        rc::gen::inRange(1L << (bits - 1), 1L << bits), rc::gen::inRange(min_exponent, max_exponent + 1),
                        rc::gen::arbitrary<bool>());
}

double ulps_away(double v, int k) {
  for (; k > 0; --k) v = std::nextafter(v, HUGE_VAL);
  for (; k < 0; ++k) v = std::nextafter(v, -HUGE_VAL);
  return v;
}

}  // namespace

rc::Gen<quadratic> quadratic_with_roots() {
  const auto root = rc::gen::weightedOneOf<rational>(
      {{1, rc::gen::just(rational(0))}, {1, rc::gen::just(rational(1, 2))}, {1, rc::gen::just(rational(1))},
       {3, rc::gen::map(rc::gen::pair(rc::gen::inRange(-12L, 25L), rc::gen::inRange(1L, 13L)),
                        [](const std::pair<long, long>& pq) { return rational(pq.first, pq.second); })}});
  const auto shift = rc::gen::weightedOneOf<rational>(
      {{3, rc::gen::just(rational(0))}, {1, rc::gen::just(rational(1, 64))}, {1, rc::gen::just(rational(-1, 64))},
       {1, small_rational(1, 12)}});
  const auto from_roots = rc::gen::apply(
      [](const rational& a, const rational& r1, const rational& r2, const rational& e, bool linear) {
        if (linear) return quadratic{0, a, -a * r1 + e};
        return quadratic{a, -a * (r1 + r2), a * r1 * r2 + e};
      },
      rc::gen::suchThat(small_rational(4, 6), [](const rational& a) { return a != 0; }), root, root, shift,
      rc::gen::weightedOneOf<bool>({{4, rc::gen::just(false)}, {1, rc::gen::just(true)}}));
  // Convex with the vertex r inside (0, 1), just above or below zero there: a (s - r)^2 +- 1/1000.
  const auto vertex_inside = rc::gen::apply(
      [](long a, long p, long q, bool above) {
        const rational r(p, q + p), e = above ? rational(1, 1000) : rational(-1, 1000);
        return quadratic{rational(a), -2 * rational(a) * r, rational(a) * r * r + e};
      },
      rc::gen::inRange(1L, 5L), rc::gen::inRange(1L, 12L), rc::gen::inRange(1L, 12L), rc::gen::arbitrary<bool>());
  const auto plain = rc::gen::apply([](const rational& a, const rational& b, const rational& c) { return quadratic{a, b, c}; },
                                    small_rational(3, 4), small_rational(3, 4), small_rational(3, 4));
  return rc::gen::weightedOneOf<quadratic>({{3, from_roots}, {2, vertex_inside}, {1, plain}});
}

rc::Gen<problem> adversarial_sums() {
  return rc::gen::apply(
      [](int k, const std::vector<long>& offsets) {
        // In units of 2^-53 every y_j and every partial sum is an integer (below 2^61 for c <= 192).
        problem p;
        const auto c = static_cast<index>(offsets.size());
        p.A = matrix<rational>::Identity(2, 2);
        p.alpha = power_of_two(k) - 1;
        p.layers = 1;
        p.Z0 = tokens<rational>(c + 1, 2);
        p.Z0.row(0) << rational(1, 2), 0;
        long sum = 0;  // the engine's rounded partial sum
        for (index j = 0; j < c; ++j) {
          const long base = (1L << 53) - offsets[static_cast<std::size_t>(j)];  // y in [1 - 2^-10, 1)
          long y = base;
          if (sum > 0) {
            const long unit = 2L << (63 - __builtin_clzl(static_cast<unsigned long>(sum + base)) - 53);  // ulp of the sum
            const long target = unit / 2 - 1;  // just below half an ulp: rounds down by nearly half
            if (unit > 2) y = base - ((sum + base - target) % unit + unit) % unit;
          }
          sum = static_cast<long>(static_cast<double>(sum) + static_cast<double>(y));  // the double sum, scaled
          p.Z0.row(j + 1) << 1, rational(y) * power_of_two(-53);
        }
        return p;
      },
      rc::gen::inRange(8, 13),
      rc::gen::mapcat(rc::gen::inRange(64, 193), [](int c) {
        return rc::gen::container<std::vector<long>>(static_cast<std::size_t>(c), rc::gen::inRange(1L, 1L << 43));
      }));
}

rc::Gen<preference_case> preference_ties() {
  return rc::gen::mapcat(rc::gen::inRange(-10, 11), [](int e) {
    return rc::gen::apply(
        [](double a, double b, double c, double x, double y, int i, int j, int k, bool move_x) {
          preference_case p{};
          // |b| < 1/2 <= sqrt(a c) / 2: A is SPD. 20-bit mantissas and exponents within 4 of each
          // other: the products (40 bits) and their sums (at most 48 bits) are exact.
          p.A[0][0] = std::fabs(a), p.A[0][1] = p.A[1][0] = b, p.A[1][1] = std::fabs(c);
          p.x = x, p.y = y;
          const double qx = p.A[0][0] * x + b * y, qy = b * x + p.A[1][1] * y;  // A z, exactly
          const double mu = std::ldexp(1.0, i), nu = -std::ldexp(1.0, j);
          p.vx = -qy * mu, p.vy = qx * mu, p.wx = -qy * nu, p.wy = qx * nu;  // exact: powers of two
          (move_x ? p.wx : p.wy) = ulps_away(move_x ? p.wx : p.wy, k);
          return p;
        },
        random_double(20, 0, 0), random_double(20, -2, -2), random_double(20, 0, 1), random_double(20, e, e + 1),
        random_double(20, e, e + 1), rc::gen::inRange(-30, 31), rc::gen::inRange(-30, 31),
        rc::gen::weightedOneOf<int>({{1, rc::gen::just(0)}, {2, rc::gen::inRange(-40, 41)}}), rc::gen::arbitrary<bool>());
  });
}

rc::Gen<query_case> cancelling_queries() {
  return rc::gen::apply(
      [](double a0, double a1, double x, int k) { return query_case{a0, a1, x, ulps_away(-(a0 * x) / a1, k)}; },
      random_double(53, -4, 4), random_double(53, -4, 4), random_double(53, -10, 10), rc::gen::inRange(-3, 4));
}

rc::Gen<problem> problem_from(rc::Gen<tokens<rational>> configuration, bool identity_only, index max_layers) {
  return rc::gen::mapcat(std::move(configuration), [identity_only, max_layers](const tokens<rational>& Z) {
    const index d = Z.cols();
    return rc::gen::apply(
        [Z, d, identity_only](const matrix<rational>& A, bool identity, const rational& a, index layers) {
          problem p;
          p.A = identity || identity_only ? matrix<rational>(matrix<rational>::Identity(d, d)) : A;
          p.alpha = a;
          p.Z0 = Z;
          p.layers = layers;
          return p;
        },
        spd_matrix(d), rc::gen::weightedElement<bool>({{1, true}, {2, false}}), alpha(),
        rc::gen::inRange<index>(1, max_layers + 1));
  });
}

rc::Gen<problem> symmetric_centre_problem(index max_layers) {
  return problem_from(symmetric_centre(), false, max_layers);
}

rc::Gen<problem> edge_sliders_problem(index max_layers) {
  return rc::gen::mapcat(rc::gen::arbitrary<bool>(), [max_layers](bool identity) {
    return problem_from(edge_sliders(), identity, max_layers);
  });
}

rc::Gen<problem> lattice_problem(index max_layers) { return problem_from(lattice(), false, max_layers); }

rc::Gen<problem> any_problem(index max_layers) {
  return rc::gen::weightedOneOf<problem>({
      {3, problem_from(rational_configuration(), false, max_layers)},
      {2, problem_from(tied_tokens(), false, max_layers)},
      {1, problem_from(exact_duplicates(), false, max_layers)},
      {1, problem_from(symmetric_polytope(), true, max_layers)},
      {1, problem_from(points_on_sphere(), true, max_layers)},
      {1, problem_from(collinear(), false, max_layers)},
      {1, problem_from(single_token(), false, max_layers)},
      {1, problem_from(all_equal(), false, max_layers)},
      {1, problem_from(near_tie(), false, max_layers)},
      {1, symmetric_centre_problem(max_layers)},
      {1, edge_sliders_problem(max_layers)},
      {1, lattice_problem(max_layers)},
  });
}

const std::vector<std::string>& problem_families() {
  static const std::vector<std::string> names = {"any", "lattice", "symmetric-centre", "edge-sliders"};
  return names;
}

rc::Gen<problem> problems(const std::string& family, index max_layers) {
  if (family == "lattice") return lattice_problem(max_layers);
  if (family == "symmetric-centre") return symmetric_centre_problem(max_layers);
  if (family == "edge-sliders") return edge_sliders_problem(max_layers);
  if (family == "any") return any_problem(max_layers);
  throw std::invalid_argument("no problem family named '" + family + "'");
}

}  // namespace hardmax::gen

namespace hardmax {
void showValue(const problem& p, std::ostream& os) {
  os << "configuration file (save as counterexample.json; hardmax check --config counterexample.json):\n"
     << to_json(p).dump() << '\n';
}
}  // namespace hardmax
