#include "proofs-check/check_report.hpp"

#include "io/config_file.hpp"
#include "numerics/interruption.hpp"
#include "proofs-check/observe.hpp"

#include <algorithm>

namespace hardmax {
namespace {

std::vector<claim_row> claims_with_engine(const engine_spec& engine, const problem& p, index depth, index max_layers,
                                          const general_options& options) {
  return with_engine(engine, [&]<class Scalar>() {
    const trajectory<Scalar> t = run_engine<Scalar>(engine, p, depth, std::nullopt, [](index) { stop_if_interrupted(); });
    return check_claims(observe(p, t), max_layers, options);
  });
}

bool settled(verdict v) { return v == verdict::holds || v == verdict::not_applicable; }

// A floating engine's failure is a precision finding when the exact trajectory satisfies the claim.
void classify_rounding(std::vector<claim_row>& rows, const problem& p, index depth, index max_layers,
                       const general_options& options) {
  if (std::all_of(rows.begin(), rows.end(), [](const claim_row& r) { return settled(r.outcome); })) return;
  const std::vector<claim_row> exact = claims_with_engine(engine_spec{}, p, depth, max_layers, options);
  for (std::size_t k = 0; k < rows.size(); ++k)
    if (!settled(rows[k].outcome) && exact[k].outcome == verdict::holds) {
      rows[k].outcome = verdict::precision_finding;
      rows[k].witness += " (the exact trajectory satisfies the claim: this is rounding, not mathematics)";
    }
}

check_status status_of(const std::vector<claim_row>& rows) {
  check_status status = check_status::all_hold;
  for (const claim_row& r : rows) {
    if (r.outcome == verdict::fails || r.outcome == verdict::not_certified) return check_status::claim_failed;
    if (r.outcome == verdict::precision_finding) status = check_status::precision_finding;
  }
  return status;
}

}  // namespace

check_report check_configuration(const problem& p, const std::string& source, const engine_spec& engine, index depth,
                                 index max_layers, const general_options& options) {
  if (engine.is_exact() && p.tau)
    throw input_error(source, "tau", "the softmax variant (M5) has no exact engine; use --engine double or mpfr:BITS");
  check_report report;
  report.depth = depth;
  report.rows = claims_with_engine(engine, p, depth, max_layers, options);
  if (!engine.is_exact() && !p.tau) classify_rounding(report.rows, p, depth, max_layers, options);
  report.status = status_of(report.rows);
  return report;
}

nlohmann::json check_json(const check_report& report, const provenance& source) {
  nlohmann::json doc = source.to_json();
  doc["layers"] = report.depth;
  doc["all_hold"] = report.status == check_status::all_hold;
  nlohmann::json claims = nlohmann::json::array();
  for (const claim_row& r : report.rows)
    claims.push_back({{"claim", r.claim}, {"statement", r.statement}, {"verdict", to_string(r.outcome)},
                      {"summary", r.summary}, {"witness", r.witness}, {"evidence", r.evidence}});
  doc["claims"] = claims;
  return doc;
}

}  // namespace hardmax
