// The hardmax command-line tool. Exit codes: apps/exit_codes.hpp.
#include "apps/cli.hpp"

int main(int argc, char** argv) { return hardmax::run_cli(argc, argv); }
