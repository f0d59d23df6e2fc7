// A classifier's starting point taken from files instead of drawn from the seed: the same initial
// weights as another implementation, so that the two can be compared from one start and differ only
// in how they train (issue 15: C++ against the PyTorch reference; scripts/reference-pytorch --save-init).
#pragma once

#include "sentiment/model/classifier.hpp"

#include <filesystem>

namespace hardmax::sentiment {

// Reads DIR/embedding.npy (vocabulary x d), DIR/alpha.npy (one value), DIR/decoder_weight.npy (d values)
// and DIR/decoder_bias.npy (one value), float64 or float32 (io/npy_file.hpp), into `model`, whose
// shape, padding and alpha form stay. input_error naming the file for a missing file or a wrong size, a
// non-zero padding row where the padding is zero, or alpha <= 0 where alpha = exp(theta).
void load_initial_weights(classifier& model, const std::filesystem::path& dir);

}  // namespace hardmax::sentiment
