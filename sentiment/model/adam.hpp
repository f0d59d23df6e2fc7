// Adam (Kingma and Ba), as torch.optim.Adam with its defaults and no weight decay, for the
// classifier's parameters (embedding, theta = log alpha, decoder weight and bias).
//
// Like PyTorch with a dense embedding gradient, every embedding row is updated at every step (its
// moments decay even when the batch does not use the word). A zero padding row (padding_mode::zero)
// has zero gradient, so its moments stay zero and the update leaves it exactly zero.
#pragma once

#include "sentiment/model/classifier.hpp"
#include "sentiment/model/gradient.hpp"

#include <Eigen/Core>

#include <cstdint>

namespace hardmax::sentiment {

class worker_pool;

struct adam_options {
  double learning_rate = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double epsilon = 1e-8;
};

struct adam_state {
  adam_options options;
  std::int64_t steps = 0;
  // First and second moments, one per parameter, in the parameters' shapes.
  row_matrix embedding_m, embedding_v;
  double theta_m = 0, theta_v = 0;
  Eigen::VectorXd decoder_weight_m, decoder_weight_v;
  double decoder_bias_m = 0, decoder_bias_v = 0;
};

// Zero moments for `model`.
adam_state make_adam_state(const classifier& model, const adam_options& options = {});

// One step with `gradient`:
//   m <- beta1 m + (1 - beta1) g,  v <- beta2 v + (1 - beta2) g^2,
//   p <- p - (lr / (1 - beta1^t)) m / (sqrt(v) / sqrt(1 - beta2^t) + eps)       (PyTorch's form).
// Every element is independent, so `pool` (optional) splits the embedding rows between threads
// without any effect on the result.
void adam_step(classifier& model, adam_state& state, const parameter_gradient& gradient, worker_pool* pool = nullptr);

}  // namespace hardmax::sentiment
