// One training epoch of the classifier: shuffle, batches of 64, mean binary cross-entropy, global
// gradient-norm clipping at 5, one Adam step per batch (the paper's settings are the defaults).
// Where alpha is a raw parameter (classifier.hpp) nothing keeps it positive, as in the paper's code:
// the epoch reports its smallest value and the steps after which it was not positive.
//
// Reproducibility: the shuffle of epoch e is drawn from a generator seeded with (seed, e) only, and
// each batch is cut into a fixed number of chunks (not one per thread); chunk gradients are computed
// in parallel but summed in chunk order. So an epoch's result is bit-identical for any number of
// threads, and resuming from a checkpoint after epoch e reproduces the uninterrupted run.
#pragma once

#include "sentiment/model/adam.hpp"
#include "sentiment/model/classifier.hpp"
#include "sentiment/model/encoded_review.hpp"
#include "sentiment/model/loss.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>

namespace hardmax::sentiment {

struct training_options {
  int batch_size = 64;
  int chunks_per_batch = 8;  // part of the arithmetic (the summation order), unlike the thread count
  double clip_norm = 5.0;
  std::uint64_t seed = 0;    // shuffling; epoch e uses the stream (seed, e)
  loss_form loss = loss_form::logit;
};

// Reported after every batch, on the calling thread.
struct batch_progress {
  int epoch = 0;
  std::size_t batch = 0;      // batches done in this epoch (1 .. batches)
  std::size_t batches = 0;
  std::size_t reviews = 0;    // reviews done in this epoch
  double mean_loss = 0;       // over the reviews done so far, each evaluated before its batch's step
  double accuracy = 0;        // likewise
  double gradient_norm = 0;   // of this batch's mean gradient, before clipping
};

struct epoch_result {
  int epoch = 0;
  std::size_t reviews = 0;
  std::size_t batches = 0;
  double mean_loss = 0;       // training loss: mean over the epoch's reviews (before their batch's step)
  double accuracy = 0;
  double batch_mean_accuracy = 0;   // the mean of the batches' accuracies: the training accuracy the paper reports
  std::size_t clipped_batches = 0;  // batches whose gradient clipping scaled down
  double smallest_alpha = 0;        // over the epoch's start and the model after each of its steps
  std::size_t nonpositive_alpha_steps = 0;  // steps after which alpha <= 0 (THEORY.md M2 needs alpha > 0)
  std::size_t first_nonpositive_batch = 0;  // 1-based batch of the first such step; 0 if none
};

using progress_callback = std::function<void(const batch_progress&)>;

// Trains `model` in place for one epoch (number `epoch`, counted from 0) on `data` with `threads`
// threads (0 means 1). Throws std::invalid_argument on inconsistent options or sizes and
// std::out_of_range for a word id outside the vocabulary (then the model may be partly updated).
epoch_result train_epoch(classifier& model, adam_state& adam, std::span<const encoded_review> data,
                         const training_options& options, int epoch, unsigned threads,
                         const progress_callback& progress = {});

}  // namespace hardmax::sentiment
