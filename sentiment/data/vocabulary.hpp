// Word ids for the classifier (THEORY.md, "The paper's sentiment experiment"): every word of the
// training documents, ids by decreasing frequency from 1, id 0 padding; reviews as 128 ids.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

namespace hardmax::sentiment {

inline constexpr int sequence_length = 128;

struct encoded_review {
  std::array<std::int32_t, sequence_length> ids;
  int label;
};

class vocabulary {
 public:
  // Ties in frequency are ordered by the word (byte-wise), so the ids depend on nothing but the
  // documents. Throws std::invalid_argument for a word the file form cannot hold (empty, containing
  // whitespace, or "<pad>").
  static vocabulary build(const std::vector<std::vector<std::string>>& documents);

  std::int32_t id(const std::string& word) const;     // 0 if unknown
  const std::string& word(std::int32_t id) const;     // "<pad>" for 0; std::out_of_range past size()
  std::size_t size() const { return words_.size(); }  // including the padding id

  // The first sequence_length known tokens, right-padded with 0.
  encoded_review encode(const std::vector<std::string>& tokens, int label) const;

  // Text, one word per line in id order, the first line "<pad>" (so line k holds id k - 1); written
  // atomically. load throws input_error for a file that is not of this form.
  void save(const std::filesystem::path& file) const;
  static vocabulary load(const std::filesystem::path& file);

 private:
  explicit vocabulary(std::vector<std::string> words);

  std::vector<std::string> words_;  // words_[id]
  std::unordered_map<std::string, std::int32_t> ids_;
};

}  // namespace hardmax::sentiment
