// The choices of the text pipeline (THEORY.md, "The paper's sentiment experiment"; issue 15). Each has
// this suite's original choice as its default and the paper's code's choice as an alternative, so
// that the gap between the two can be measured one difference at a time (docs/RESULTS.md).
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace hardmax::sentiment {

// How raw review text becomes a sequence of words.
//  - suite: clean_text (preprocess.hpp): tags and URLs become spaces, punctuation a space, digits and
//    non-ASCII dropped, runs of 3+ equal characters shortened to 2; split on spaces.
//  - paper: the paper's preprocess.py step by step (paper_cleaning.hpp): tags and URLs removed without
//    a space (so "great<br />The" is one word), then NLTK's word_tokenize, which also splits
//    "cannot", "gonna", "gotta", "gimme", "lemme" and "wanna" in two.
enum class cleaning_rules { suite, paper };

// lower: every word lowercased (stop words then match whatever the case). keep: the paper's code
// never lowercases, so "Great" and "great" are different words and "The" is not a stop word.
enum class letter_case { lower, keep };

// What each word is reduced to.
//  - snowball: the Snowball English (Porter2) stem, libstemmer ("movies" -> "movi");
//  - wordnet: WordNet's noun lemma as NLTK's WordNetLemmatizer picks it (the paper): exceptions, then
//    suffix rules, kept if WordNet's noun index lists the form, the shortest; case-sensitive, so a
//    capitalised word is left as it is (wordnet_lemmatiser.hpp);
//  - morphstr: WordNet's own C library, morphstr(word, NOUN) from wordnet-dev: the first base form its
//    rules find, lowercased; the word itself where it finds none (morphstr_lemmatiser.hpp);
//  - none: the word as it is.
enum class word_forms { snowball, wordnet, morphstr, none };

struct text_options {
  cleaning_rules cleaning = cleaning_rules::suite;
  letter_case letters = letter_case::lower;
  word_forms words = word_forms::snowball;
  // WordNet's database (index.noun, noun.exc, data.noun): Debian's wordnet-base by default. Read only
  // when `words` is wordnet or morphstr.
  std::filesystem::path wordnet = "/usr/share/wordnet";

  bool operator==(const text_options&) const = default;
};

// The paper's choices: its cleaning, case kept, WordNet lemmas.
text_options paper_text_options();

// Names as the command line and run files spell them ("suite", "paper", "lower", "keep", "snowball",
// "wordnet", "morphstr", "none"); parse_* throw std::invalid_argument naming the accepted values.
std::string name_of(cleaning_rules c);
std::string name_of(letter_case c);
std::string name_of(word_forms w);
cleaning_rules parse_cleaning_rules(std::string_view name);
letter_case parse_letter_case(std::string_view name);
word_forms parse_word_forms(std::string_view name);

// {"cleaning": ..., "case": ..., "lemmas": ..., "wordnet": ...}; from_json fills absent keys with the
// defaults (run directories written before these options existed) and throws std::invalid_argument
// on unknown names.
nlohmann::json to_json(const text_options& o);
text_options text_options_from_json(const nlohmann::json& j);

}  // namespace hardmax::sentiment
