// The paper's sentiment classifier (THEORY.md, "The paper's sentiment experiment"): an embedding,
// `layers` applications of ONE shared softmax attention layer (M5 with A = I), the mean of all
// tokens, a linear decoder and a sigmoid.
//
// The parameters are public members so that other code (the CLI) can run the hardmax dynamics M4
// on exactly the trained weights: Z^0 = initial_tokens(model, review), alpha = model.alpha().
#pragma once

#include "sentiment/model/encoded_review.hpp"

#include <Eigen/Core>

#include <cmath>
#include <cstdint>

namespace hardmax::sentiment {

// Row-major so that a word's embedding (and a token of a configuration) is one contiguous row,
// the layout of hardmax::tokens<double>.
using row_matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct classifier_shape {
  int vocabulary_size = 0;     // ids 0 .. vocabulary_size - 1, id 0 is padding
  int dimension = 2;           // d; the paper uses 2, 4, 8, 16
  int layers = 8;              // applications of the shared layer
  double temperature = 1e-3;   // tau of the softmax (M5)
};

struct classifier {
  // vocabulary_size x d. Row 0 (padding) is zero and receives no gradient, like PyTorch's
  // nn.Embedding(padding_idx=0): padded positions are the zero token throughout training.
  row_matrix embedding;
  // alpha = exp(theta). The paper wants a positive alpha but trains it unconstrained; optimising its
  // logarithm keeps it positive whatever step Adam takes.
  double theta = 0;
  Eigen::VectorXd decoder_weight;  // w in R^d: logit = w . mean_i z_i^L + b
  double decoder_bias = 0;         // b
  int layers = 8;
  double temperature = 1e-3;

  double alpha() const { return std::exp(theta); }
  int dimension() const { return static_cast<int>(embedding.cols()); }
  int vocabulary_size() const { return static_cast<int>(embedding.rows()); }
};

// PyTorch's default initialisation, reproducible from `seed` alone: embedding N(0, 1) (row 0 then
// zeroed), decoder weight and bias uniform in (-1/sqrt(d), 1/sqrt(d)) like nn.Linear, and
// alpha = u with u uniform in (0, 1) (theta = log u) as in the paper.
classifier make_classifier(const classifier_shape& shape, std::uint64_t seed);

// Z^0 of a review: one row per position (padding included, as the zero token), sequence_length x d.
// Throws std::out_of_range for an id outside the vocabulary.
row_matrix initial_tokens(const classifier& model, const encoded_review& review);

// Throws std::invalid_argument unless the parameters have consistent sizes, the padding row is
// zero, layers >= 1 and the temperature is positive and finite.
void check_classifier(const classifier& model);

}  // namespace hardmax::sentiment
