// The suite's own theorems (docs/THEOREMS.md), checked exactly on generated trajectories: the
// arguments some equivalent mutants and skipped conditions rest on, so that a wrong proof shows up
// as a counterexample instead of a silent gap.
//   - M4 never merges distinct tokens: z_i^k != z_j^k implies z_i^{k+1} != z_j^{k+1} (A SPD).
//   - In d <= 2, the straight-line certificate's (a') and (b) imply (c); in d = 3 they do not
//     (tests/unit/limit_certificate_test.cpp holds the counterexample).
#include "numerics/copy_classes.hpp"
#include "numerics/layer.hpp"
#include "proofs-check/straight_line_certificate.hpp"
#include "properties/generators.hpp"
#include "support/rapidcheck_doctest.hpp"

#include <doctest/doctest.h>

namespace hardmax {

TEST_CASE("M4 never merges distinct tokens: the copy classes of layer 0 are those of every layer") {
  testing::check_property("copy classes are constant along M4", [](const problem& p) {
    const model<rational> m = model_of<rational>(p);
    const std::vector<index> classes = exact_copies(p.Z0).class_of;
    tokens<rational> Z = p.Z0;
    for (index k = 0; k < std::min<index>(p.layers.value_or(20), 20); ++k) {
      Z = step(m, Z).next;
      RC_ASSERT(exact_copies(Z).class_of == classes);
    }
  });
}

TEST_CASE("in the plane, the straight-line certificate's (a') and (b) imply (c)") {
  std::size_t reached_c = 0;
  const auto check_layers = [&reached_c](const problem& p) {
    if (p.Z0.cols() > 2) return;
    const model<rational> m = model_of<rational>(p);
    tokens<rational> Z = p.Z0;
    for (index k = 0; k <= std::min<index>(p.layers.value_or(20), 20); ++k) {
      const layer_result<rational> r = step(m, Z);
      const straight_line_certificate c = certify_straight_line(m.A, Z, r.attention);
      if (c.holds || c.failure->condition == "c") {
        ++reached_c;
        RC_ASSERT(c.holds);
      }
      Z = r.next;
    }
  };
  testing::check_property("(a') and (b) imply (c) on lattice problems", [&] { check_layers(*gen::lattice_problem(20)); });
  testing::check_property("(a') and (b) imply (c) on edge sliders", [&] { check_layers(*gen::edge_sliders_problem(20)); });
  testing::check_property("(a') and (b) imply (c) on any problem", [&] { check_layers(*gen::any_problem(20)); });
  MESSAGE("layers where (a') and (b) held in d <= 2: " << reached_c);
  CHECK(reached_c > 0);
}

}  // namespace hardmax
