#include "sentiment/model/adam.hpp"

#include "sentiment/model/worker_pool.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hardmax::sentiment {

adam_state make_adam_state(const classifier& model, const adam_options& options) {
  adam_state s;
  s.options = options;
  s.embedding_m = row_matrix::Zero(model.vocabulary_size(), model.dimension());
  s.embedding_v = row_matrix::Zero(model.vocabulary_size(), model.dimension());
  s.decoder_weight_m = Eigen::VectorXd::Zero(model.dimension());
  s.decoder_weight_v = Eigen::VectorXd::Zero(model.dimension());
  return s;
}

namespace {

struct step_constants {
  double beta1, beta2, one_minus_beta1, one_minus_beta2, step_size, root_correction2, epsilon;
};

// The update of one parameter; every parameter goes through this same sequence of operations.
inline void update(double& p, double& m, double& v, double g, const step_constants& k) {
  m = k.beta1 * m + k.one_minus_beta1 * g;
  v = k.beta2 * v + k.one_minus_beta2 * (g * g);
  p -= k.step_size * (m / (std::sqrt(v) / k.root_correction2 + k.epsilon));
}

}  // namespace

void adam_step(classifier& model, adam_state& state, const parameter_gradient& gradient, worker_pool* pool) {
  const Eigen::Index rows = model.embedding.rows(), d = model.embedding.cols();
  if (state.embedding_m.rows() != rows || state.embedding_m.cols() != d || gradient.embedding.rows() != rows ||
      gradient.embedding.cols() != d)
    throw std::invalid_argument("Adam state or gradient of another shape than the classifier");
  state.steps += 1;
  const auto& o = state.options;
  const double t = static_cast<double>(state.steps);
  const step_constants k{o.beta1,
                         o.beta2,
                         1 - o.beta1,
                         1 - o.beta2,
                         o.learning_rate / (1 - std::pow(o.beta1, t)),
                         std::sqrt(1 - std::pow(o.beta2, t)),
                         o.epsilon};

  update(model.theta, state.theta_m, state.theta_v, gradient.theta, k);
  for (Eigen::Index c = 0; c < d; ++c)
    update(model.decoder_weight(c), state.decoder_weight_m(c), state.decoder_weight_v(c), gradient.decoder_weight(c), k);
  update(model.decoder_bias, state.decoder_bias_m, state.decoder_bias_v, gradient.decoder_bias, k);

  // Every row in blocks, the padding row 0 included: where it is not learnt its gradient and moments
  // are zero, so p -= step * (0 / eps) leaves it exactly zero.
  double* const p = model.embedding.data();
  double* const m = state.embedding_m.data();
  double* const v = state.embedding_v.data();
  const double* const g = gradient.embedding.data();
  const std::size_t total = static_cast<std::size_t>(rows * d);
  constexpr std::size_t block = 16384;
  const std::size_t blocks = (total + block - 1) / block;
  // The same operations as update(), element-wise with Eigen's packet math (sqrt and division are
  // correctly rounded either way, so this is bit-identical to the scalar form).
  auto run_block = [&](std::size_t b, unsigned) {
    const std::size_t begin = b * block, end = std::min(total, begin + block);
    const auto n = static_cast<Eigen::Index>(end - begin);
    Eigen::Map<Eigen::ArrayXd> pb(p + begin, n), mb(m + begin, n), vb(v + begin, n);
    const Eigen::Map<const Eigen::ArrayXd> gb(g + begin, n);
    mb = k.beta1 * mb + k.one_minus_beta1 * gb;
    vb = k.beta2 * vb + k.one_minus_beta2 * (gb * gb);
    pb -= k.step_size * (mb / (vb.sqrt() / k.root_correction2 + k.epsilon));
  };
  if (pool != nullptr && pool->size() > 1)
    pool->run(blocks, run_block);
  else
    for (std::size_t b = 0; b < blocks; ++b) run_block(b, 0);
}

}  // namespace hardmax::sentiment
