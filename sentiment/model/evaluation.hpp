// The classifier as trained (softmax layers, M5) applied to reviews, without gradients.
#pragma once

#include "sentiment/model/classifier.hpp"
#include "sentiment/model/encoded_review.hpp"
#include "sentiment/model/loss.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace hardmax::sentiment {

struct evaluation {
  double mean_loss = 0;   // mean binary cross-entropy (in the form asked for, loss.hpp)
  double accuracy = 0;    // fraction of reviews with sign(logit) matching the label (logit 0 counts as negative)
  std::size_t reviews = 0;
};

// One logit per review (probability of "positive" = sigmoid(logit)), with `threads` threads
// (0 means 1); each review's logit is computed by one thread alone, so the result does not depend
// on the number of threads.
std::vector<double> predict_logits(const classifier& model, std::span<const encoded_review> reviews, unsigned threads);

// Loss and accuracy of logits[i] for reviews[i] (an empty span gives zeros); sums in review order.
evaluation score_logits(std::span<const double> logits, std::span<const encoded_review> reviews,
                        loss_form form = loss_form::logit);

// The accuracy the paper reports: the reviews in a shuffled order (its DataLoader shuffles the test set
// too; here the order is drawn from `seed` and `epoch`), cut into batches of `batch_size`, and the mean
// of the batches' accuracies, so the last, smaller batch weighs as much as any other.
double batch_mean_accuracy(std::span<const double> logits, std::span<const encoded_review> reviews,
                           std::size_t batch_size, std::uint64_t seed, int epoch);

// True when sigmoid(logit) is on the side of the label with probability at least `confidence`
// (the paper's "classified correctly with confidence 0.95"). confidence in [0.5, 1).
bool confidently_correct(double logit, int label, double confidence);

// Loss and accuracy over `reviews` (an empty span gives zeros); sums are taken in review order.
evaluation evaluate(const classifier& model, std::span<const encoded_review> reviews, unsigned threads,
                    loss_form form = loss_form::logit);

}  // namespace hardmax::sentiment
