#include "sentiment/data/expected_ratings.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <fstream>

#include "io/config_file.hpp"

namespace hardmax::sentiment {
namespace {

std::ifstream open(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw input_error(file.string(), "", "cannot open the file");
  return in;
}

std::string at(const std::filesystem::path& file, std::size_t line) {
  return fmt::format("{}:{}", file.string(), line);
}

void strip_carriage_return(std::string& line) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
}

}  // namespace

std::map<std::string, double> expected_ratings(const std::filesystem::path& vocab_file,
                                               const std::filesystem::path& er_file) {
  std::ifstream words = open(vocab_file), ratings = open(er_file);
  std::map<std::string, double> result;
  std::map<std::string, std::size_t> first_line;
  std::string word, rating;
  std::size_t line = 1;
  for (;; ++line) {
    const bool has_word = static_cast<bool>(std::getline(words, word));
    const bool has_rating = static_cast<bool>(std::getline(ratings, rating));
    if (!has_word && !has_rating) break;
    // The files are parallel: a line missing from either would shift every pairing after it.
    if (!has_word)
      throw input_error(at(vocab_file, line), "",
                        fmt::format("ends at line {}, but {} goes on", line - 1, er_file.string()));
    if (!has_rating)
      throw input_error(at(er_file, line), "",
                        fmt::format("ends at line {}, but {} goes on", line - 1, vocab_file.string()));
    strip_carriage_return(word);
    strip_carriage_return(rating);

    if (word.empty()) throw input_error(at(vocab_file, line), "", "empty token");
    if (const auto [it, fresh] = first_line.emplace(word, line); !fresh)
      throw input_error(at(vocab_file, line), "", fmt::format("token '{}' repeats line {}", word, it->second));

    double value = 0;
    const char* end = rating.data() + rating.size();
    const auto [stop, ec] = std::from_chars(rating.data(), end, value);
    if (ec != std::errc{} || stop != end || !std::isfinite(value))
      throw input_error(at(er_file, line), "", fmt::format("'{}' is not a number", rating));
    result.emplace(word, value);
  }
  if (words.bad()) throw input_error(vocab_file.string(), "", "reading the file failed");
  if (ratings.bad()) throw input_error(er_file.string(), "", "reading the file failed");
  return result;
}

}  // namespace hardmax::sentiment
