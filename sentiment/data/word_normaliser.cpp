#include "sentiment/data/word_normaliser.hpp"

#include "sentiment/data/morphstr_lemmatiser.hpp"
#include "sentiment/data/wordnet_lemmatiser.hpp"

#include <libstemmer.h>

#include <new>
#include <stdexcept>

namespace hardmax::sentiment {
namespace {

// Snowball English (Porter2) stems: this suite's stand-in for lemmas before WordNet was packaged here.
class snowball_stemmer final : public word_normaliser {
 public:
  std::string operator()(const std::string& word) const override {
    sb_stemmer& stemmer = thread_stemmer();
    const sb_symbol* s =
        sb_stemmer_stem(&stemmer, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
    if (s == nullptr) throw std::bad_alloc();
    return std::string(reinterpret_cast<const char*>(s), static_cast<std::size_t>(sb_stemmer_length(&stemmer)));
  }

 private:
  // Stemmers keep per-call state, so each thread owns one.
  static sb_stemmer& thread_stemmer() {
    struct deleter {
      void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
    };
    thread_local const std::unique_ptr<sb_stemmer, deleter> stemmer(sb_stemmer_new("english", nullptr));
    if (!stemmer) throw std::runtime_error("the Snowball English stemmer is not available (libstemmer)");
    return *stemmer;
  }
};

class unchanged_words final : public word_normaliser {
 public:
  std::string operator()(const std::string& word) const override { return word; }
};

}  // namespace

std::shared_ptr<const word_normaliser> make_word_normaliser(const text_options& options) {
  switch (options.words) {
    case word_forms::snowball: return std::make_shared<snowball_stemmer>();
    case word_forms::wordnet: return std::make_shared<wordnet_lemmatiser>(options.wordnet);
    case word_forms::morphstr: return std::make_shared<morphstr_lemmatiser>(options.wordnet);
    case word_forms::none: return std::make_shared<unchanged_words>();
  }
  throw std::invalid_argument("make_word_normaliser: unknown word form");
}

}  // namespace hardmax::sentiment
