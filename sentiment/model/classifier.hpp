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
#include <string>
#include <string_view>

namespace hardmax::sentiment {

// Row-major so that a word's embedding (and a token of a configuration) is one contiguous row,
// the layout of hardmax::tokens<double>.
using row_matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// The padding id 0 (issue 15, difference 4).
//  - zero: row 0 of the embedding is zero and receives no gradient, like PyTorch's
//    nn.Embedding(padding_idx=0): padded positions are the zero token throughout training (this suite's
//    original choice).
//  - learnt: row 0 is a word like any other, drawn N(0, 1) and trained; it enters the attention and the
//    mean over the 128 positions. The paper's code builds nn.Embedding without padding_idx, so this is
//    what its model did.
enum class padding_mode { zero, learnt };

// How the trained parameter theta gives alpha (issue 15, difference 5).
//  - exp: alpha = exp(theta), positive whatever step Adam takes (this suite's original choice);
//  - raw: alpha = theta, unconstrained: the paper's code initialises it U(0, 1) and calls
//    alpha.clamp(0), which is not in place and so has no effect. THEORY.md needs alpha > 0; training
//    reports every step where alpha is not (trainer.hpp).
enum class alpha_parametrisation { exp, raw };

std::string name_of(padding_mode p);
std::string name_of(alpha_parametrisation a);
padding_mode parse_padding_mode(std::string_view name);                  // "zero", "learnt"
alpha_parametrisation parse_alpha_parametrisation(std::string_view name);  // "exp", "raw"

struct classifier_shape {
  int vocabulary_size = 0;     // ids 0 .. vocabulary_size - 1, id 0 is padding
  int dimension = 2;           // d; the paper uses 2, 4, 8, 16
  int layers = 8;              // applications of the shared layer
  double temperature = 1e-3;   // tau of the softmax (M5)
  padding_mode padding = padding_mode::zero;
  alpha_parametrisation alpha = alpha_parametrisation::exp;
};

struct classifier {
  // vocabulary_size x d; row 0 is the padding (see padding_mode).
  row_matrix embedding;
  // The trained parameter behind alpha (see alpha_parametrisation).
  double theta = 0;
  Eigen::VectorXd decoder_weight;  // w in R^d: logit = w . mean_i z_i^L + b
  double decoder_bias = 0;         // b
  int layers = 8;
  double temperature = 1e-3;
  padding_mode padding = padding_mode::zero;
  alpha_parametrisation alpha_form = alpha_parametrisation::exp;

  double alpha() const { return alpha_form == alpha_parametrisation::exp ? std::exp(theta) : theta; }
  // d alpha / d theta.
  double alpha_derivative() const { return alpha_form == alpha_parametrisation::exp ? std::exp(theta) : 1.0; }
  bool learns_padding() const { return padding == padding_mode::learnt; }
  int dimension() const { return static_cast<int>(embedding.cols()); }
  int vocabulary_size() const { return static_cast<int>(embedding.rows()); }
};

// PyTorch's default initialisation, reproducible from `seed` alone: embedding N(0, 1) (row 0 then
// zeroed unless the padding is learnt), decoder weight and bias uniform in (-1/sqrt(d), 1/sqrt(d))
// like nn.Linear, and alpha = u with u uniform in (0, 1) as in the paper (theta = log u or u).
classifier make_classifier(const classifier_shape& shape, std::uint64_t seed);

// Z^0 of a review: one row per position (padding included, as row 0 of the embedding), sequence_length x d.
// Throws std::out_of_range for an id outside the vocabulary.
row_matrix initial_tokens(const classifier& model, const encoded_review& review);

// Throws std::invalid_argument unless the parameters have consistent sizes, the padding row is
// zero where it is not learnt, theta is finite, layers >= 1 and the temperature is positive and finite.
void check_classifier(const classifier& model);

}  // namespace hardmax::sentiment
