#include "proofs-check/limit_search.hpp"

#include <fmt/format.h>

namespace hardmax {

std::string limit_search::uncertified_finding(index max_layers) const {
  const certificate_failure& f = certificate.failure();
  const std::string why = certificate.describe_failure();
  if (f.proves_change() || last_pattern_change == layers_tried - 1)
    return fmt::format("No L6 certificate in layers 0..{} (budget {}): the attention pattern is still changing (it changed "
                       "last at layer {}{}), a candidate counterexample to finite-time clustering within this budget, or a "
                       "budget too small. Last attempt, at layer {}: {}",
                       layers_tried - 1, max_layers, last_pattern_change,
                       f.changes_at ? fmt::format(", and changes again at layer {}", *f.changes_at) : std::string(),
                       certificate.layer, why);
  return fmt::format("No L6 certificate in layers 0..{} (budget {}), yet the attention pattern stayed constant from layer {} "
                     "to the end of the budget: a limit of the certificate (a defect to report), not a counterexample. "
                     "Last attempt, at layer {}: {}",
                     layers_tried - 1, max_layers, last_pattern_change, certificate.layer, why);
}

namespace {

// The M4 layers a failed general certificate computed, from layer `first` on, and the last layer
// whose pattern it showed to be the failed layer's.
struct known_ahead {
  std::vector<tokens<rational>> layers;
  index first = 0;
  index constant_through = -1;
  attention_pattern pattern;

  const tokens<rational>* at(index k) const {
    return k >= first && k - first < static_cast<index>(layers.size()) ? &layers[static_cast<std::size_t>(k - first)] : nullptr;
  }
};

}  // namespace

limit_search find_limit(const model<rational>& m, std::vector<tokens<rational>> known, index max_layers,
                        const std::function<void(index)>& progress, const exact_layer_map& next,
                        const general_options& options) {
  limit_search r;
  known_ahead ahead;
  attention_pattern previous;
  tokens<rational> Z = known.front();
  for (index k = 0; k <= max_layers; ++k) {
    if (k > 0) {
      if (static_cast<std::size_t>(k) < known.size())
        Z = std::move(known[static_cast<std::size_t>(k)]);
      else if (next)
        Z = next(m, Z);
      else if (const tokens<rational>* a = ahead.at(k))
        Z = *a;
      else {
        Z = step(m, Z).next;
        if (options.on_layer) options.on_layer(k, Z, 1);
      }
    }
    r.layers_tried = k + 1;
    const tokens<rational>* predicted = ahead.at(k);
    if (predicted && k <= ahead.constant_through && *predicted == Z) {
      if (progress) progress(k);
      continue;  // the failed layer's pattern on its own M4 trajectory: no certificate here either
    }
    r.certificate = certify_limit(m, Z, k, options);
    ++r.attempts;
    if (k > 0 && r.certificate.pattern != previous) r.last_pattern_change = k;
    previous = r.certificate.pattern;
    if (progress) progress(k);
    if (r.certificate.holds()) break;
    if (r.certificate.general) {
      general_certificate& g = *r.certificate.general;
      ahead = {std::move(g.lookahead), k + 1, k + g.constant_through, r.certificate.pattern};
      g.lookahead.clear();
    }
  }
  r.last_layer = std::move(Z);
  if (!r.certificate.holds()) {
    // Layers skipped after the last attempt kept its pattern.
    return r;
  }
  r.certified = true;
  const limit_certificate& c = r.certificate;
  r.clusters = clusters(c.limit, leaders(r.last_layer, c.pattern));
  r.faces = check_limit_faces(m.A, r.last_layer, *c.chain, *c.weights, c.limit);
  r.equilibrium_violation = find_equilibrium_violation(m.A, c.limit);
  return r;
}

}  // namespace hardmax
