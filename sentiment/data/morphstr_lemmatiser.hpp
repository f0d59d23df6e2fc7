// WordNet noun lemmas from WordNet's own C library (Debian's wordnet-dev): morphstr(word, NOUN), the
// morphological processor WordNet's tools use. It is not what the paper ran (NLTK reimplements morphy
// in Python: wordnet_lemmatiser.hpp), and differs from it in documented ways, which is why both exist:
//  - morphstr lowercases its input, so "Dogs" gives "dog" (NLTK leaves "Dogs");
//  - it returns the first base form its rules find, not the shortest of all candidates;
//  - it leaves nouns ending in "ss" and words of one or two letters alone, and handles "-ful";
//  - it answers NULL for a word that is already a base form, or unknown: the word is then kept as it is.
// The library keeps its state in static buffers, so calls are serialised by a lock, and answers are
// cached per word (a corpus repeats its words).
#pragma once

#include "sentiment/data/word_normaliser.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace hardmax::sentiment {

class morphstr_lemmatiser final : public word_normaliser {
 public:
  // Opens the database in `wordnet_dir` (WordNet reads it from WNSEARCHDIR). input_error naming the path
  // (field "--wordnet") if a file is missing or the library cannot open it. One database per process:
  // asking for a second directory is an input_error too.
  explicit morphstr_lemmatiser(const std::filesystem::path& wordnet_dir);
  ~morphstr_lemmatiser() override;

  std::string operator()(const std::string& word) const override;

 private:
  struct cache;
  std::unique_ptr<cache> cache_;
};

}  // namespace hardmax::sentiment
