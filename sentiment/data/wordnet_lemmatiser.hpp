// WordNet noun lemmas exactly as the paper computed them: NLTK's WordNetLemmatizer().lemmatize(word),
// whose default part of speech is the noun, i.e. NLTK's own "morphy" (nltk.corpus.reader.wordnet,
// _morphy) over WordNet 3.0's database files. NLTK does not call WordNet's C library; it reads
// index.noun and noun.exc and applies its rules in Python, and so does this class, in C++:
//
//  1. If the word is in noun.exc, the candidates are the word and its listed base forms.
//  2. Otherwise the candidates are the word and the results of one pass of the noun suffix rules
//     (-s, -ses -> -s, -ves -> -f, -xes -> -x, -zes -> -z, -ches -> -ch, -shes -> -sh, -men -> -man,
//     -ies -> -y); if none of them is in index.noun, the rules are applied again to the rule results,
//     and so on, until some are or no rule applies.
//  3. The candidates found in index.noun are kept in order, without repeats; the lemma is the first
//     of the shortest, or the word itself when none is found.
//
// Everything is case-sensitive, as in NLTK: WordNet lists lowercase lemmas, so "Movies" is left as it
// is while "movies" becomes "movie". Known quirks are kept on purpose ("was" -> "wa", since "wa" is a
// noun in WordNet); stop words are removed around the lemmatiser by the pipeline, as the paper does.
#pragma once

#include "sentiment/data/word_normaliser.hpp"

#include <filesystem>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace hardmax::sentiment {

class wordnet_lemmatiser final : public word_normaliser {
 public:
  // Reads DIR/index.noun and DIR/noun.exc; input_error naming the file (field "--wordnet") if either is
  // missing, unreadable or holds no entries.
  explicit wordnet_lemmatiser(const std::filesystem::path& wordnet_dir);

  std::string operator()(const std::string& word) const override;

  std::size_t noun_lemmas() const { return nouns_.size(); }
  std::size_t exceptions() const { return exceptions_.size(); }

 private:
  // The candidates of steps 1-2 that are nouns, in order, without repeats.
  std::vector<std::string> lemmas_of(const std::string& word) const;
  std::vector<std::string> nouns_among(const std::vector<std::string>& forms) const;

  std::unordered_set<std::string> nouns_;                                 // first field of index.noun
  std::unordered_map<std::string, std::vector<std::string>> exceptions_;  // noun.exc
};

}  // namespace hardmax::sentiment
