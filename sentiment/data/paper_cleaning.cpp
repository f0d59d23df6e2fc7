#include "sentiment/data/paper_cleaning.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace hardmax::sentiment {
namespace {

using text = std::u32string;

// Python's str.isspace, which is what re's \s and str.split() use.
bool is_python_space(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
  return c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
         c == 0x202f || c == 0x205f || c == 0x3000;
}

bool is_ascii_punctuation(char32_t c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

bool is_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// UTF-8 to code points; a byte that does not start a well-formed sequence becomes U+FFFD, which every
// step below treats as what it is for Python's decoder with errors="replace": one non-ASCII character.
text decode_utf8(std::string_view s) {
  text out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int length = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xe ? 3 : (b >> 3) == 0x1e ? 4 : 0;
    bool valid = length > 0 && i + static_cast<std::size_t>(length) <= s.size();
    char32_t c = length == 1 ? b : length == 2 ? (b & 0x1f) : length == 3 ? (b & 0x0f) : (b & 0x07);
    for (int k = 1; valid && k < length; ++k) {
      const auto next = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      valid = (next >> 6) == 0x2;
      c = (c << 6) | (next & 0x3f);
    }
    out.push_back(valid ? c : 0xfffd);
    i += valid ? static_cast<std::size_t>(length) : 1;
  }
  return out;
}

bool starts_with(const text& s, std::size_t at, std::string_view prefix) {
  if (s.size() - at < prefix.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k)
    if (s[at + k] != static_cast<char32_t>(prefix[k])) return false;
  return true;
}

// rm_link: re.sub(r'https?://\S+|www\.\S+', '', text). Both alternatives need at least one non-space
// after their prefix and then run to the end of the non-space run.
text remove_links(const text& s) {
  text out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t prefix = 0;
    for (std::string_view p : {"https://", "http://", "www."})
      if (starts_with(s, i, p)) {
        prefix = p.size();
        break;
      }
    if (prefix && i + prefix < s.size() && !is_python_space(s[i + prefix])) {
      i += prefix;
      while (i < s.size() && !is_python_space(s[i])) ++i;
      continue;
    }
    out.push_back(s[i++]);
  }
  return out;
}

// rm_html: re.sub(r'<[^>]+>', '', text): "<", at least one character other than ">", then ">".
text remove_tags(const text& s) {
  text out;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '<' && i + 1 < s.size() && s[i + 1] != '>') {
      const std::size_t close = s.find(U'>', i + 1);
      if (close != text::npos) {
        i = close + 1;
        continue;
      }
    }
    out.push_back(s[i++]);
  }
  return out;
}

// re.sub(r'\s{2,}', ' ', text).
text squeeze_whitespace_runs(const text& s) {
  text out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t end = i;
    while (end < s.size() && is_python_space(s[end])) ++end;
    if (end - i >= 2) {
      out.push_back(' ');
      i = end;
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

// space_bt_punct: re.sub(r'([.,!?-])', r' \1 ', text), then the squeeze.
text space_between_punctuation(const text& s) {
  text padded;
  for (char32_t c : s) {
    const bool mark = c == '.' || c == ',' || c == '!' || c == '?' || c == '-';
    if (mark) padded.push_back(' ');
    padded.push_back(c);
    if (mark) padded.push_back(' ');
  }
  return squeeze_whitespace_runs(padded);
}

// rm_punct2, rm_number, rm_whitespaces (re.sub(r' +', ' ')), rm_nonascii, in that order; rm_emoji then
// has nothing left to remove.
std::string punctuation_digits_spaces_ascii(const text& s) {
  std::string out;
  out.reserve(s.size());
  char32_t previous = 0;  // the last character the space squeeze let through (non-ASCII included)
  for (char32_t c : s) {
    if (is_ascii_punctuation(c)) c = ' ';
    if (c >= '0' && c <= '9') continue;
    if (c == ' ' && previous == ' ') continue;
    previous = c;
    if (c >= 0x80) continue;  // so " \u00e9 " keeps both spaces, as the squeeze ran before this step
    out.push_back(static_cast<char>(c));
  }
  return out;
}

// spell_correction: re.sub(r'(.)\1+', r'\1\1', text); "." is any character but a newline.
std::string shorten_runs(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const std::size_t n = out.size();
    if (c != '\n' && n >= 2 && out[n - 1] == c && out[n - 2] == c) continue;
    out.push_back(c);
  }
  return out;
}

bool equals_ignoring_case(std::string_view a, std::string_view lower) {
  return a.size() == lower.size() && std::equal(a.begin(), a.end(), lower.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? static_cast<char>(x - 'A' + 'a') : x) == y;
         });
}

// NLTK's CONTRACTIONS2 that can still match after cleaning (the others need an apostrophe): the
// whole letter run, any case, split after `head` letters. "wanna" only before whitespace.
struct contraction {
  std::string_view word;
  std::size_t head;
  bool needs_following_space;
};
constexpr std::array<contraction, 6> contractions{{{"cannot", 3, false},
                                                   {"gimme", 3, false},
                                                   {"gonna", 3, false},
                                                   {"gotta", 3, false},
                                                   {"lemme", 3, false},
                                                   {"wanna", 3, true}}};

// One whitespace-free chunk into tokens. The regexes put spaces around both halves of a contraction;
// \b sits wherever a letter meets a non-letter (digits and "_" are gone, so letters are the only word
// characters left).
void split_chunk(std::string_view chunk, std::vector<std::string>& tokens) {
  std::size_t piece = 0;  // start of the part not yet emitted
  for (std::size_t i = 0; i < chunk.size();) {
    if (!is_letter(static_cast<unsigned char>(chunk[i]))) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < chunk.size() && is_letter(static_cast<unsigned char>(chunk[end]))) ++end;
    const std::string_view run = chunk.substr(i, end - i);
    for (const contraction& c : contractions) {
      if (!equals_ignoring_case(run, c.word) || (c.needs_following_space && end != chunk.size())) continue;
      if (i > piece) tokens.emplace_back(chunk.substr(piece, i - piece));
      tokens.emplace_back(run.substr(0, c.head));
      tokens.emplace_back(run.substr(c.head));
      piece = end;
      break;
    }
    i = end;
  }
  if (piece < chunk.size()) tokens.emplace_back(chunk.substr(piece));
}

}  // namespace

std::string paper_clean_text(std::string_view raw) {
  const text links_gone = remove_links(decode_utf8(raw));
  return shorten_runs(punctuation_digits_spaces_ascii(space_between_punctuation(remove_tags(links_gone))));
}

std::vector<std::string> nltk_word_tokenize(std::string_view cleaned) {
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < cleaned.size();) {
    if (is_python_space(static_cast<unsigned char>(cleaned[i]))) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < cleaned.size() && !is_python_space(static_cast<unsigned char>(cleaned[end]))) ++end;
    split_chunk(cleaned.substr(i, end - i), tokens);
    i = end;
  }
  return tokens;
}

}  // namespace hardmax::sentiment
