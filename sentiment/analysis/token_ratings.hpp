// The dataset's expected ratings (imdbEr.txt, Potts 2011) moved from its raw words to this project's
// tokens, and the paper's claim that leaders carry sentiment checked against them (THEORY.md,
// "Interpretation"; issue 9: mean |rating| of the leader words against all words).
//
// imdbEr rates raw lowercase words ("movies", "loved"); the vocabulary holds Snowball stems ("movi",
// "love"). Each raw word is put through the same text pipeline as the reviews; when that yields exactly
// one token, the raw word's rating is credited to it, and a token's rating is the unweighted mean of
// the ratings credited to it. Raw words that vanish (stop words, digits) or split are left out.
#pragma once

#include "sentiment/data/preprocess.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <unordered_map>

namespace hardmax::sentiment {

class vocabulary;

std::unordered_map<std::string, double> token_ratings(const std::map<std::string, double>& raw_ratings,
                                                      const text_pipeline& pipeline);

// A readable word for each token: the first raw word of imdb.vocab (which lists words by decreasing
// frequency) that the pipeline turns into that token alone ("aw" -> "awful"). input_error if unreadable.
std::unordered_map<std::string, std::string> surface_words(const std::filesystem::path& vocab_file,
                                                           const text_pipeline& pipeline);

struct mean_abs_rating {
  double value = 0;       // mean of |rating| over the words that have one (0 if none has)
  std::size_t rated = 0;  // ids with a rating
  std::size_t words = 0;  // ids asked about
};

// Over the words with ids `ids`, each occurrence counted (pass distinct ids for a mean over words, ids with
// repetition for a mean over tokens).
mean_abs_rating mean_abs_rating_of(std::span<const std::int32_t> ids, const vocabulary& vocab,
                                   const std::unordered_map<std::string, double>& ratings);

}  // namespace hardmax::sentiment
