// What checking a claim on concrete input can conclude.
#pragma once

#include <string>

namespace hardmax {

enum class verdict {
  holds,           // every checked instance satisfies the claim; the evidence says why
  fails,           // a witness violates it: a counterexample to the claim, or to the code under test
  not_certified,   // L6: no certificate within the layer budget (a finding, never hidden)
  not_applicable,  // the claim is not made for this input (M5 softmax, M6 with V != I)
  precision_finding,  // a floating trajectory violates it, the exact trajectory does not: rounding
};

inline std::string to_string(verdict v) {
  switch (v) {
    case verdict::holds: return "holds";
    case verdict::fails: return "FAILS";
    case verdict::not_certified: return "not certified";
    case verdict::not_applicable: return "not applicable";
    case verdict::precision_finding: return "precision finding";
  }
  return "?";
}

}  // namespace hardmax
