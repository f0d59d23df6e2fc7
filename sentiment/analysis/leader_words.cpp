#include "sentiment/analysis/leader_words.hpp"

#include "sentiment/model/evaluation.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

namespace hardmax::sentiment {

leader_histogram histogram_of_leaders(std::span<const review_leaders> census, std::span<const encoded_review> reviews,
                                      const vocabulary& vocab, const leader_word_selection& selection) {
  if (census.size() != reviews.size()) throw std::invalid_argument("histogram_of_leaders: one census entry per review");
  leader_histogram h;
  std::map<std::int32_t, word_count> counts;
  for (std::size_t r = 0; r < reviews.size(); ++r) {
    if (!confidently_correct(census[r].logit, reviews[r].label, selection.confidence)) continue;
    ++h.confident_reviews;
    for (std::int32_t id : reviews[r].ids)
      if (id != 0) h.review_tokens.push_back(id);
    for (std::size_t k = 0; k < census[r].last.size(); ++k) {
      const double output = census[r].last_outputs[k];
      if (!(std::abs(output) > selection.min_output)) continue;
      word_count& c = counts[census[r].last[k]];
      c.id = census[r].last[k];
      ++c.reviews;
      c.positive += output > 0 ? 1 : 0;
      ++h.counted_leaders;
    }
  }
  for (auto& [id, c] : counts) {
    c.word = vocab.word(id);
    h.words.push_back(c);
  }
  std::sort(h.words.begin(), h.words.end(), [](const word_count& a, const word_count& b) {
    return a.reviews != b.reviews ? a.reviews > b.reviews : a.word < b.word;
  });
  return h;
}

}  // namespace hardmax::sentiment
