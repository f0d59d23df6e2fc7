// Ceilings on what one run may ask for: tokens, dimension, layers and (for the floating engines,
// estimated before the run) trajectory memory. A file that exceeds them is refused with exit code 5
// before any work starts, naming the file, the field and the option that raises the limit.
#pragma once

#include "io/config_file.hpp"
#include "numerics/growth_guard.hpp"
#include "proofs-check/general_certificate.hpp"

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

// The exact layers of an L6 limit search (hardmax limit, check): the same ceilings as an exact
// simulate, and how far a general certificate may look ahead.
struct limit_search_limits {
  std::size_t max_bits = 10000000;
  std::size_t max_memory_mb = 4096;
  long max_lookahead = 1000;

  general_options options() const {
    general_options o;
    o.max_lookahead = static_cast<index>(max_lookahead);
    o.on_layer = exact_window_guard({max_bits, max_memory_mb * 1000000});
    return o;
  }
};

inline void add_limit_search_options(CLI::App* cmd, limit_search_limits& limits) {
  cmd->add_option("--max-lookahead", limits.max_lookahead,
                  "General L6 certificate: layers beyond K it may compute and check exactly before it says undecided")
      ->check(CLI::Range(1L, 1000000L))
      ->capture_default_str();
  cmd->add_option("--max-bits", limits.max_bits,
                  "Stop (exit 5) if a coordinate of an exact layer of the limit search needs more bits (0: no limit)")
      ->capture_default_str();
  cmd->add_option("--max-memory", limits.max_memory_mb,
                  "Stop (exit 5) if the exact layers the limit search holds need more MB (0: no limit)")
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
