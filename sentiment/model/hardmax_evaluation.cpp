#include "sentiment/model/hardmax_evaluation.hpp"

#include "numerics/certified_engine.hpp"
#include "numerics/trajectory.hpp"
#include "sentiment/model/review_pass.hpp"
#include "sentiment/model/worker_pool.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace hardmax::sentiment {

trajectory<double> hardmax_trajectory(const classifier& model, const encoded_review& review, const std::string& engine) {
  if (!(model.alpha() > 0))
    throw std::domain_error(fmt::format("alpha = {} is not positive: M4 needs alpha > 0 (THEORY.md M2)", model.alpha()));
  const row_matrix Z0 = initial_tokens(model, review);
  const index d = static_cast<index>(Z0.cols());
  if (engine == "double") {
    hardmax::model<double> m{matrix<double>::Identity(d, d), model.alpha(), std::nullopt, std::nullopt, std::nullopt};
    return simulate(m, tokens<double>(Z0), model.layers);
  }
  if (engine == "certified") {
    problem p;
    p.A = matrix<rational>::Identity(d, d);
    p.alpha = exact_value(model.alpha());
    p.Z0 = tokens<rational>(Z0.rows(), d);
    for (index i = 0; i < Z0.rows(); ++i)
      for (index c = 0; c < d; ++c) p.Z0(i, c) = exact_value(Z0(i, c));
    return simulate_certified(p, model.layers).path;
  }
  throw std::invalid_argument("hardmax evaluation engine must be double or certified, not '" + engine + "'");
}

double decoder_output(const classifier& model, const Eigen::Ref<const Eigen::RowVectorXd>& z) {
  return model.decoder_weight.dot(z.transpose()) + model.decoder_bias;
}

double hardmax_logit(const classifier& model, const encoded_review& review, const std::string& engine) {
  const trajectory<double> t = hardmax_trajectory(model, review, engine);
  return decoder_output(model, t.layers.back().colwise().mean());
}

std::vector<double> hardmax_logits(const classifier& model, std::span<const encoded_review> reviews,
                                   const std::string& engine, unsigned threads) {
  std::vector<double> logits(reviews.size());
  worker_pool pool(threads);
  pool.run(reviews.size(), [&](std::size_t r, unsigned) { logits[r] = hardmax_logit(model, reviews[r], engine); });
  return logits;
}

evaluation evaluate_hardmax(const classifier& model, std::span<const encoded_review> reviews, const std::string& engine,
                            unsigned threads) {
  return score_logits(hardmax_logits(model, reviews, engine, threads), reviews);
}

}  // namespace hardmax::sentiment
