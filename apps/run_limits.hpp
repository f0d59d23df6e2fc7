// Ceilings on what one run may ask for: tokens, dimension, layers and (for the floating engines,
// estimated before the run) trajectory memory. A file that exceeds them is refused with exit code 5
// before any work starts, naming the file, the field and the option that raises the limit.
#pragma once

#include "io/config_file.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <optional>
#include <stdexcept>
#include <string>

namespace hardmax {

struct run_limit_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline constexpr long max_layers_ever = 1000000;  // --layers and the file's "layers"

struct run_limits {
  long max_tokens = 100000;
  long max_dimension = 10000;
};

inline void add_run_limit_options(CLI::App* cmd, run_limits& limits) {
  cmd->add_option("--max-tokens", limits.max_tokens, "Refuse inputs with more tokens (resource limit, exit 5)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--max-dim", limits.max_dimension, "Refuse inputs of higher dimension d (resource limit, exit 5)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
}

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
                       const run_limits& limits) {
  require_within(p, limits, config);
  if (layers_option) return static_cast<index>(*layers_option);
  if (!p.layers) throw input_error(config, "layers", "no depth given: set \"layers\" in the file or pass --layers");
  if (*p.layers > max_layers_ever)
    throw run_limit_error(fmt::format("{}: field 'layers': {} layers, more than the {} a run may ask for", config,
                                      *p.layers, max_layers_ever));
  return *p.layers;
}

}  // namespace hardmax
