// Stops an exact run cleanly before its numbers exhaust memory: a ceiling on the bits of any one
// coordinate (--max-bits) and on the bits held by the whole trajectory (--max-memory).
#pragma once

#include "numerics/exact_size.hpp"
#include "numerics/trajectory.hpp"

#include <fmt/format.h>

#include <functional>
#include <stdexcept>

namespace hardmax {

struct growth_limit_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct growth_limits {
  std::size_t max_bits = 0;          // per coordinate; 0 = no limit
  std::size_t max_memory_bytes = 0;  // whole trajectory's numbers; 0 = no limit
};

// A layer guard for the exact engine; `held` accumulates the bits of the layers stored so far.
inline layer_guard<rational> exact_growth_guard(const growth_limits& limits, std::shared_ptr<std::size_t> held) {
  return [limits, held](index k, const tokens<rational>& Z) {
    const size_profile s = size_of(Z);
    *held += s.total;
    if (limits.max_bits && s.largest > limits.max_bits)
      throw growth_limit_error(fmt::format("layer {}: a coordinate needs {} bits, more than --max-bits {}; the exact run "
                                           "stops here (raise the limit, or use --engine certified)",
                                           k, s.largest, limits.max_bits));
    if (limits.max_memory_bytes && *held / 8 > limits.max_memory_bytes)
      throw growth_limit_error(fmt::format("layer {}: the trajectory's numbers hold {} MB, more than --max-memory {} MB; "
                                           "the exact run stops here (raise the limit, or use --engine certified)",
                                           k, *held / 8 / 1000000, limits.max_memory_bytes / 1000000));
  };
}

// For computations that hold a window of exact layers rather than a whole trajectory (the L6 limit
// search and its lookahead): the largest coordinate against max_bits, and the window's numbers,
// estimated as layers held times this layer's bits (later layers are the larger), against max_memory.
inline std::function<void(index, const tokens<rational>&, std::size_t)> exact_window_guard(const growth_limits& limits) {
  return [limits](index k, const tokens<rational>& Z, std::size_t layers_held) {
    const size_profile s = size_of(Z);
    if (limits.max_bits && s.largest > limits.max_bits)
      throw growth_limit_error(fmt::format("layer {}: a coordinate needs {} bits, more than --max-bits {}; the exact limit "
                                           "search stops here (raise the limit)",
                                           k, s.largest, limits.max_bits));
    const std::size_t bytes = s.total / 8 * layers_held;
    if (limits.max_memory_bytes && bytes > limits.max_memory_bytes)
      throw growth_limit_error(fmt::format("layer {}: the {} exact layers the limit search holds need about {} MB, more than "
                                           "--max-memory {} MB; it stops here (raise the limit, or lower --max-lookahead)",
                                           k, layers_held, bytes / 1000000, limits.max_memory_bytes / 1000000));
  };
}

}  // namespace hardmax
