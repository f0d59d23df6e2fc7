// The command-line options of the run limits (io/run_limits.hpp, proofs-check/limit_search_limits.hpp).
#pragma once

#include "io/run_limits.hpp"
#include "proofs-check/limit_search_limits.hpp"

#include <CLI/CLI.hpp>

namespace hardmax {

inline void add_run_limit_options(CLI::App* cmd, run_limits& limits) {
  cmd->add_option("--max-tokens", limits.max_tokens, "Refuse inputs with more tokens (resource limit, exit 5)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--max-dim", limits.max_dimension, "Refuse inputs of higher dimension d (resource limit, exit 5)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
}

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

}  // namespace hardmax
