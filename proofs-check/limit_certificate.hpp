// L6 (finite-time clustering) at one layer K: the exact certificate that the attention pattern of
// Z^K never changes again, and the exact limit Z* = T^inf Z^K with every token's weights on the
// leaders. The straight-line certificate is the fast path (straight_line_certificate.hpp); when it
// does not apply, the general one decides (general_certificate.hpp).
#pragma once

#include "proofs-check/absorption.hpp"
#include "proofs-check/general_certificate.hpp"
#include "proofs-check/straight_line_certificate.hpp"

#include <optional>
#include <string>

namespace hardmax {

enum class certificate_kind { straight_line, general };

inline std::string to_string(certificate_kind k) { return k == certificate_kind::straight_line ? "straight-line" : "general"; }

struct limit_certificate {
  index layer = 0;                           // K
  attention_pattern pattern;                 // C_i(Z^K)
  std::optional<certificate_kind> kind;      // which certificate held, if one did
  straight_line_certificate straight_line;   // always tried first
  std::optional<general_certificate> general;  // tried when the straight-line one fails
  // When a certificate holds: the chain of the pattern, T^inf's weights and Z* = T^inf Z^K.
  std::optional<pattern_chain> chain;
  std::optional<absorption> weights;
  tokens<rational> limit;

  bool holds() const { return kind.has_value(); }
  // The failure that decides (the general certificate's once it was tried).
  const certificate_failure& failure() const { return general ? *general->failure : *straight_line.failure; }
  std::string describe_failure() const {
    if (!general) return straight_line.failure->describe();
    return fmt::format("straight-line: {}; general: {}", straight_line.failure->describe(), general->failure->describe());
  }
};

inline limit_certificate certify_limit(const model<rational>& m, const tokens<rational>& Z, index layer,
                                       const general_options& options = {}) {
  limit_certificate r;
  r.layer = layer;
  r.pattern = attention(m.A, Z);
  r.straight_line = certify_straight_line(m.A, Z, r.pattern);
  if (r.straight_line.holds) {
    r.kind = certificate_kind::straight_line;
    r.chain = chain_of(m.alpha, Z, r.pattern);
    r.weights = absorb(*r.chain);
    r.limit = r.weights->limit(*r.chain, Z);
    // On straight lines T^inf Z^K is the targets: two computations of one limit.
    if (r.limit != r.straight_line.targets) throw std::logic_error("certify_limit: the absorption limit is not the targets");
    return r;
  }
  r.general = certify_general(m, Z, layer, r.pattern, options);
  if (r.general->holds) {
    r.kind = certificate_kind::general;
    r.chain = std::move(r.general->chain);
    r.weights = std::move(r.general->weights);
    r.limit = std::move(r.general->limit);
    r.general->chain.reset();
    r.general->weights.reset();
  }
  return r;
}

}  // namespace hardmax
