// The trained weights run through the hardmax dynamics M4 instead of the softmax layer they were
// trained with (THEORY.md: "evaluated both as trained (softmax) and with the same weights run through
// the hardmax dynamics M4"): the embedding gives Z^0, 8 layers of M4 with A = I and the learnt alpha,
// then the same mean and decoder.
#pragma once

#include "numerics/trajectory.hpp"
#include "sentiment/model/classifier.hpp"
#include "sentiment/model/evaluation.hpp"

#include <span>
#include <string>
#include <vector>

namespace hardmax::sentiment {

// engine: "double" (M4 in double, ties by equality of rounded scores) or "certified" (the certified
// engine: every attention set is the exact one for the embedding's exact values, docs/PRECISION.md).
// One M4 logit per review, on `threads` threads; independent of the thread count. Every function here
// throws std::domain_error when the model's alpha is not positive: M4 is defined for alpha > 0 only.
std::vector<double> hardmax_logits(const classifier& model, std::span<const encoded_review> reviews,
                                   const std::string& engine, unsigned threads);

evaluation evaluate_hardmax(const classifier& model, std::span<const encoded_review> reviews, const std::string& engine,
                            unsigned threads);

// Z^0 .. Z^L of one review under M4 with the model's weights, with the attention pattern of every
// layer (and, for "certified", the leader sets D1 decided exactly). Row i is position i of the review.
trajectory<double> hardmax_trajectory(const classifier& model, const encoded_review& review, const std::string& engine);

// The decoder applied to one point z of R^d: w . z + b. Applied to the mean of the last layer it is the
// review's logit; applied to a single token it is that token's "decoder output" (the paper's leader analysis).
double decoder_output(const classifier& model, const Eigen::Ref<const Eigen::RowVectorXd>& z);

// The review's logit under M4: the decoder applied to the mean of the last layer's tokens.
double hardmax_logit(const classifier& model, const encoded_review& review, const std::string& engine);

}  // namespace hardmax::sentiment
