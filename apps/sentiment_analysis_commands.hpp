// hardmax sentiment eval | leaders | plot: what a trained run (`sentiment train --out DIR`) is asked
// after training: its accuracy under softmax and hardmax M4, the paper's leader analysis, the d = 2
// review figure.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace hardmax {

void add_sentiment_analysis_commands(CLI::App& sentiment, const std::string& command_line);

}  // namespace hardmax
