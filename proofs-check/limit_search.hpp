// K* and the exact limit (L6), and L5 on it: every limit point is the mean of C_i(Z^{K*}), a set of
// leaders (certificate (a)) lying on the face of the leaders' polytope exposed by A z_i^{K*}; and
// whether the limit is a clustered equilibrium (D4), checked separately because it can fail: M4 is
// discontinuous at a configuration where a token lies on a face, so its limit need not be a fixed point.
#pragma once

#include "numerics/layer.hpp"
#include "proofs-check/limit_certificate.hpp"
#include "theory/equilibrium.hpp"

#include <functional>
#include <optional>
#include <vector>

namespace hardmax {

struct limit_search {
  bool certified = false;
  limit_certificate certificate;   // at K* when certified, else at the last layer tried
  index layers_tried = 0;          // layers 0..layers_tried-1 were examined
  std::vector<cluster> clusters;   // of the limit (targets at K*), with leaders of Z^{K*}
  std::optional<hardmax::equilibrium_violation> equilibrium_violation;  // D4 fails at Z* (L5)

  index K() const { return certificate.layer; }
  const tokens<rational>& limit() const { return certificate.targets; }
  bool is_clustered_equilibrium() const { return certified && !equilibrium_violation; }
};

using exact_layer_map = std::function<tokens<rational>(const model<rational>&, const tokens<rational>&)>;

// Examines `known` layers in order (a trajectory already computed), then keeps applying the layer
// map (M4 unless another is given, as the property tests do) until the certificate holds or layer
// `max_layers` has been examined.
inline limit_search find_limit(const model<rational>& m, std::vector<tokens<rational>> known, index max_layers,
                               const std::function<void(index)>& progress = {}, const exact_layer_map& next = {}) {
  limit_search r;
  tokens<rational> Z = known.front();
  for (index k = 0; k <= max_layers; ++k) {
    if (k > 0)
      Z = static_cast<std::size_t>(k) < known.size() ? known[static_cast<std::size_t>(k)] : (next ? next(m, Z) : step(m, Z).next);
    r.certificate = certify_limit(m.A, Z, k);
    r.layers_tried = k + 1;
    if (progress) progress(k);
    if (r.certificate.holds) {
      r.certified = true;
      r.clusters = clusters(r.certificate.targets, leaders(Z, r.certificate.pattern));
      r.equilibrium_violation = find_equilibrium_violation(m.A, r.certificate.targets);
      break;
    }
  }
  return r;
}

}  // namespace hardmax
