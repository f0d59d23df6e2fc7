// The properties can fail: deliberately broken layer maps and leader rules are caught.
#include "io/config_file.hpp"
#include "properties/campaign.hpp"

#include <doctest/doctest.h>

namespace hardmax {
namespace {

// z' = (z + alpha m) / alpha: the normalisation divides by alpha instead of 1 + alpha.
dynamics divides_by_alpha() {
  dynamics d = reference_dynamics();
  d.name = "divides by alpha instead of 1 + alpha";
  d.step = [](const model<rational>& m, const tokens<rational>& Z) {
    layer_result<rational> r = step(m, Z);
    r.next = ((r.next * (1 + m.alpha)) / m.alpha).eval();
    return r;
  };
  return d;
}

// Ties broken by index: only the first maximiser is attended.
dynamics first_maximiser_only() {
  dynamics d = reference_dynamics();
  d.name = "keeps only the first maximiser";
  d.step = [](const model<rational>& m, const tokens<rational>& Z) {
    const tokens<rational> Q = queries(m.A, Z);
    layer_result<rational> r{tokens<rational>(Z.rows(), Z.cols()), attention_pattern(static_cast<std::size_t>(Z.rows()))};
    std::vector<rational> s;
    for (index i = 0; i < Z.rows(); ++i) {
      scores(Q, Z, i, s);
      const index first = attention_set(s, std::optional<rational>{}).front();
      r.attention[static_cast<std::size_t>(i)] = {first};
      r.next.row(i) = (Z.row(i) + m.alpha * Z.row(first)) / (1 + m.alpha);
    }
    return r;
  };
  return d;
}

// A token counts as a leader as soon as it attends to itself, even among other points.
dynamics self_attention_is_leadership() {
  dynamics d = reference_dynamics();
  d.name = "treats attending to itself as leading";
  d.leaders = [](const tokens<rational>& Z, const attention_pattern& C) {
    std::vector<index> L;
    for (index i = 0; i < Z.rows(); ++i)
      if (std::binary_search(C[static_cast<std::size_t>(i)].begin(), C[static_cast<std::size_t>(i)].end(), i)) L.push_back(i);
    return L;
  };
  return d;
}

// The first property that rejects `dyn`, or "" if none does.
std::string caught_by(const dynamics& dyn) {
  campaign_settings settings;
  settings.seed = 20261130;
  settings.cases = 200;
  settings.max_layers = 12;
  for (const claim_property& prop : claim_properties()) {
    const campaign_result r = run_campaign(prop, dyn, settings);
    if (!r.passed) {
      MESSAGE(dyn.name << ": caught by " << prop.name << " after " << r.cases << " passing cases\n" << r.message);
      // The shrunk counterexample is kept and is a configuration file the CLI reads back.
      REQUIRE(r.counterexample);
      const problem back = parse_problem(to_json(*r.counterexample), "counterexample");
      CHECK(back.Z0 == r.counterexample->Z0);
      return prop.name;
    }
  }
  return "";
}

}  // namespace

TEST_CASE("a layer map dividing by alpha instead of 1 + alpha is caught") { CHECK(caught_by(divides_by_alpha()) != ""); }

TEST_CASE("a layer map keeping only the first maximiser is caught") { CHECK(caught_by(first_maximiser_only()) != ""); }

TEST_CASE("a leader rule accepting tokens that merely attend to themselves is caught") {
  CHECK(caught_by(self_attention_is_leadership()) != "");
}

TEST_CASE("the reference dynamics passes the same campaigns") {
  campaign_settings settings;
  settings.seed = 20261130;
  settings.cases = 50;
  settings.max_layers = 12;
  for (const claim_property& prop : claim_properties()) {
    CAPTURE(prop.name);
    const campaign_result r = run_campaign(prop, reference_dynamics(), settings);
    CHECK_MESSAGE(r.passed, r.message);
  }
}

}  // namespace hardmax
