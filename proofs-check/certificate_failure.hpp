// Why an L6 certificate did not hold at a layer: the condition, the tokens it concerns, and a
// sentence a user can act on.
#pragma once

#include "numerics/tokens.hpp"

#include <optional>
#include <string>

namespace hardmax {

struct certificate_failure {
  // Straight-line certificate: "a", "b", "c" (THEORY.md L6 (a'), (b), (c)). General certificate:
  //   "pattern"          the pattern changes at a layer checked exactly (`changes_at`): K* > K, proved;
  //   "limit-tie"        a tie of C_i does not hold in the limit, so it breaks at some later layer;
  //   "limit-preference" in the limit token i prefers j to C_i, so the pattern changes later;
  //   "leading-term"     f(inf) = 0 and f's leading asymptotic term is negative: j overtakes C_i;
  //   "irrational"       f(inf) = 0 and the tokens f depends on attend in a cycle: the leading term
  //                      was not decided (T's eigenvalues there need not be rational);
  //   "lookahead"        conditions still open after the exact-layer budget (undecided).
  std::string condition;
  index token = 0;                // i
  index attended = 0;             // c in C_i
  std::optional<index> other;     // c' (a tie) or j (a preference)
  std::string description;        // the whole finding in words
  std::optional<index> changes_at;  // "pattern": the layer whose pattern differs from layer K's

  const std::string& describe() const { return description; }
  // True when the failure proves that the pattern of layer K changes later (so K* > K); false when
  // the certificate could not decide.
  bool proves_change() const {
    return condition == "pattern" || condition == "limit-tie" || condition == "limit-preference" ||
           condition == "leading-term";
  }
};

}  // namespace hardmax
