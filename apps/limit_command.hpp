// `hardmax limit`: K*, the exact limit configuration and its clusters (L6, L5), decided exactly.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace hardmax {

void add_limit_command(CLI::App& app, const std::string& command_line);

}  // namespace hardmax
