#include "sentiment/data/preprocess.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <fstream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "io/config_file.hpp"
#include "sentiment/data/paper_cleaning.hpp"

namespace hardmax::sentiment {
namespace {

// <cctype> takes int and is undefined for negative char values (every non-ASCII byte): plain tests instead.
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_letter(c) || is_digit(c); }
// Python's string.punctuation, which the paper's pipeline pads and drops.
bool is_punctuation(char c) { return c >= '!' && c <= '~' && !is_alnum(c); }
char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_ignoring_case(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) { return to_lower(a) == to_lower(b); });
}

// A URL runs to the next space. It also stops at < > and ", which cannot occur unescaped in a URL, so
// that "http://example.com<br />Next" keeps the tag (and the text after it) for the next step.
// Replaced by a space, as are tags, so that the words on either side do not merge.
// Steps work in place on the text: none lengthens it.
void drop_urls(std::string& s) {
  std::size_t kept = 0;
  char previous = ' ';  // s[i - 1] as it was before this step overwrote it
  for (std::size_t i = 0; i < s.size();) {
    const char c = to_lower(s[i]);
    if ((c == 'h' || c == 'w') && !is_alnum(previous)) {  // not the "www." inside "awww."
      const std::string_view rest = std::string_view(s).substr(i);
      if (starts_with_ignoring_case(rest, "http://") || starts_with_ignoring_case(rest, "https://") ||
          starts_with_ignoring_case(rest, "www.")) {
        while (i < s.size() && !is_space(s[i]) && s[i] != '<' && s[i] != '>' && s[i] != '"') previous = s[i++];
        s[kept++] = ' ';
        continue;
      }
    }
    previous = s[i];
    s[kept++] = s[i++];
  }
  s.resize(kept);
}

// A tag is < then a letter (or / and a letter) up to the next >, with no < in between. The looser
// "<.*?>" would swallow everything between a "<3" or "a < b" and the next tag.
void drop_tags(std::string& s) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '<') {
      const std::size_t name = i + 1 < s.size() && s[i + 1] == '/' ? i + 2 : i + 1;
      if (name < s.size() && is_letter(s[name])) {
        const std::size_t end = s.find_first_of("<>", name);
        if (end != std::string::npos && s[end] == '>') {
          s[kept++] = ' ';
          i = end + 1;
          continue;
        }
      }
    }
    s[kept++] = s[i++];
  }
  s.resize(kept);
}

}  // namespace

std::string clean_text(std::string_view text, letter_case letters) {
  std::string s(text);
  drop_urls(s);
  drop_tags(s);

  // The remaining steps in one pass, each a filter on the characters the step before lets through
  // (with its own state), which is exactly running them one after another.
  std::size_t kept = 0;
  bool after_space = false;       // squeeze: the last character it passed on was a space
  char previous = 0, before = 0;  // runs: the last two characters it passed on, before lowercasing
  for (char c : s) {
    // Padding punctuation with spaces and then dropping it leaves a space where it stood.
    if (is_punctuation(c)) c = ' ';
    if (is_digit(c)) continue;
    if (is_space(c)) {
      if (after_space) continue;
      c = ' ';
      after_space = true;
    } else {
      after_space = false;
    }
    // Dropped after the squeeze, as the paper orders it: a non-ASCII character between two letters
    // ("a—b") therefore joins them.
    if (static_cast<unsigned char>(c) >= 0x80) continue;
    // "sooooo" -> "soo": emphasis is kept as one token instead of one per length.
    if (c == previous && c == before) continue;
    before = previous;
    previous = c;
    s[kept++] = letters == letter_case::lower ? to_lower(c) : c;
  }
  s.resize(kept);
  return s;
}

text_pipeline::text_pipeline(const std::filesystem::path& stop_words_file, const text_options& options)
    : options_(options), normalise_(make_word_normaliser(options)) {
  std::ifstream in(stop_words_file);
  if (!in) throw input_error(stop_words_file.string(), "", "cannot open the stop-word list");
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    const auto first = std::find_if_not(line.begin(), line.end(), is_space);
    const auto last = std::find_if_not(line.rbegin(), line.rend(), is_space).base();
    if (first >= last) continue;
    const std::string word(first, last);
    if (std::any_of(word.begin(), word.end(), is_space))
      throw input_error(fmt::format("{}:{}", stop_words_file.string(), number), "",
                        fmt::format("'{}' is not a single word", word));
    // NLTK's list is lowercase; lowercasing a list given in another case keeps it matching lowercased words.
    std::string lower = word;
    std::transform(lower.begin(), lower.end(), lower.begin(), to_lower);
    stop_words_.insert(std::move(lower));
  }
  if (in.bad()) throw input_error(stop_words_file.string(), "", "reading the stop-word list failed");
}

std::vector<std::string> text_pipeline::words_of(std::string_view text) const {
  if (options_.cleaning == cleaning_rules::paper) {
    std::vector<std::string> words = nltk_word_tokenize(paper_clean_text(text));
    if (options_.letters == letter_case::lower)
      for (std::string& w : words) std::transform(w.begin(), w.end(), w.begin(), to_lower);
    return words;
  }
  const std::string cleaned = clean_text(text, options_.letters);
  std::vector<std::string> words;
  for (std::size_t i = 0; i < cleaned.size();) {
    const std::size_t end = std::min(cleaned.find(' ', i), cleaned.size());
    if (end > i) words.emplace_back(cleaned, i, end - i);
    i = end + 1;
  }
  return words;
}

std::vector<std::string> text_pipeline::operator()(std::string_view text) const {
  std::vector<std::string> tokens;
  for (const std::string& word : words_of(text)) {
    if (is_stop_word(word)) continue;
    std::string form = (*normalise_)(word);
    if (!is_stop_word(form)) tokens.push_back(std::move(form));
  }
  return tokens;
}

std::vector<std::vector<std::string>> preprocess_all(const std::vector<review>& reviews, const text_pipeline& pipeline,
                                                     int threads) {
  if (threads < 1)
    throw std::invalid_argument(fmt::format("preprocess_all: threads must be at least 1, not {}", threads));
  std::vector<std::vector<std::string>> documents(reviews.size());

  // Small chunks handed out on demand balance reviews of very different lengths; each result goes to
  // its own slot, so the output order never depends on the scheduling.
  constexpr std::size_t chunk = 64;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  const auto work = [&] {
    try {
      for (std::size_t begin; !failed && (begin = next.fetch_add(chunk)) < reviews.size();)
        for (std::size_t i = begin; i < std::min(begin + chunk, reviews.size()); ++i)
          documents[i] = pipeline(reviews[i].text);
    } catch (...) {
      const std::lock_guard lock(error_mutex);
      if (!error) error = std::current_exception();
      failed = true;
    }
  };

  const std::size_t helpers =
      std::min(static_cast<std::size_t>(threads), std::max<std::size_t>(1, (reviews.size() + chunk - 1) / chunk)) - 1;
  std::vector<std::jthread> pool;
  pool.reserve(helpers);
  for (std::size_t t = 0; t < helpers; ++t) pool.emplace_back(work);
  work();
  pool.clear();  // joins
  if (error) std::rethrow_exception(error);
  return documents;
}

}  // namespace hardmax::sentiment
