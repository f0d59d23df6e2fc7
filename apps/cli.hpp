// The hardmax command line as a function, so that main() and the argument fuzzer (fuzz/) run the
// same code. Returns the process exit code (apps/exit_codes.hpp); never calls exit().
#pragma once

namespace hardmax {

int run_cli(int argc, char** argv);

}  // namespace hardmax
