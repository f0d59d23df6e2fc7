// The general L6 certificate's properties can fail: certificates with a broken rule are caught.
// Each broken rule lets the certificate claim a constant pattern too early on some input; the L6
// property's independent simulation past the certified layer, or its rate, then disagrees.
#include "io/config_file.hpp"
#include "properties/campaign.hpp"

#include <doctest/doctest.h>

namespace hardmax {
namespace {

dynamics with_rules(std::string name, certificate_rules rules) {
  dynamics d = reference_dynamics();
  d.name = std::move(name);
  d.rules = std::move(rules);
  return d;
}

// The first property and family that reject `dyn` ("" if none does), from campaigns on the families
// where the general certificate decides (gen::symmetric_centre, gen::edge_sliders, gen::lattice).
std::string caught_by(const dynamics& dyn, int cases) {
  for (const std::string family : {"symmetric-centre", "edge-sliders", "lattice"}) {
    campaign_settings settings;
    settings.seed = 20261130;
    settings.cases = cases;
    settings.max_layers = 12;
    settings.family = family;
    for (const claim_property& prop : claim_properties()) {
      if (prop.name != "L5" && prop.name != "L6") continue;
      const campaign_result r = run_campaign(prop, dyn, settings);
      if (!r.passed) {
        MESSAGE(dyn.name << ": caught by " << prop.name << " on " << family << " after " << r.cases << " passing cases\n"
                         << r.message);
        REQUIRE(r.counterexample);
        const problem back = parse_problem(to_json(*r.counterexample), "counterexample");
        CHECK(back.Z0 == r.counterexample->Z0);
        return prop.name + " on " + family;
      }
    }
  }
  return "";
}

}  // namespace

TEST_CASE("a tail bound too small is caught") {
  certificate_rules rules;
  rules.tail_bound = [](const rational& b) { return b / 4; };
  CHECK(caught_by(with_rules("tail bound divided by 4", rules), 300) != "");
}

TEST_CASE("a tie recurrence order too short is caught") {
  certificate_rules rules;
  rules.tie_order = [](index) { return index{1}; };
  CHECK(caught_by(with_rules("ties checked at layer K only", rules), 300) != "");
}

TEST_CASE("a wrong leading-term sign is caught") {
  certificate_rules rules;
  rules.leading_sign = [](const rational& a) { return a > 0 ? -1 : a < 0 ? 1 : 0; };
  CHECK(caught_by(with_rules("leading-term sign flipped", rules), 300) != "");
}

TEST_CASE("the sound rules pass the same campaigns") { CHECK(caught_by(reference_dynamics(), 100) == ""); }

}  // namespace hardmax
