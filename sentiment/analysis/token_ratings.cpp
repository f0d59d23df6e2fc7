#include "sentiment/analysis/token_ratings.hpp"

#include "io/config_file.hpp"
#include "sentiment/data/vocabulary.hpp"

#include <cmath>
#include <fstream>

namespace hardmax::sentiment {

std::unordered_map<std::string, double> token_ratings(const std::map<std::string, double>& raw_ratings,
                                                      const text_pipeline& pipeline) {
  struct sum {
    double total = 0;
    int count = 0;
  };
  std::unordered_map<std::string, sum> sums;
  for (const auto& [raw, rating] : raw_ratings) {
    const std::vector<std::string> tokens = pipeline(raw);
    if (tokens.size() != 1) continue;
    sum& s = sums[tokens.front()];
    s.total += rating;
    ++s.count;
  }
  std::unordered_map<std::string, double> ratings;
  for (const auto& [token, s] : sums) ratings.emplace(token, s.total / s.count);
  return ratings;
}

std::unordered_map<std::string, std::string> surface_words(const std::filesystem::path& vocab_file,
                                                           const text_pipeline& pipeline) {
  std::ifstream in(vocab_file);
  if (!in) throw input_error(vocab_file.string(), "", "cannot open the file");
  std::unordered_map<std::string, std::string> words;
  for (std::string raw; std::getline(in, raw);) {
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    if (const std::vector<std::string> tokens = pipeline(raw); tokens.size() == 1) words.try_emplace(tokens.front(), raw);
  }
  return words;
}

mean_abs_rating mean_abs_rating_of(std::span<const std::int32_t> ids, const vocabulary& vocab,
                                   const std::unordered_map<std::string, double>& ratings) {
  mean_abs_rating m;
  m.words = ids.size();
  double total = 0;
  for (std::int32_t id : ids)
    if (const auto it = ratings.find(vocab.word(id)); it != ratings.end()) {
      total += std::abs(it->second);
      ++m.rated;
    }
  if (m.rated) m.value = total / static_cast<double>(m.rated);
  return m;
}

}  // namespace hardmax::sentiment
