// The command-line tool's exit codes (docs/CLI.md).
#pragma once

#include <CLI/CLI.hpp>

#include <utility>

namespace hardmax::exit_code {
inline constexpr int ok = 0;
inline constexpr int claim_failed = 1;   // a checked claim does not hold (hardmax check, limit)
inline constexpr int bad_input = 2;      // unreadable or invalid file, bad option, unwritable output
inline constexpr int numeric_failure = 3;  // a floating engine left its range mid-run
inline constexpr int precision_finding = 4;  // hardmax check: only rounding violates a claim
inline constexpr int resource_limit = 5;     // --max-tokens, --max-dim, --max-memory, --max-bits, layers
// 128 + signal (130, 143): SIGINT or SIGTERM stopped the run cleanly (numerics/interruption.hpp)
}  // namespace hardmax::exit_code

namespace hardmax {

// Runs a subcommand through CLI11: a non-zero exit code travels to main() as CLI::RuntimeError.
template <class Run>
void on_run(CLI::App* cmd, Run run) {
  cmd->callback([run = std::move(run)]() {
    if (const int code = run(); code != exit_code::ok) throw CLI::RuntimeError(code);
  });
}

}  // namespace hardmax
