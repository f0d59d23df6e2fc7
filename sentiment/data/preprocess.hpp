// The paper's text pipeline (THEORY.md, "The paper's sentiment experiment"): review text to tokens.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "sentiment/data/reviews.hpp"

namespace hardmax::sentiment {

// The character-level steps, in the paper's order: URLs (http://, https://, www.) and HTML tags become
// spaces; punctuation is padded with spaces and dropped (so it too becomes a space); digits are
// dropped; whitespace runs are squeezed to one space; non-ASCII bytes are dropped; runs of 3 or more
// equal characters are shortened to 2; the text is lowercased.
std::string clean_text(std::string_view text);

class text_pipeline {
 public:
  // One stop word per line (surrounding whitespace and blank lines ignored); throws input_error.
  explicit text_pipeline(const std::filesystem::path& stop_words_file);

  // clean_text, then tokenise on whitespace, drop stop words, stem, drop stop words again.
  // Thread-safe: each thread gets its own stemmer.
  std::vector<std::string> operator()(std::string_view text) const;

  bool is_stop_word(const std::string& word) const { return stop_words_.contains(word); }

 private:
  std::unordered_set<std::string> stop_words_;
};

// pipeline(r.text) for every review, on `threads` threads (>= 1); result i belongs to reviews[i] whatever
// the scheduling. An exception on any thread is rethrown here.
std::vector<std::vector<std::string>> preprocess_all(const std::vector<review>& reviews, const text_pipeline& pipeline,
                                                     int threads);

}  // namespace hardmax::sentiment
