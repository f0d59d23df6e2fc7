#include "sentiment/data/wordnet_lemmatiser.hpp"

#include "io/config_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <string_view>
#include <utility>

namespace hardmax::sentiment {
namespace {

// NLTK's MORPHOLOGICAL_SUBSTITUTIONS for nouns, in its order (the order fixes which of two equally
// short lemmas wins).
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> noun_rules{{{"s", ""},
                                                                                   {"ses", "s"},
                                                                                   {"ves", "f"},
                                                                                   {"xes", "x"},
                                                                                   {"zes", "z"},
                                                                                   {"ches", "ch"},
                                                                                   {"shes", "sh"},
                                                                                   {"men", "man"},
                                                                                   {"ies", "y"}}};

std::vector<std::string> apply_rules(const std::vector<std::string>& forms) {
  std::vector<std::string> out;
  for (const std::string& form : forms)
    for (const auto& [old_suffix, new_suffix] : noun_rules)
      if (form.ends_with(old_suffix))
        out.push_back(form.substr(0, form.size() - old_suffix.size()) + std::string(new_suffix));
  return out;
}

std::ifstream open_database_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in)
    throw input_error(file.string(), "--wordnet",
                      "cannot open this WordNet database file (install Debian's wordnet-base, or point --wordnet at a "
                      "WordNet 3.0 dict directory)");
  return in;
}

void require_entries(const std::filesystem::path& file, std::size_t count, const std::ifstream& in) {
  if (in.bad()) throw input_error(file.string(), "--wordnet", "reading this WordNet database file failed");
  if (count == 0) throw input_error(file.string(), "--wordnet", "no entries: not a WordNet database file");
}

}  // namespace

wordnet_lemmatiser::wordnet_lemmatiser(const std::filesystem::path& wordnet_dir) {
  const std::filesystem::path index = wordnet_dir / "index.noun", exc = wordnet_dir / "noun.exc";
  std::ifstream in = open_database_file(index);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line.front() == ' ') continue;  // the licence header: lines start with spaces
    nouns_.insert(line.substr(0, line.find(' ')));
  }
  require_entries(index, nouns_.size(), in);

  std::ifstream exceptions = open_database_file(exc);
  for (std::string line; std::getline(exceptions, line);) {
    std::istringstream fields(line);
    std::string inflected, base;
    if (!(fields >> inflected)) continue;
    std::vector<std::string>& bases = exceptions_[inflected];
    while (fields >> base) bases.push_back(base);
  }
  require_entries(exc, exceptions_.size(), exceptions);
}

std::vector<std::string> wordnet_lemmatiser::nouns_among(const std::vector<std::string>& forms) const {
  std::vector<std::string> found;
  for (const std::string& form : forms)
    if (nouns_.contains(form) && std::find(found.begin(), found.end(), form) == found.end()) found.push_back(form);
  return found;
}

std::vector<std::string> wordnet_lemmatiser::lemmas_of(const std::string& word) const {
  if (const auto it = exceptions_.find(word); it != exceptions_.end()) {
    std::vector<std::string> forms{word};
    forms.insert(forms.end(), it->second.begin(), it->second.end());
    return nouns_among(forms);
  }
  std::vector<std::string> forms = apply_rules({word});
  std::vector<std::string> with_word{word};
  with_word.insert(with_word.end(), forms.begin(), forms.end());
  if (std::vector<std::string> found = nouns_among(with_word); !found.empty()) return found;
  // Every rule shortens a word or turns -men into -man, on which no rule applies again: this ends.
  while (!forms.empty()) {
    forms = apply_rules(forms);
    if (std::vector<std::string> found = nouns_among(forms); !found.empty()) return found;
  }
  return {};
}

std::string wordnet_lemmatiser::operator()(const std::string& word) const {
  const std::vector<std::string> lemmas = lemmas_of(word);
  if (lemmas.empty()) return word;
  // Python's min(lemmas, key=len): the first of the shortest.
  return *std::min_element(lemmas.begin(), lemmas.end(),
                           [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
}

}  // namespace hardmax::sentiment
