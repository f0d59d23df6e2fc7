#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace hardmax {

void add_sentiment_command(CLI::App& app, const std::string& command_line);

}  // namespace hardmax
