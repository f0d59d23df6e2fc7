// `hardmax simulate`: run the dynamics (M4; M5, M6 options) with one engine and write the trajectory.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace hardmax {

// Registers the subcommand; `command_line` is recorded in the output for provenance.
void add_simulate_command(CLI::App& app, const std::string& command_line);

}  // namespace hardmax
