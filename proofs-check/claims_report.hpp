// Every claim of THEORY.md (L1-L6) checked on one trajectory, exactly, as rows of a report.
#pragma once

#include "numerics/problem.hpp"
#include "proofs-check/general_certificate.hpp"
#include "theory/verdict.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace hardmax {

// A trajectory as the code under test produced it, in exact numbers (a floating engine's values are
// taken at the exact rationals they denote), with the leader sets it reported.
struct observed_trajectory {
  model<rational> params;                         // the problem's exact parameters
  std::vector<tokens<rational>> layers;           // Z^0 .. Z^K
  std::vector<std::vector<index>> leaders;        // L(Z^k) as reported
  bool extendable = true;  // L6 may step past the last layer exactly (false for a floating run)
};

struct claim_row {
  std::string claim;      // "L1" .. "L6"
  std::string statement;  // one line from THEORY.md
  verdict outcome = verdict::holds;
  std::string summary;    // the evidence in a sentence
  std::string witness;    // what fails, if anything
  nlohmann::json evidence;
};

// max_layers: the L6 budget (layers examined for a certificate, from layer 0); options: the general
// certificate's lookahead budget and resource guards.
std::vector<claim_row> check_claims(const observed_trajectory& t, index max_layers, const general_options& options = {});

}  // namespace hardmax
