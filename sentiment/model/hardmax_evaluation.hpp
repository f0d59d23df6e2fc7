// The trained weights run through the hardmax dynamics M4 instead of the softmax layer they were
// trained with (THEORY.md: "evaluated both as trained (softmax) and with the same weights run through
// the hardmax dynamics M4"): the embedding gives Z^0, 8 layers of M4 with A = I and the learnt alpha,
// then the same mean and decoder.
#pragma once

#include "sentiment/model/classifier.hpp"
#include "sentiment/model/evaluation.hpp"

#include <span>
#include <string>

namespace hardmax::sentiment {

// engine: "double" (M4 in double, ties by equality of rounded scores) or "certified" (the certified
// engine: every attention set is the exact one for the embedding's exact values, docs/PRECISION.md).
evaluation evaluate_hardmax(const classifier& model, std::span<const encoded_review> reviews, const std::string& engine,
                            unsigned threads);

// The final-layer tokens of one review under M4 in double (for leader analysis).
double hardmax_logit(const classifier& model, const encoded_review& review, const std::string& engine);

}  // namespace hardmax::sentiment
