// Gradients of the classifier's loss, in the two forms training needs: the sum over a few reviews
// as the backward pass produces it (sparse in the embedding: only the words those reviews use), and
// the gradient in the shape of the parameters that clipping and Adam consume.
#pragma once

#include "sentiment/model/classifier.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hardmax::sentiment {

// Sum over reviews of the gradient of their losses. Embedding entries are kept as a list, one per
// (review, distinct word), in the order the reviews were processed: adding them up later in list
// order makes the result independent of which thread computed which review.
struct gradient_sum {
  int dimension = 0;
  double theta = 0;                 // d loss / d theta (classifier.hpp: theta gives alpha)
  Eigen::VectorXd decoder_weight;   // d loss / d w
  double decoder_bias = 0;          // d loss / d b
  std::vector<std::int32_t> rows;   // embedding rows (0, the padding, only where it is learnt)
  std::vector<double> row_values;   // `dimension` values per entry of `rows`
  double loss = 0;                  // sum of the reviews' binary cross-entropies
  std::size_t correct = 0;          // reviews whose sign of the logit matches the label
  std::size_t reviews = 0;

  // Empties the sums, keeping the buffers' capacity (no allocation per batch).
  void reset(int dimension);
};

// Gradient in parameter shape. The embedding part is dense (vocabulary x d) so rows can be summed
// in place, but only rows in touched_rows can be non-zero, and clearing costs only those rows.
class parameter_gradient {
 public:
  parameter_gradient() = default;
  explicit parameter_gradient(const classifier& model);

  row_matrix embedding;
  double theta = 0;
  Eigen::VectorXd decoder_weight;
  double decoder_bias = 0;

  // Rows of `embedding` that may be non-zero, in the order they were first added to.
  const std::vector<std::int32_t>& touched_rows() const { return touched_rows_; }

  void clear();
  // Adds a sum of review gradients, entry by entry in its order.
  void add(const gradient_sum& sum);
  void scale(double factor);
  // Euclidean norm over every parameter (theta, w, b, then the touched embedding rows in order).
  double norm() const;

 private:
  std::vector<std::int32_t> touched_rows_;
  std::vector<unsigned char> touched_;  // per embedding row
};

// Gradient-norm clipping as PyTorch's clip_grad_norm_(max_norm): when the global norm exceeds
// max_norm every component is multiplied by max_norm / (norm + 1e-6). Returns the norm before.
double clip_gradient_norm(parameter_gradient& gradient, double max_norm);

}  // namespace hardmax::sentiment
