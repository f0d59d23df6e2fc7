// In the plane, attention from the convex hull equals the exact all-pairs decision (M3), on random
// and degenerate inputs: collinear sets, many points on one edge, duplicates, points on a circle,
// symmetric polygons with interior points, all tokens equal, a single token.
#include "numerics/attention.hpp"
#include "numerics/hull_attention.hpp"
#include "properties/generators.hpp"
#include "support/rapidcheck_doctest.hpp"

#include <doctest/doctest.h>

namespace hardmax {
namespace {

rc::Gen<tokens<rational>> planar_points() {
  const auto sized = [](auto make) {
    return rc::gen::mapcat(rc::gen::inRange<index>(1, 40), make);
  };
  return rc::gen::oneOf(
      sized([](index n) { return gen::rational_matrix(n, 2, 2, 2); }),        // small grid: ties, duplicates
      sized([](index n) { return gen::rational_matrix(n, 2, 1, 1000); }),     // generic
      sized([](index n) {                                                     // collinear, through the origin or not
        return rc::gen::apply(
            [](const matrix<rational>& ab, const matrix<rational>& t) {
              tokens<rational> Z(t.rows(), 2);
              for (index i = 0; i < Z.rows(); ++i) Z.row(i) = ab.row(0) + t(i, 0) * ab.row(1);
              return Z;
            },
            gen::rational_matrix(2, 2, 2, 3), gen::rational_matrix(n, 1, 3, 4));
      }),
      sized([](index n) {  // square corners, many points on its edges, interior points
        return rc::gen::map(gen::rational_matrix(n, 2, 4, 4), [](matrix<rational> m) {
          for (index i = 0; i < m.rows(); ++i)
            if (i % 2 == 0) m(i, i % 4 == 0 ? 0 : 1) = (m(i, 1) >= 0 ? 4 : -4);  // push onto an edge
          return m;
        });
      }),
      rc::gen::map(gen::points_on_sphere(), [](const tokens<rational>& Z) {  // on the unit circle
        return Z.cols() == 2 ? Z : tokens<rational>(Z.leftCols(2));
      }),
      rc::gen::mapcat(rc::gen::inRange<index>(1, 6), [](index n) {  // all tokens equal
        return rc::gen::map(gen::rational_matrix(1, 2, 3, 5),
                            [n](const matrix<rational>& z) { return tokens<rational>(z.replicate(n, 1)); });
      }));
}

rc::Gen<matrix<rational>> planar_A() {
  return rc::gen::oneOf(rc::gen::just(matrix<rational>(matrix<rational>::Identity(2, 2))), gen::spd_matrix(2));
}

}  // namespace

TEST_CASE("hull attention == all-pairs exact attention, on rationals") {
  testing::check_property("hull_attention(Z) == attention(Z), exact", [] {
    const tokens<rational> Z = *planar_points();
    const matrix<rational> A = *planar_A();
    RC_ASSERT(hull_attention(A, Z) == attention(model<rational>{A, rational(1), {}, {}, {}}, Z));
  });
}

TEST_CASE("hull attention on doubles == all-pairs exact attention on the doubles' exact values") {
  testing::check_property("hull_attention(Z_double) == exact attention of Z_double", [] {
    const tokens<rational> Zq = *planar_points();
    const matrix<rational> Aq = *planar_A();
    const tokens<double> Z = convert_matrix<double>(Zq, [](const rational& x) { return nearest_double(x); });
    const matrix<double> A = convert_matrix<double>(Aq, [](const rational& x) { return nearest_double(x); });
    const tokens<rational> exact_Z = convert_matrix<rational>(Z, [](double x) { return exact_value(x); });
    const matrix<rational> exact_A = convert_matrix<rational>(A, [](double x) { return exact_value(x); });
    RC_ASSERT(hull_attention(A, Z) == attention(model<rational>{exact_A, rational(1), {}, {}, {}}, exact_Z));
  });
}

TEST_CASE("hull attention: filtered predicates decide generic inputs in double") {
  tokens<double> Z(200, 2);
  for (index i = 0; i < Z.rows(); ++i) Z.row(i) << std::cos(0.37 * static_cast<double>(i)) * (1 + i % 7), std::sin(1.3 * static_cast<double>(i));
  hull_stats stats;
  hull_attention(matrix<double>::Identity(2, 2), Z, &stats);
  CHECK(stats.filtered > 0);
  CHECK(stats.exact < stats.filtered / 10);
}

}  // namespace hardmax
