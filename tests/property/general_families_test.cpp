// Every claim of THEORY.md on the families where attended tokens keep moving while the pattern stays
// constant (the general L6 certificate's ground): symmetric centres, edge sliders, and the integer
// lattice in [-2, 2]^d with SPD A. 300 cases each (RC_PARAMS), every case certified within budget.
#include "properties/claim_properties.hpp"
#include "properties/generators.hpp"
#include "theory/a_norm.hpp"
#include "support/rapidcheck_doctest.hpp"

#include <doctest/doctest.h>

namespace hardmax {
namespace {

void check_claim_on(const std::string& family, const std::string& name) {
  for (const claim_property& prop : claim_properties())
    if (prop.name == name) {
      const std::string description = name + " on " + family + ": " + prop.description;
      return testing::check_property(description.c_str(), [&prop, &family] {
        const problem p = *gen::problems(family);
        prop.check(p, reference_dynamics());
      });
    }
  FAIL("no property named " << name);
}

}  // namespace

TEST_CASE("every claim on symmetric centres (gen::symmetric_centre)") {
  for (const char* claim : {"L1", "L2", "L3", "L4", "L5", "L6"}) {
    CAPTURE(claim);
    check_claim_on("symmetric-centre", claim);
  }
}

TEST_CASE("every claim on edge sliders (gen::edge_sliders)") {
  for (const char* claim : {"L1", "L2", "L3", "L4", "L5", "L6"}) {
    CAPTURE(claim);
    check_claim_on("edge-sliders", claim);
  }
}

TEST_CASE("every claim on the integer lattice (gen::lattice)") {
  for (const char* claim : {"L1", "L2", "L3", "L4", "L5", "L6"}) {
    CAPTURE(claim);
    check_claim_on("lattice", claim);
  }
}

// Why the general certificate always finds T triangular with a rational diagonal: if j is in C_i and
// z_j != z_i, then s_ij >= s_ii and Cauchy-Schwarz give |z_j|_A > |z_i|_A (equality would force
// z_j = z_i; from the origin every other token is longer), so the A-norm increases strictly along
// every attention edge between distinct points and the attention graph has no cycles at all.
TEST_CASE("the A-norm increases strictly along every attention edge between distinct points: no cycles") {
  testing::check_property("attention edges between distinct points go up in A-norm", [] {
    const problem p = *gen::any_problem(12);
    const model<rational> m = model_of<rational>(p);
    tokens<rational> Z = p.Z0;
    for (index k = 0; k <= std::min<index>(*p.layers, 12); ++k) {
      const layer_result<rational> r = step(m, Z);
      for (index i = 0; i < Z.rows(); ++i)
        for (index j : r.attention[static_cast<std::size_t>(i)])
          if (Z.row(i) != Z.row(j)) RC_ASSERT(a_norm_squared(p.A, row(Z, j)) > a_norm_squared(p.A, row(Z, i)));
      Z = r.next;
    }
  });
}

}  // namespace hardmax
