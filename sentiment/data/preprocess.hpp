// The paper's text pipeline (THEORY.md, "The paper's sentiment experiment"): review text to tokens.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "sentiment/data/reviews.hpp"
#include "sentiment/data/text_options.hpp"
#include "sentiment/data/word_normaliser.hpp"

#include <memory>

namespace hardmax::sentiment {

// This suite's character-level steps (cleaning_rules::suite), in the paper's order as THEORY.md lists
// them: URLs (http://, https://, www., any case) and HTML tags become spaces; punctuation is padded
// with spaces and dropped (so it too becomes a space); digits are dropped; whitespace runs are
// squeezed to one space; non-ASCII bytes are dropped; runs of 3 or more equal characters are
// shortened to 2; the text is lowercased unless `letters` says keep. The paper's own code differs in
// details that change words: paper_cleaning.hpp.
std::string clean_text(std::string_view text, letter_case letters = letter_case::lower);

class text_pipeline {
 public:
  // One stop word per line (surrounding whitespace and blank lines ignored); throws input_error, also
  // for an unreadable WordNet database when `options` asks for lemmas (word_normaliser.hpp).
  explicit text_pipeline(const std::filesystem::path& stop_words_file, const text_options& options = {});

  // Clean (suite: clean_text, then split on spaces; paper: paper_clean_text, then NLTK's
  // word_tokenize), lowercase unless the case is kept, drop stop words, reduce each word to its
  // stem or lemma, drop stop words again (a lemma or stem can be one: "others" -> "other").
  // Stop words match exactly: with the case kept, "The" is not the stop word "the", as in the paper.
  // Thread-safe.
  std::vector<std::string> operator()(std::string_view text) const;

  bool is_stop_word(const std::string& word) const { return stop_words_.contains(word); }
  const text_options& options() const { return options_; }

 private:
  std::vector<std::string> words_of(std::string_view text) const;

  text_options options_;
  std::unordered_set<std::string> stop_words_;
  std::shared_ptr<const word_normaliser> normalise_;
};

// pipeline(r.text) for every review, on `threads` threads (>= 1); result i belongs to reviews[i] whatever
// the scheduling. An exception on any thread is rethrown here.
std::vector<std::vector<std::string>> preprocess_all(const std::vector<review>& reviews, const text_pipeline& pipeline,
                                                     int threads);

}  // namespace hardmax::sentiment
