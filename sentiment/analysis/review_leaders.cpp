#include "sentiment/analysis/review_leaders.hpp"

#include "sentiment/model/hardmax_evaluation.hpp"
#include "sentiment/model/worker_pool.hpp"
#include "theory/leaders.hpp"

#include <algorithm>

namespace hardmax::sentiment {
namespace {

std::vector<std::int32_t> leader_words(const trajectory<double>& t, std::size_t layer, const encoded_review& review,
                                       bool count_padding) {
  std::vector<std::int32_t> words;
  for (index i : leaders_at(t, layer))
    if (const std::int32_t id = review.ids[static_cast<std::size_t>(i)]; id != 0 || count_padding) words.push_back(id);
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

// The last layer's point of word `id` (any position holding it: they coincide).
Eigen::RowVectorXd point_of(const trajectory<double>& t, const encoded_review& review, std::int32_t id) {
  const auto at = std::find(review.ids.begin(), review.ids.end(), id);
  return t.layers.back().row(at - review.ids.begin());
}

}  // namespace

review_leaders leaders_of(const classifier& model, const encoded_review& review, const std::string& engine) {
  const trajectory<double> t = hardmax_trajectory(model, review, engine);
  review_leaders r;
  r.logit = decoder_output(model, t.layers.back().colwise().mean());
  r.first = leader_words(t, 0, review, model.learns_padding());
  r.last = leader_words(t, t.layers.size() - 1, review, model.learns_padding());
  for (std::int32_t id : r.last) r.last_outputs.push_back(decoder_output(model, point_of(t, review, id)));
  return r;
}

std::vector<review_leaders> leader_census(const classifier& model, std::span<const encoded_review> reviews,
                                          const std::string& engine, unsigned threads,
                                          const std::function<void(std::size_t)>& progress) {
  std::vector<review_leaders> out(reviews.size());
  worker_pool pool(threads);
  // Blocks between progress calls, so a progress bar (and an interrupt) is served every few seconds.
  constexpr std::size_t block = 512;
  for (std::size_t begin = 0; begin < reviews.size(); begin += block) {
    const std::size_t end = std::min(reviews.size(), begin + block);
    pool.run(end - begin, [&](std::size_t k, unsigned) { out[begin + k] = leaders_of(model, reviews[begin + k], engine); });
    if (progress) progress(end);
  }
  return out;
}

}  // namespace hardmax::sentiment
