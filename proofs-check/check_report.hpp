// `hardmax check` as a library call: every claim of THEORY.md (L1-L6) on one engine's trajectory,
// with a floating engine's failures classified against the exact trajectory, and the report as
// JSON (docs/FORMAT.md, "Check reports"). The command line and the Python module only print it.
#pragma once

#include "io/provenance.hpp"
#include "numerics/engine.hpp"
#include "proofs-check/claims_report.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace hardmax {

enum class check_status { all_hold, precision_finding, claim_failed };

struct check_report {
  std::vector<claim_row> rows;
  index depth = 0;
  check_status status = check_status::all_hold;
};

// Throws input_error (naming `source`) for the softmax variant under the exact engine. A floating
// engine's failure becomes a precision finding when the exact trajectory satisfies the claim.
check_report check_configuration(const problem& p, const std::string& source, const engine_spec& engine, index depth,
                                 index max_layers, const general_options& options);

nlohmann::json check_json(const check_report& report, const provenance& source);

}  // namespace hardmax
