#include "sentiment/data/morphstr_lemmatiser.hpp"

#include "io/config_file.hpp"

#include <fmt/format.h>
#include <wn.h>  // after every C++ header that could meet its macros (NOUN, TRUE, ...)

#include <cstdlib>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

namespace hardmax::sentiment {
namespace {

// The library's global state: which directory it opened, and its last message (it reports failures
// through a callback instead of return values alone).
std::mutex library_mutex;
std::optional<std::filesystem::path> opened_dir;
std::string last_message;

int keep_message(char* message) {
  last_message = message ? message : "";
  return -1;
}

void open_library(const std::filesystem::path& dir) {
  const std::lock_guard lock(library_mutex);
  if (opened_dir) {
    if (*opened_dir != dir)
      throw input_error(dir.string(), "--wordnet",
                        fmt::format("WordNet's C library already uses {} in this process", opened_dir->string()));
    return;
  }
  for (const char* name : {"index.noun", "data.noun", "noun.exc"})
    if (!std::filesystem::is_regular_file(dir / name))
      throw input_error((dir / name).string(), "--wordnet",
                        "missing WordNet database file (install Debian's wordnet-base, or point --wordnet at a WordNet 3.0 "
                        "dict directory)");
  display_message = keep_message;
  ::setenv("WNSEARCHDIR", dir.c_str(), 1);
  if (wninit() != 0)
    throw input_error(dir.string(), "--wordnet", fmt::format("WordNet's C library cannot open its database here: {}", last_message));
  opened_dir = dir;
}

}  // namespace

struct morphstr_lemmatiser::cache {
  std::unordered_map<std::string, std::string> lemmas;
};

morphstr_lemmatiser::morphstr_lemmatiser(const std::filesystem::path& wordnet_dir) : cache_(std::make_unique<cache>()) {
  open_library(wordnet_dir);
}

morphstr_lemmatiser::~morphstr_lemmatiser() = default;

std::string morphstr_lemmatiser::operator()(const std::string& word) const {
  const std::lock_guard lock(library_mutex);
  if (const auto it = cache_->lemmas.find(word); it != cache_->lemmas.end()) return it->second;
  // morphstr copies its argument into a WORDBUF-byte static buffer (and appends suffixes to it): a
  // longer word would overflow it. No WordNet lemma is that long, so such a word is its own form.
  const char* base = nullptr;
  if (word.size() < WORDBUF / 2) {
    std::vector<char> buffer(word.begin(), word.end());  // morphstr takes a char*
    buffer.push_back('\0');
    base = morphstr(buffer.data(), NOUN);
  }
  std::string lemma = base ? std::string(base) : word;
  cache_->lemmas.emplace(word, lemma);
  return lemma;
}

}  // namespace hardmax::sentiment
