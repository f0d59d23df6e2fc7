#include "sentiment/model/evaluation.hpp"

#include "sentiment/model/review_pass.hpp"
#include "sentiment/model/seeded_random.hpp"
#include "sentiment/model/worker_pool.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

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

evaluation score_logits(std::span<const double> logits, std::span<const encoded_review> reviews, loss_form form) {
  for (const auto& r : reviews) check_label(r);
  evaluation out;
  out.reviews = reviews.size();
  if (reviews.empty()) return out;
  double loss = 0;
  std::size_t correct = 0;
  for (std::size_t i = 0; i < reviews.size(); ++i) {
    loss += review_loss(logits[i], reviews[i].label, form);
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

double batch_mean_accuracy(std::span<const double> logits, std::span<const encoded_review> reviews,
                           std::size_t batch_size, std::uint64_t seed, int epoch) {
  if (batch_size == 0) throw std::invalid_argument("batch_mean_accuracy: the batch size must be positive");
  if (logits.size() != reviews.size()) throw std::invalid_argument("batch_mean_accuracy: one logit per review");
  if (reviews.empty()) return 0;
  std::mt19937_64 g = seeded_generator(seed, test_order_stream, static_cast<std::uint64_t>(epoch));
  const std::vector<std::size_t> order = shuffled_indices(reviews.size(), g);
  double sum = 0;
  std::size_t batches = 0;
  for (std::size_t begin = 0; begin < order.size(); begin += batch_size, ++batches) {
    const std::size_t end = std::min(order.size(), begin + batch_size);
    std::size_t correct = 0;
    for (std::size_t k = begin; k < end; ++k)
      correct += (logits[order[k]] > 0) == (reviews[order[k]].label == 1) ? 1 : 0;
    sum += static_cast<double>(correct) / static_cast<double>(end - begin);
  }
  return sum / static_cast<double>(batches);
}

evaluation evaluate(const classifier& model, std::span<const encoded_review> reviews, unsigned threads, loss_form form) {
  return score_logits(predict_logits(model, reviews, threads), reviews, form);
}

}  // namespace hardmax::sentiment
