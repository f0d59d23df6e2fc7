// `hardmax compare`: the precision comparison report, every engine against the exact trajectory.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace hardmax {

void add_compare_command(CLI::App& app, const std::string& command_line);

}  // namespace hardmax
