#include "sentiment/model/evaluation.hpp"

#include "sentiment/model/review_pass.hpp"
#include "sentiment/model/worker_pool.hpp"

#include <algorithm>
#include <cmath>

namespace hardmax::sentiment {

std::vector<double> predict_logits(const classifier& model, std::span<const encoded_review> reviews, unsigned threads) {
  check_classifier(model);
  std::vector<double> logits(reviews.size());
  worker_pool pool(threads);
  std::vector<review_pass> passes(pool.size());
  constexpr std::size_t block = 256;
  const std::size_t blocks = (reviews.size() + block - 1) / block;
  pool.run(blocks, [&](std::size_t b, unsigned worker) {
    const std::size_t end = std::min(reviews.size(), (b + 1) * block);
    for (std::size_t i = b * block; i < end; ++i) logits[i] = passes[worker].logit(model, reviews[i]);
  });
  return logits;
}

evaluation score_logits(std::span<const double> logits, std::span<const encoded_review> reviews) {
  for (const auto& r : reviews) check_label(r);
  evaluation out;
  out.reviews = reviews.size();
  if (reviews.empty()) return out;
  double loss = 0;
  std::size_t correct = 0;
  for (std::size_t i = 0; i < reviews.size(); ++i) {
    loss += logit_loss(logits[i], reviews[i].label);
    correct += (logits[i] > 0) == (reviews[i].label == 1) ? 1 : 0;
  }
  out.mean_loss = loss / static_cast<double>(reviews.size());
  out.accuracy = static_cast<double>(correct) / static_cast<double>(reviews.size());
  return out;
}

bool confidently_correct(double logit, int label, double confidence) {
  // sigmoid(logit) >= c  <=>  logit >= log(c / (1 - c)); compared on logits so that no probability
  // rounds to 1 and no review is lost to saturation.
  const double threshold = std::log(confidence / (1 - confidence));
  return label == 1 ? logit >= threshold : -logit >= threshold;
}

evaluation evaluate(const classifier& model, std::span<const encoded_review> reviews, unsigned threads) {
  return score_logits(predict_logits(model, reviews, threads), reviews);
}

}  // namespace hardmax::sentiment
