#include "sentiment/data/text_options.hpp"

#include <fmt/format.h>

#include <array>
#include <stdexcept>
#include <utility>

namespace hardmax::sentiment {
namespace {

template <class E, std::size_t N>
using names = std::array<std::pair<E, std::string_view>, N>;

constexpr names<cleaning_rules, 2> cleaning_names{{{cleaning_rules::suite, "suite"}, {cleaning_rules::paper, "paper"}}};
constexpr names<letter_case, 2> case_names{{{letter_case::lower, "lower"}, {letter_case::keep, "keep"}}};
constexpr names<word_forms, 4> word_names{{{word_forms::snowball, "snowball"},
                                           {word_forms::wordnet, "wordnet"},
                                           {word_forms::morphstr, "morphstr"},
                                           {word_forms::none, "none"}}};

template <class E, std::size_t N>
std::string name_in(const names<E, N>& table, E value) {
  for (const auto& [e, name] : table)
    if (e == value) return std::string(name);
  throw std::invalid_argument("text options: value without a name");
}

template <class E, std::size_t N>
E parse_in(const names<E, N>& table, std::string_view name, std::string_view what) {
  std::string accepted;
  for (const auto& [e, n] : table) {
    if (n == name) return e;
    accepted += (accepted.empty() ? "" : ", ") + std::string(n);
  }
  throw std::invalid_argument(fmt::format("{} must be one of {}, not '{}'", what, accepted, name));
}

}  // namespace

text_options paper_text_options() {
  text_options o;
  o.cleaning = cleaning_rules::paper;
  o.letters = letter_case::keep;
  o.words = word_forms::wordnet;
  return o;
}

std::string name_of(cleaning_rules c) { return name_in(cleaning_names, c); }
std::string name_of(letter_case c) { return name_in(case_names, c); }
std::string name_of(word_forms w) { return name_in(word_names, w); }
cleaning_rules parse_cleaning_rules(std::string_view name) { return parse_in(cleaning_names, name, "cleaning"); }
letter_case parse_letter_case(std::string_view name) { return parse_in(case_names, name, "case"); }
word_forms parse_word_forms(std::string_view name) { return parse_in(word_names, name, "lemmas"); }

nlohmann::json to_json(const text_options& o) {
  return {{"cleaning", name_of(o.cleaning)},
          {"case", name_of(o.letters)},
          {"lemmas", name_of(o.words)},
          {"wordnet", o.wordnet.string()}};
}

text_options text_options_from_json(const nlohmann::json& j) {
  text_options o;
  if (!j.is_object()) throw std::invalid_argument("text options must be a JSON object");
  if (j.contains("cleaning")) o.cleaning = parse_cleaning_rules(j.at("cleaning").get<std::string>());
  if (j.contains("case")) o.letters = parse_letter_case(j.at("case").get<std::string>());
  if (j.contains("lemmas")) o.words = parse_word_forms(j.at("lemmas").get<std::string>());
  if (j.contains("wordnet")) o.wordnet = j.at("wordnet").get<std::string>();
  return o;
}

}  // namespace hardmax::sentiment
