// K* and the exact limit (L6), and L5 on it.
//
// K* is the first layer at which a certificate holds (limit_certificate.hpp). The search examines
// layers in order; after a general certificate fails it knows the M4 layers it computed and that
// their pattern was that of the failed layer up to `constant_through`: no certificate can hold at
// those layers (the same pattern on the same trajectory has the same limit and the same open
// conditions), so they are examined without a new attempt, provided the layers given to the search
// are those M4 layers (a trajectory under test may not be).
//
// On the limit: the clusters; L5 as restated (limit_faces.hpp); and whether Z* is a clustered
// equilibrium (D4), reported as information: M4 is discontinuous where a token lies on a face, so
// its limit need not be a fixed point (docs/THEOREMS.md).
#pragma once

#include "numerics/layer.hpp"
#include "proofs-check/limit_certificate.hpp"
#include "proofs-check/limit_faces.hpp"
#include "theory/equilibrium.hpp"

#include <functional>
#include <optional>
#include <vector>

namespace hardmax {

struct limit_search {
  bool certified = false;
  limit_certificate certificate;   // at K* when certified, else at the last layer attempted
  index layers_tried = 0;          // layers 0..layers_tried-1 were examined
  index attempts = 0;              // layers at which a certificate was attempted
  std::vector<cluster> clusters;   // of the limit, with leaders of Z^{K*}
  std::optional<limit_faces> faces;  // L5 on the limit
  std::optional<hardmax::equilibrium_violation> equilibrium_violation;  // D4 fails at Z* (information)
  index last_pattern_change = 0;   // the last examined layer whose pattern differs from the layer before
  tokens<rational> last_layer;     // Z^k of the last layer examined (Z^{K*} when certified)

  index K() const { return certificate.layer; }
  const tokens<rational>& limit() const { return certificate.limit; }
  bool is_clustered_equilibrium() const { return certified && !equilibrium_violation; }
  // Not certified: what the budget showed, for a finding's description.
  std::string uncertified_finding(index max_layers) const;
};

using exact_layer_map = std::function<tokens<rational>(const model<rational>&, const tokens<rational>&)>;

// Examines `known` layers in order (a trajectory already computed), then keeps applying the layer
// map (M4 unless another is given, as the property tests do) until a certificate holds or layer
// `max_layers` has been examined. `options.on_layer` sees every layer computed here or in a
// certificate (resource guards, interruption).
limit_search find_limit(const model<rational>& m, std::vector<tokens<rational>> known, index max_layers,
                        const std::function<void(index)>& progress = {}, const exact_layer_map& next = {},
                        const general_options& options = {});

}  // namespace hardmax
