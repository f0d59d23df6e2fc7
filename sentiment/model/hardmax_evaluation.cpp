#include "sentiment/model/hardmax_evaluation.hpp"

#include "numerics/certified_engine.hpp"
#include "numerics/trajectory.hpp"
#include "sentiment/model/review_pass.hpp"

#include <algorithm>
#include <stdexcept>
#include <thread>
#include <vector>

namespace hardmax::sentiment {
namespace {

tokens<double> last_layer(const classifier& model, const encoded_review& review, const std::string& engine) {
  const row_matrix Z0 = initial_tokens(model, review);
  const index d = static_cast<index>(Z0.cols());
  if (engine == "double") {
    hardmax::model<double> m{matrix<double>::Identity(d, d), model.alpha(), std::nullopt, std::nullopt, std::nullopt};
    return simulate(m, tokens<double>(Z0), model.layers).layers.back();
  }
  if (engine == "certified") {
    problem p;
    p.A = matrix<rational>::Identity(d, d);
    p.alpha = exact_value(model.alpha());
    p.Z0 = tokens<rational>(Z0.rows(), d);
    for (index i = 0; i < Z0.rows(); ++i)
      for (index c = 0; c < d; ++c) p.Z0(i, c) = exact_value(Z0(i, c));
    return simulate_certified(p, model.layers).path.layers.back();
  }
  throw std::invalid_argument("hardmax evaluation engine must be double or certified, not '" + engine + "'");
}

}  // namespace

double hardmax_logit(const classifier& model, const encoded_review& review, const std::string& engine) {
  const tokens<double> Z = last_layer(model, review, engine);
  const Eigen::VectorXd mean = Z.colwise().mean().transpose();
  return model.decoder_weight.dot(mean) + model.decoder_bias;
}

evaluation evaluate_hardmax(const classifier& model, std::span<const encoded_review> reviews, const std::string& engine,
                            unsigned threads) {
  std::vector<double> logits(reviews.size());
  const unsigned workers = std::max(1u, threads);
  std::vector<std::thread> pool;
  std::exception_ptr failure;
  for (unsigned w = 0; w < workers; ++w)
    pool.emplace_back([&, w] {
      try {
        for (std::size_t r = w; r < reviews.size(); r += workers) logits[r] = hardmax_logit(model, reviews[r], engine);
      } catch (...) {
        failure = std::current_exception();
      }
    });
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  evaluation e;
  e.reviews = reviews.size();
  for (std::size_t r = 0; r < reviews.size(); ++r) {  // summed in review order: independent of the thread count
    e.mean_loss += logit_loss(logits[r], reviews[r].label);
    e.accuracy += (logits[r] > 0) == (reviews[r].label == 1) ? 1 : 0;
  }
  if (e.reviews) {
    e.mean_loss /= static_cast<double>(e.reviews);
    e.accuracy /= static_cast<double>(e.reviews);
  }
  return e;
}

}  // namespace hardmax::sentiment
