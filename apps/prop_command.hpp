// `hardmax prop`: property campaigns over the claims (tests/properties), with counterexample files.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace hardmax {

void add_prop_command(CLI::App& app, const std::string& command_line);

}  // namespace hardmax
