// Runs a claim property over generated problems with an explicit seed and number of cases, keeping
// the shrunk counterexample as a problem (so it can be written as a configuration file).
#pragma once

#include "properties/claim_properties.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace hardmax {

struct campaign_result {
  std::string property;
  std::uint64_t seed = 0;
  bool passed = true;
  int cases = 0;                          // cases checked and passed before any failure or stop
  bool stopped = false;                   // settings.stop asked to end early: fewer cases than asked
  std::optional<problem> counterexample;  // shrunk
  std::string message;                    // RapidCheck's report of the failure
};

struct campaign_settings {
  std::uint64_t seed = 1;
  int cases = 200;
  int max_size = 100;
  index max_layers = 60;
  std::string family = "any";  // the problems generated (gen::problem_families())
  std::function<bool()> stop;  // when it returns true, the remaining cases are generated but not checked
};

// `on_case` is called before every evaluation (generated cases and shrinking steps).
campaign_result run_campaign(const claim_property& property, const dynamics& dyn, const campaign_settings& settings,
                             const std::function<void()>& on_case = {});

}  // namespace hardmax
