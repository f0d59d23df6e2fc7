// The result of a limit search (L6, L5) as a report: JSON (docs/FORMAT.md, "Limit reports") and
// text. One implementation for `hardmax limit`, `hardmax check` and any other front end.
#pragma once

#include "proofs-check/limit_search.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace hardmax {

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
