// The leaders (D1) of one review's M4 trajectory, as words: what the paper's leader table and leader
// histogram are computed from (THEORY.md, "Interpretation").
//
// Positions holding the same word id start at the same point and so stay together at every layer (M4
// treats equal tokens alike), so leadership is a property of the word: a review's leaders are counted
// as distinct words. A zero padding (id 0, padding_mode::zero) attends to every token and is therefore
// a leader only when the review has no known word at all; it is never counted. A learnt padding is a
// point like any word's and is counted like one (the paper's leader histogram counts it too, as
// "<PAD>").
#pragma once

#include "sentiment/model/classifier.hpp"

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace hardmax::sentiment {

struct review_leaders {
  double logit = 0;                   // M4's logit: the decoder on the mean of the last layer
  std::vector<std::int32_t> first;    // word ids leading at layer 0, increasing
  std::vector<std::int32_t> last;     // word ids leading at the last layer, increasing
  std::vector<double> last_outputs;   // decoder output w . z + b of each last-layer leader (aligned with `last`)
};

// engine: "double" or "certified" (exact attention sets and leader tests, hardmax_evaluation.hpp).
review_leaders leaders_of(const classifier& model, const encoded_review& review, const std::string& engine);

// leaders_of for every review, on `threads` threads (the result does not depend on their number);
// progress(done) is called from the calling thread now and then, and may throw to stop.
std::vector<review_leaders> leader_census(const classifier& model, std::span<const encoded_review> reviews,
                                          const std::string& engine, unsigned threads,
                                          const std::function<void(std::size_t done)>& progress = {});

}  // namespace hardmax::sentiment
