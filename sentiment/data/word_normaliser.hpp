// What the text pipeline reduces each word to (text_options.hpp, word_forms): a stem, a WordNet lemma,
// or the word itself. One interface so that the pipeline does not care which.
#pragma once

#include "sentiment/data/text_options.hpp"

#include <memory>
#include <string>

namespace hardmax::sentiment {

class word_normaliser {
 public:
  virtual ~word_normaliser() = default;
  // Thread-safe.
  virtual std::string operator()(const std::string& word) const = 0;
};

// The normaliser `options.words` names. For wordnet and morphstr the database is read here: a
// missing or unreadable WordNet directory or file is an input_error naming the path (field
// "--wordnet"), never a silent fallback.
std::shared_ptr<const word_normaliser> make_word_normaliser(const text_options& options);

}  // namespace hardmax::sentiment
