// The paper's review figure for d = 2 (THEORY.md, "Interpretation"): one review's tokens at layer 0 and
// at the last layer, the decoder's decision line, the leaders named by their words. Written as CSV for
// scripts/plot-sentiment-review (matplotlib), one row per (distinct word, layer):
//   word,id,positions,layer,x,y,leader,decoder_output
// preceded by comment lines: the provenance, and "# decoder,w0,w1,b,logit,label" with their values.
#pragma once

#include "numerics/trajectory.hpp"
#include "sentiment/model/classifier.hpp"

#include <ostream>
#include <string>

namespace hardmax::sentiment {

class vocabulary;

// Throws std::invalid_argument unless the model has d = 2. `path` is the review's M4 trajectory with
// leader sets (hardmax_trajectory).
void write_review_plot_csv(std::ostream& out, const classifier& model, const vocabulary& vocab,
                           const encoded_review& review, const trajectory<double>& path, const std::string& provenance);

}  // namespace hardmax::sentiment
