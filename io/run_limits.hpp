// Ceilings on what one run may ask for: tokens, dimension, layers and (for the floating engines,
// estimated before the run) trajectory memory; the exact search's ceilings are in
// proofs-check/limit_search_limits.hpp. An input that exceeds them is refused (exit code 5 on
// the command line, hardmax.ResourceLimitError in Python) before any work starts, naming the input,
// the field and the option that raises the limit. One definition for every front end.
#pragma once

#include "io/config_file.hpp"

#include <fmt/format.h>

#include <optional>
#include <stdexcept>
#include <string>

namespace hardmax {

struct run_limit_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline constexpr long max_layers_ever = 1000000;  // --layers and the file's "layers", iterated
inline constexpr long max_fast_forward_layers = 1000000000000000000;  // 10^18: layers reached by an L6 closed form

struct run_limits {
  long max_tokens = 100000;
  long max_dimension = 10000;
};

inline void require_within(const problem& p, const run_limits& limits, const std::string& config) {
  if (p.size() > limits.max_tokens)
    throw run_limit_error(fmt::format("{}: field 'tokens': {} tokens, more than --max-tokens {}", config, p.size(),
                                      limits.max_tokens));
  if (p.dimension() > limits.max_dimension)
    throw run_limit_error(fmt::format("{}: field 'd': dimension {}, more than --max-dim {}", config, p.dimension(),
                                      limits.max_dimension));
}

// How many layers a command runs: --layers, else the file's "layers"; the input must be within limits.
inline index run_depth(const problem& p, const std::optional<long>& layers_option, const std::string& config,
                       const run_limits& limits, long ceiling = max_layers_ever) {
  require_within(p, limits, config);
  if (!layers_option && !p.layers)
    throw input_error(config, "layers", "no depth given: set \"layers\" in the file or pass --layers");
  const long depth = layers_option ? *layers_option : static_cast<long>(*p.layers);
  if (depth < 0) throw input_error(config, "layers", fmt::format("must be at least 0, found {}", depth));
  if (depth > ceiling)
    throw run_limit_error(fmt::format("{}: field 'layers': {} layers, more than the {} a run may ask for{}", config, depth,
                                      ceiling, ceiling == max_layers_ever ? " by iterating (hardmax simulate "
                                                                            "--fast-forward reaches further after K*)" : ""));
  return static_cast<index>(depth);
}

}  // namespace hardmax
