// The forward and backward pass of the classifier on one review (derivation: GRADIENTS.md).
//
// Two exact reformulations make it fast without changing the model:
// - Repeated words. Tokens with the same id (and every padding position) start equal and, since
//   the layer treats them identically, stay equal at every layer. The pass works on the u distinct
//   ids with their multiplicities c_v: the softmax over the 128 positions becomes a softmax over the
//   distinct tokens with weights c_v exp(s_uv / tau), and the mean over positions is
//   sum_v c_v z_v / 128. Same function, same gradient; u is about 80 instead of 128 on IMDb-like
//   input, and the padding row is computed once instead of ~50 times.
// - Vanishing softmax weights. Scores are shifted by the row maximum, and wherever
//   (s - max) / tau is below about -745.13, exp underflows to exactly 0 in double. With tau = 0.001
//   almost every weight is such a zero: those are never stored, and the backward pass runs over the
//   stored (non-zero) weights only. Skipping a term that is exactly 0 changes no sum.
#pragma once

#include "sentiment/model/classifier.hpp"
#include "sentiment/model/encoded_review.hpp"
#include "sentiment/model/gradient.hpp"
#include "sentiment/model/loss.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hardmax::sentiment {

struct review_result {
  double logit = 0;  // w . mean(Z^L) + b; the probability of "positive" is sigmoid(logit)
  double loss = 0;   // binary cross-entropy of sigmoid(logit) against the label (review_loss)
};

// Throws std::invalid_argument unless the label is 0 or 1 (the loss needs it; prediction does not).
void check_label(const encoded_review& review);

// Holds every buffer of the pass: a worker that reuses one object allocates nothing once the
// buffers have grown to the largest review it has seen.
class review_pass {
 public:
  // Forward pass only. Throws std::out_of_range for a word id outside the vocabulary and
  // std::domain_error if the parameters make the scores non-finite.
  double logit(const classifier& model, const encoded_review& review);

  // Forward and backward pass: adds the gradient of this review's loss (in `form`, loss.hpp) to `into`,
  // together with its loss and whether it is classified correctly.
  review_result accumulate(const classifier& model, const encoded_review& review, gradient_sum& into,
                           loss_form form = loss_form::logit);

  // Non-zero softmax weights stored by the last forward pass, over all layers (a diagnostic).
  std::size_t attention_entries() const { return cols_.size(); }
  // Distinct ids (padding included) of the last review.
  int distinct_tokens() const { return u_; }

 private:
  void collect(const classifier& model, const encoded_review& review);
  template <int D>
  double forward(const classifier& model);
  template <int D>
  void backward(const classifier& model, double dlogit, gradient_sum& into);

  int u_ = 0;
  std::vector<std::int32_t> ids_;  // distinct ids, increasing
  std::vector<double> counts_;     // their multiplicities among the 128 positions
  // Tokens by layer, coordinate-major so that the scores against one token vectorise:
  // z_[(k * d + c) * u + j] is coordinate c of distinct token j at layer k (k = 0 .. layers).
  std::vector<double> z_;
  std::vector<double> y_;  // attention outputs P Z^k, same layout (k = 0 .. layers - 1)
  // Non-zero softmax weights P^k_ij, row by row: row i of layer k is entries
  // row_start_[k * (u + 1) + i] .. row_start_[k * (u + 1) + i + 1] of cols_ / weights_.
  std::vector<std::uint32_t> row_start_;
  std::vector<std::int32_t> cols_;
  std::vector<double> weights_;
  std::vector<double> scores_, query_, mean_;
  std::vector<std::uint8_t> candidates_;  // indices of scores near the row maximum
  std::vector<double> grad_, next_grad_, dy_;
};

}  // namespace hardmax::sentiment
