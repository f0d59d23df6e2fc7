// What a library error means to a user, for every front end: the command line turns the kind into
// an exit code (apps/cli.cpp, docs/CLI.md), the Python module into an exception
// (python/bindings/module.cpp, docs/PYTHON.md). One mapping, so the two cannot drift apart.
#pragma once

#include <exception>
#include <optional>
#include <string>

namespace hardmax {

enum class failure_kind {
  bad_input,        // a file, field, option or value (exit 2, ValueError)
  bad_output,       // an output that cannot be written (exit 2, OSError)
  resource_limit,   // a --max-* ceiling or exact growth (exit 5, ResourceLimitError)
  numeric_failure,  // a floating engine left its range (exit 3, NumericalFailure)
  interrupted,      // SIGINT or SIGTERM (exit 128 + signal, KeyboardInterrupt)
};

struct failure {
  failure_kind kind;
  std::string message;  // as the user reads it, without the front end's own prefix
  int signal = 0;       // interrupted only
};

// The failure a library exception stands for; nullopt for exceptions the library does not raise.
std::optional<failure> classify(const std::exception_ptr& error);

}  // namespace hardmax
