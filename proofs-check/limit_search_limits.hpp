// The ceilings of an exact L6 limit search, as every front end (hardmax limit and check, Python) sets them.
#pragma once

#include "numerics/growth_guard.hpp"
#include "numerics/interruption.hpp"
#include "proofs-check/general_certificate.hpp"

namespace hardmax {

// The exact layers of an L6 limit search (hardmax limit, check): the same ceilings as an exact
// simulate, how far a general certificate may look ahead, and a poll for interruption at every layer.
struct limit_search_limits {
  std::size_t max_bits = 10000000;
  std::size_t max_memory_mb = 4096;
  long max_lookahead = 1000;

  general_options options() const {
    general_options o;
    o.max_lookahead = static_cast<index>(max_lookahead);
    o.on_layer = [guard = exact_window_guard({max_bits, max_memory_mb * 1000000})](index k, const tokens<rational>& Z,
                                                                                   std::size_t held) {
      guard(k, Z, held);
      stop_if_interrupted();  // a long search stops cleanly on SIGINT/SIGTERM (numerics/interruption.hpp)
    };
    return o;
  }
};

}  // namespace hardmax
