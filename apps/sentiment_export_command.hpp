// hardmax sentiment export: the model inputs the C++ pipeline computes (token ids, labels, the split,
// the vocabulary), written as NumPy arrays so that another implementation trains on exactly the same
// ids (scripts/reference-pytorch, issue 15).
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace hardmax {

void add_sentiment_export_command(CLI::App& sentiment, const std::string& command_line);

}  // namespace hardmax
