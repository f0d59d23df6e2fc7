// Runs a RapidCheck property inside a doctest case; a failure reports the shrunk counterexample and
// the seed that reproduces it (RC_PARAMS="seed=..."), like RapidCheck's own gtest integration.
#pragma once

#include <doctest/doctest.h>
#include <rapidcheck.h>

#include <sstream>

namespace hardmax::testing {

template <class Testable>
void check_property(const char* description, Testable&& testable) {
  rc::detail::TestMetadata metadata;
  metadata.id = description;
  metadata.description = description;
  const auto result = rc::detail::checkTestable(std::forward<Testable>(testable), metadata);
  if (!result.template is<rc::detail::SuccessResult>()) {
    std::ostringstream message;
    rc::detail::printResultMessage(result, message);
    message << "\nseed that found it: " << rc::detail::configuration().testParams.seed
            << " (rerun with RC_PARAMS=\"seed=" << rc::detail::configuration().testParams.seed << "\")";
    FAIL(message.str());
  }
}

}  // namespace hardmax::testing
