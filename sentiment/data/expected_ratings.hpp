// The dataset's expected ratings (Potts 2011; data/README.md): an independent measure of how much
// sentiment a word carries, to compare with the words the classifier singles out.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace hardmax::sentiment {

// imdb.vocab (one token per line) and imdbEr.txt (the rating of the token on the same line) as
// token -> rating. The tokens are the dataset's raw words, not this project's stems. Throws
// input_error naming file and line when a rating is not a number, a token is empty or repeated, or the
// files have different numbers of lines.
std::map<std::string, double> expected_ratings(const std::filesystem::path& vocab_file,
                                               const std::filesystem::path& er_file);

}  // namespace hardmax::sentiment
