// The command-line tool's exit codes (docs/CLI.md).
#pragma once

namespace hardmax::exit_code {
inline constexpr int ok = 0;
inline constexpr int claim_failed = 1;   // a checked claim does not hold (hardmax check, limit)
inline constexpr int bad_input = 2;      // unreadable or invalid file, bad option, unwritable output
inline constexpr int numeric_failure = 3;  // a floating engine left its range mid-run
inline constexpr int precision_finding = 4;  // hardmax check: only rounding violates a claim
inline constexpr int resource_limit = 5;     // an exact run hit --max-bits or --max-memory
}  // namespace hardmax::exit_code
