// Every claim of THEORY.md as a property of the exact engine, on generic and adversarial problems
// (properties/generators.hpp), checked at every layer of runs of up to 60 layers.
#include "properties/claim_properties.hpp"
#include "properties/generators.hpp"
#include "support/rapidcheck_doctest.hpp"

#include <doctest/doctest.h>

namespace hardmax {
namespace {

void check_claim(const std::string& name) {
  for (const claim_property& prop : claim_properties())
    if (prop.name == name)
      return testing::check_property(prop.description.c_str(),
                                     [&prop](const problem& p) { prop.check(p, reference_dynamics()); });
  FAIL("no property named " << name);
}

}  // namespace

TEST_CASE("L1: leaders exist, include every token of maximal A-norm, and strictly prefer themselves") { check_claim("L1"); }
TEST_CASE("L2: leaders are fixed and persist") { check_claim("L2"); }
TEST_CASE("L3: each layer's tokens are explicit convex combinations of the previous layer's") { check_claim("L3"); }
TEST_CASE("L4: A-norms are non-decreasing, with THEORY.md's equality case, and bounded") { check_claim("L4"); }
TEST_CASE("L5: limit points are means of exposed faces of tokens at rest") { check_claim("L5"); }
TEST_CASE("L6: a certificate is found within the budget and 20 more layers stay on its lines") { check_claim("L6"); }

}  // namespace hardmax
