// The paper's own text cleaning and tokenisation (its data/preprocess.py, read from the authors'
// public repository), reproduced step by step so that `--cleaning paper` gives the words the paper's
// model saw. It differs from this suite's clean_text (preprocess.hpp) in ways that change words:
//  - URLs ("http://..." / "https://..." / "www." then non-space characters, case-sensitive) and tags
//    ("<" then anything but ">" up to ">") are deleted, not replaced by a space, so
//    "great<br /><br />The" becomes the one word "greatThe";
//  - ". , ! ? -" are padded with spaces and whitespace runs of two or more squeezed, before all ASCII
//    punctuation becomes a space (so "end.Next" splits, "end<br />Next" does not);
//  - digits are deleted; runs of spaces squeezed; non-ASCII characters deleted (after the squeeze: a
//    lone non-breaking space between two words joins them); runs of 2+ equal characters shortened to 2;
//  - nothing is lowercased;
//  - tokens come from NLTK's word_tokenize, which on this punctuation-free text splits on whitespace
//    and also splits the contractions "cannot" -> "can" "not", "gimme", "gonna", "gotta", "lemme"
//    (whole words, any case) and "wanna" (before whitespace).
// Python's re works on Unicode code points: the text is decoded from UTF-8 (an invalid byte counts as
// one non-ASCII character), and "whitespace" is Python's (str.isspace: ASCII \t\n\v\f\r, \x1c-\x1f,
// space, and U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
// Non-ASCII decimal digits, which Python's \d also deletes, are left to the non-ASCII step: that
// changes the whitespace between words at most, never the tokens.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hardmax::sentiment {

// preprocess.py's clean_pipeline: the cleaned text (ASCII).
std::string paper_clean_text(std::string_view text);

// NLTK's word_tokenize on the output of paper_clean_text.
std::vector<std::string> nltk_word_tokenize(std::string_view cleaned);

}  // namespace hardmax::sentiment
