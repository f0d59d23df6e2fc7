// The paper's leader histogram (THEORY.md, "Interpretation"): the words that lead at the last layer of
// reviews the model classifies correctly and confidently, counting only leaders whose decoder output
// w . z + b has magnitude above a threshold (the leaders that push the decision).
#pragma once

#include "sentiment/analysis/review_leaders.hpp"
#include "sentiment/data/vocabulary.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace hardmax::sentiment {

struct leader_word_selection {
  double confidence = 0.95;  // the review's M4 probability of its true label is at least this
  double min_output = 2;     // |decoder output| of the leader strictly above this
};

struct word_count {
  std::int32_t id = 0;
  std::string word;
  std::size_t reviews = 0;   // confident reviews in which the word is a counted leader
  std::size_t positive = 0;  // of which with a positive decoder output
};

struct leader_histogram {
  std::size_t confident_reviews = 0;     // correctly classified with the required confidence
  std::size_t counted_leaders = 0;       // (review, leader word) pairs passing the output threshold
  std::vector<word_count> words;         // every counted word, most frequent first, ties by word
  std::vector<std::int32_t> review_tokens;  // every word token (padding excluded) of the confident reviews, in order
};

// census[i] belongs to reviews[i].
leader_histogram histogram_of_leaders(std::span<const review_leaders> census, std::span<const encoded_review> reviews,
                                      const vocabulary& vocab, const leader_word_selection& selection);

}  // namespace hardmax::sentiment
