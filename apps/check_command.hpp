// `hardmax check`: every claim of THEORY.md (L1-L6) on one configuration, with evidence.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace hardmax {

void add_check_command(CLI::App& app, const std::string& command_line);

}  // namespace hardmax
