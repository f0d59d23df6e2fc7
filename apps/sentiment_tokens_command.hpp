// hardmax sentiment tokens: the text pipeline on text a user gives, one line in, one line of tokens out,
// with the same choices as training (--preset, --cleaning, --case, --lemmas). For seeing what a choice
// does to a review, and for checking the pipeline against NLTK (scripts/check-text-pipeline-nltk).
#pragma once

#include <CLI/CLI.hpp>

namespace hardmax {

void add_sentiment_tokens_command(CLI::App& sentiment);

}  // namespace hardmax
