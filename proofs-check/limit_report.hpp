// The result of a limit search (L6, L5) as a report: JSON (docs/FORMAT.md, "Limit reports") and
// text. One implementation for `hardmax limit`, `hardmax check` and any other front end.
#pragma once

#include "io/provenance.hpp"
#include "numerics/problem.hpp"
#include "proofs-check/limit_search_limits.hpp"
#include "proofs-check/limit_search.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace hardmax {

// `hardmax limit` as a library call: the search from layer 0 over max_layers layers, exactly.
// Throws input_error (naming `source`) for the softmax variant or a value matrix, which L6 does not cover.
limit_search limit_of(const problem& p, const std::string& source, index max_layers, const limit_search_limits& limits,
                      const std::function<void(index)>& progress = {});

// The whole document `hardmax limit --json` prints: provenance, the search's budget, limit_json.
nlohmann::json limit_document(const limit_search& s, const problem& p, index max_layers,
                              const limit_search_limits& limits, const provenance& source);

// The certificate's evidence: which one held, layers checked exactly, the tail bound and where it
// starts, the counts of ties, strict preferences and leading-term decisions.
nlohmann::json certificate_json(const limit_search& s, const rational& alpha);
// Per token: its exact limit and its weights on the leaders (T^inf, a convex combination).
nlohmann::json absorption_json(const limit_search& s);
// The clusters of the limit, with their faces (L5) and weights.
nlohmann::json clusters_json(const limit_search& s);
// Everything above, plus K*, D4 and L5, or the last failure and the finding when not certified.
nlohmann::json limit_json(const limit_search& s, const rational& alpha, index max_layers);

// One sentence each, as `hardmax check` prints them.
std::string certificate_summary(const limit_search& s, const rational& alpha);
std::string tail_bound_text(const limit_search& s, const rational& alpha);

// The report `hardmax limit` prints.
std::string limit_text(const limit_search& s, const rational& alpha, const std::string& config, index max_layers);

}  // namespace hardmax
