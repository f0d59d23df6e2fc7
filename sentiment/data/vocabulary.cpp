#include "sentiment/data/vocabulary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <stdexcept>

#include "io/atomic_file.hpp"
#include "io/config_file.hpp"

namespace hardmax::sentiment {
namespace {

const std::string padding = "<pad>";

bool has_space(const std::string& word) { return word.find_first_of(" \t\n\r\f\v") != std::string::npos; }

}  // namespace

vocabulary::vocabulary(std::vector<std::string> words) : words_(std::move(words)) {
  ids_.reserve(words_.size());
  for (std::size_t i = 1; i < words_.size(); ++i) ids_.emplace(words_[i], static_cast<std::int32_t>(i));
}

vocabulary vocabulary::build(const std::vector<std::vector<std::string>>& documents) {
  std::unordered_map<std::string, std::size_t> counts;
  for (const auto& document : documents)
    for (const auto& token : document) ++counts[token];

  std::vector<std::pair<std::string, std::size_t>> ranked(counts.begin(), counts.end());
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (ranked.size() >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    throw std::invalid_argument("vocabulary: more words than 32-bit ids");

  std::vector<std::string> words{padding};
  words.reserve(ranked.size() + 1);
  for (auto& [word, count] : ranked) {
    if (word.empty() || has_space(word) || word == padding)
      throw std::invalid_argument(
          fmt::format("vocabulary: '{}' cannot be a word (empty, whitespace or {})", word, padding));
    words.push_back(std::move(word));
  }
  return vocabulary(std::move(words));
}

std::int32_t vocabulary::id(const std::string& word) const {
  const auto it = ids_.find(word);
  return it == ids_.end() ? 0 : it->second;
}

const std::string& vocabulary::word(std::int32_t id) const {
  if (id < 0 || static_cast<std::size_t>(id) >= words_.size())
    throw std::out_of_range(fmt::format("vocabulary: no word has id {} (size {})", id, words_.size()));
  return words_[static_cast<std::size_t>(id)];
}

encoded_review vocabulary::encode(const std::vector<std::string>& tokens, int label) const {
  encoded_review out{};
  out.label = label;
  std::size_t n = 0;
  for (const auto& token : tokens) {
    if (n == out.ids.size()) break;
    // Unknown words (absent from the training documents) are dropped rather than given id 0: that id
    // is padding, and they would still use up places among the 128.
    if (const std::int32_t i = id(token); i != 0) out.ids[n++] = i;
  }
  // Cut: the first sequence_length words are kept. The rest of `ids` is already 0, the padding.
  return out;
}

void vocabulary::save(const std::filesystem::path& file) const {
  write_atomically(file, [&](std::ostream& out) {
    for (const auto& w : words_) out << w << '\n';
  });
}

vocabulary vocabulary::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw input_error(file.string(), "", "cannot open the vocabulary file");
  std::vector<std::string> words;
  std::unordered_map<std::string, std::size_t> seen;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    const auto fail = [&](const std::string& reason) {
      throw input_error(fmt::format("{}:{}", file.string(), number), "", reason);
    };
    if (number == 1) {
      if (line != padding) fail(fmt::format("the first line must be {} (id 0), found '{}'", padding, line));
    } else {
      if (line.empty()) fail("empty line (one word per line expected)");
      if (has_space(line) || line == padding) fail(fmt::format("'{}' is not a word", line));
      if (const auto [it, fresh] = seen.emplace(line, number); !fresh)
        fail(fmt::format("'{}' repeats line {}", line, it->second));
    }
    words.push_back(line);
    if (words.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
      fail("more words than 32-bit ids");
  }
  if (in.bad()) throw input_error(file.string(), "", "reading the vocabulary file failed");
  if (words.empty())
    throw input_error(file.string(), "", fmt::format("empty file: expected {} and one word per line", padding));
  return vocabulary(std::move(words));
}

}  // namespace hardmax::sentiment
