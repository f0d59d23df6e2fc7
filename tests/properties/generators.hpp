// RapidCheck generators named for the inputs they make. Every value is an exact rational, so one
// generated problem can be run by every engine, and a counterexample prints as a configuration file
// that `hardmax check --config` accepts.
#pragma once

#include "io/config_file.hpp"
#include "numerics/problem.hpp"
#include "proofs-check/quadratic_positivity.hpp"

#include <rapidcheck.h>

#include <ostream>
#include <string>
#include <vector>

namespace hardmax::gen {

// p/q with |p/q| <= bound and 1 <= q <= max_denominator; shrinks towards 0 and small denominators.
rc::Gen<rational> small_rational(long bound = 4, long max_denominator = 12);

// alpha = p/q in (0, 10], q <= 12.
rc::Gen<rational> alpha();

// n x d matrix of small rationals.
rc::Gen<matrix<rational>> rational_matrix(index n, index d, long bound = 4, long max_denominator = 12);

// B^T B + lambda I with rational B and lambda > 0: symmetric positive definite by construction.
rc::Gen<matrix<rational>> spd_matrix(index d);

// n in [1, 40], d in [1, 5]; one magnitude 10^k (k in [-6, 6]) per configuration times rationals
// p/q with |p/q| <= 1 and q <= 10^6.
rc::Gen<tokens<rational>> rational_configuration();

// Small-denominator values in {-2, -3/2, ..., 2}: duplicates and ties are common.
rc::Gen<tokens<rational>> tied_tokens();

// A configuration with some tokens repeated exactly (repeated words, padding).
rc::Gen<tokens<rational>> exact_duplicates();

// The vertices of a square, cube or cross-polytope (scaled), with interior points, some on the
// symmetry axes: ties by symmetry.
rc::Gen<tokens<rational>> symmetric_polytope();

// Rational points on the unit sphere (inverse stereographic projection): with A = I every token is
// a leader.
rc::Gen<tokens<rational>> points_on_sphere();

// Points on one line a + lambda b.
rc::Gen<tokens<rational>> collinear();

rc::Gen<tokens<rational>> single_token();

rc::Gen<tokens<rational>> all_equal();

// Two leaders (1, 0) and (1, eps) and a token (1/2, delta): its two scores differ by eps*delta, far
// below double's rounding of 1/2 when eps, delta ~ 1e-9; plus a few ordinary tokens.
rc::Gen<tokens<rational>> near_tie();

// THEORY.md L6's first general-case example, generalised: the origin (once or twice) and pairs
// +-u_k (d in 1..3, k <= 6): the configuration is symmetric under z -> -z, so the origin scores 0
// against everything, attends to every token for ever and stays put while the others slide.
rc::Gen<tokens<rational>> symmetric_centre();

// The plane's general-case example: the square [-s, s]^2 (s = 1 or 2) with tokens on its edges,
// which slide to the corners, tokens on the axes, which attend to a whole edge (ties among moving
// tokens; mirrored sliders keep them for ever, others break them), and a few interior points.
rc::Gen<tokens<rational>> edge_sliders();

// Integer points in [-2, 2]^d, d in 1..3, n up to 32: ties, duplicates and faces everywhere.
rc::Gen<tokens<rational>> lattice();

// Ties and near-ties at double's rounding threshold (the certified engine's margin): A = I, a token
// z_i = (p, r) ~ 2^(e-1) and two tokens j, k ~ 2^e whose exact scores <z_i, z_j> and <z_i, z_k> differ by
// kappa ulps of their size (kappa in 0..3, 0 an exact tie), with small interior tokens. The
// coordinates of i and j are rationals just short of half an ulp from a double near the bottom of its
// binade, so their rounding errors are nearly as large as they can be, at magnitudes 2^-20 .. 2^20.
rc::Gen<tokens<rational>> rounding_threshold_ties();

// Planar points within about an ulp of one line through the origin's neighbourhood, spread over
// magnitudes 2^10 .. 2^30, with others around: the convex hull's orientation tests land where the
// orient2d filter cannot decide, and its subtractions round.
rc::Gen<tokens<rational>> near_collinear();

// The hull's query-sign filter at its threshold: an SPD A = [[a, b], [b, c]] and tokens
// z = (x, -b x / c + delta) whose query coordinate (A z)_1 = c delta is a few ulps of b x, around a
// few ordinary tokens (a problem: the tokens depend on A).
rc::Gen<problem> near_axis_queries();

// Lemma 3's summation at its worst: A = I, alpha = 2^k - 1 (k in 8..12, so alpha / (1 + alpha) ~ 1),
// a token (1/2, 0) attending to c tokens (1, y_j) (c in 64..192, an exact tie) whose y_j in
// [1 - 2^-10, 1) are chosen one after the other so that every partial sum of m_i's second
// coordinate, added in index order as the engine adds them, rounds down by nearly half an ulp: the
// errors never cancel, and the mean's error grows like c/3 roundings of M = 1.
rc::Gen<problem> adversarial_sums();

// Quadratics g(s) = a s^2 + b s + c for L6 (c)'s positivity decision, built where its cases meet:
// a (s - r1)(s - r2) + e with roots r in {0, 1/2, 1, small rationals in [-1, 2]} (double roots, roots
// at the ends of (0, 1]), shifted by e in {0, +-1/64, small}; linear and constant ones (a = 0); convex
// ones with the vertex inside (0, 1), 1/1000 above or below 0 there; and plain random coefficients.
rc::Gen<quadratic> quadratic_with_roots();

// The hull's preference predicate at its threshold: A = [[a, b], [b, c]] SPD and z = (x, y) with
// 20-bit mantissas, so that A z is exact in double; v = mu n and w = nu n for n = (-(A z)_1, (A z)_0)
// and powers of two mu > 0 > nu, so that <A z, w - v> = 0 exactly; then w moved by k ulps in one
// coordinate (k in -40..40, 0 one time in three). Every step of the evaluation rounds, the
// subtraction w - v included, while the exact value is 0 or a few roundings of the magnitude.
struct preference_case {
  double A[2][2];
  double x, y, vx, vy, wx, wy;
};
rc::Gen<preference_case> preference_ties();

// The hull's query-sign predicate at its threshold: A_r0 x + A_r1 y with y within 3 ulps of the double
// nearest -A_r0 x / A_r1: the two products cancel to a few roundings.
struct query_case {
  double a0, a1, x, y;
};
rc::Gen<query_case> cancelling_queries();

// A problem around any configuration generator: A = I for the sphere, else SPD (I one time in three),
// alpha in (0, 10], depth 1..max_layers.
rc::Gen<problem> problem_from(rc::Gen<tokens<rational>> configuration, bool identity_only, index max_layers);

// The families of the general L6 certificate as problems: lattice with any SPD A; the others with A
// = I one time in two (their geometry is A = I's), else SPD.
rc::Gen<problem> symmetric_centre_problem(index max_layers = 60);
rc::Gen<problem> edge_sliders_problem(index max_layers = 60);
rc::Gen<problem> lattice_problem(index max_layers = 60);

// All the above, adversarial families weighted alongside generic configurations.
rc::Gen<problem> any_problem(index max_layers = 60);

// A named family of problems ("any", "lattice", "symmetric-centre", "edge-sliders"), for campaigns.
rc::Gen<problem> problems(const std::string& family, index max_layers = 60);
const std::vector<std::string>& problem_families();

}  // namespace hardmax::gen

namespace hardmax {
// RapidCheck shows a counterexample problem as a configuration file the CLI accepts.
void showValue(const problem& p, std::ostream& os);
}  // namespace hardmax

namespace rc {
template <>
struct Arbitrary<hardmax::problem> {
  static Gen<hardmax::problem> arbitrary() { return hardmax::gen::any_problem(); }
};
}  // namespace rc
