// Everything a training run needs to continue exactly where it stopped: the classifier, Adam's
// moments and step count, the training options and the number of completed epochs.
//
// The random state is not a generator dump: epoch e's shuffle is drawn from (options.seed, e)
// alone (trainer.hpp), so (seed, epochs_completed) is the generator's position. Resuming a saved
// run is bit-identical to never having stopped.
//
// File format: a line "hardmax-sentiment-checkpoint", a one-line JSON header (sizes, counters,
// seed), then every double as its 8 raw little-endian bytes (exact round trip), in the order
// listed in checkpoint.cpp. Written atomically: a checkpoint on disk is always complete.
#pragma once

#include "sentiment/model/adam.hpp"
#include "sentiment/model/classifier.hpp"
#include "sentiment/model/trainer.hpp"

#include <filesystem>
#include <stdexcept>

namespace hardmax::sentiment {

struct training_checkpoint {
  classifier model;
  adam_state adam;
  training_options options;
  int epochs_completed = 0;  // the next epoch to train has this number
};

struct checkpoint_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws hardmax::output_error if the file cannot be written.
void save_checkpoint(const std::filesystem::path& path, const training_checkpoint& checkpoint);

// Throws checkpoint_error (naming the file) if it cannot be read, is not a checkpoint, is truncated
// or inconsistent.
training_checkpoint load_checkpoint(const std::filesystem::path& path);

}  // namespace hardmax::sentiment
