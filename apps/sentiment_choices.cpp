#include "apps/sentiment_choices.hpp"

#include "io/config_file.hpp"

#include <fmt/format.h>

#include <functional>
#include <stdexcept>

namespace hardmax {

using namespace hardmax::sentiment;

experiment_choices preset_choices(const std::string& preset, std::uint64_t seed) {
  if (preset == "suite") return {};
  if (preset != "paper") throw std::invalid_argument(fmt::format("preset must be suite or paper, not '{}'", preset));
  experiment_choices c;
  c.corpus.how = partition{"pooled", seed};
  c.corpus.text = paper_text_options();
  c.corpus.vocabulary = vocabulary_source::all;
  c.padding = padding_mode::learnt;
  c.alpha = alpha_parametrisation::raw;
  c.loss = loss_form::probability;
  return c;
}

std::vector<std::pair<std::string, std::string>> describe(const experiment_choices& c) {
  const partition& how = c.corpus.how;
  const text_options& text = c.corpus.text;
  return {{"--partition", how.mode == "pooled" ? fmt::format("pooled (seed {})", how.seed) : how.mode},
          {"--cleaning", name_of(text.cleaning)},
          {"--case", name_of(text.letters)},
          {"--lemmas", name_of(text.words)},
          {"--vocabulary", name_of(c.corpus.vocabulary)},
          {"--padding", name_of(c.padding)},
          {"--alpha", name_of(c.alpha)},
          {"--loss", name_of(c.loss)}};
}

void choice_options::add_to(CLI::App* cmd, scope wanted) {
  cmd->add_option("--preset", preset,
                  "suite: this suite's original choices (the default); paper: every choice as the paper's code makes it "
                  "(each option below lists both presets' values). An option given beside it overrides the preset's value")
      ->check(CLI::IsMember({"suite", "paper"}));
  cmd->add_option("--cleaning", cleaning,
                  "suite: tags and URLs become spaces; paper: the paper's preprocess.py (tags and URLs deleted, so words "
                  "around them join) and NLTK's word_tokenize [suite: suite, paper: paper]")
      ->check(CLI::IsMember({"suite", "paper"}));
  cmd->add_option("--case", letter_case, "lower: lowercase every word; keep: as the paper, \"Great\" is not \"great\" "
                                         "[suite: lower, paper: keep]")
      ->check(CLI::IsMember({"lower", "keep"}));
  cmd->add_option("--lemmas", lemmas,
                  "wordnet: WordNet noun lemmas as NLTK's WordNetLemmatizer gives them (the paper); morphstr: WordNet's "
                  "C library's morphstr; snowball: Snowball English stems; none [suite: snowball, paper: wordnet]")
      ->check(CLI::IsMember({"wordnet", "morphstr", "snowball", "none"}));
  cmd->add_option("--wordnet", wordnet, "WordNet 3.0 database directory for --lemmas wordnet or morphstr [/usr/share/wordnet]");
  if (wanted == scope::text) return;
  cmd->add_option("--partition", partition,
                  "official: the dataset's train and test files; pooled: all reviews shuffled with --partition-seed, "
                  "70% train and 30% test (the paper's kind of split); file-order: the train file then the test file "
                  "cut 70/30 as they lie (the paper's rule on these files) [suite: official, paper: pooled]")
      ->check(CLI::IsMember({"official", "pooled", "file-order"}));
  cmd->add_option("--partition-seed", partition_seed,
                  "Seed of the pooled partition, so that runs with different --seed can share one split [--seed]");
  cmd->add_option("--vocabulary", vocabulary, "train: words of the training reviews; all: of every review, as the paper "
                                              "[suite: train, paper: all]")
      ->check(CLI::IsMember({"train", "all"}));
  if (wanted == scope::corpus) return;
  cmd->add_option("--padding", padding, "zero: padding is the zero token, never trained; learnt: a trained word like any "
                                        "other, as the paper's embedding has no padding index [suite: zero, paper: learnt]")
      ->check(CLI::IsMember({"zero", "learnt"}));
  cmd->add_option("--alpha", alpha, "exp: alpha = exp(theta) > 0; raw: alpha itself is trained, unconstrained, as in the "
                                    "paper (non-positive values are reported) [suite: exp, paper: raw]")
      ->check(CLI::IsMember({"exp", "raw"}));
  cmd->add_option("--loss", loss, "logit: cross-entropy from the logit; probability: PyTorch's BCELoss on the sigmoid's "
                                  "output, as the paper (no gradient where it saturates) [suite: logit, paper: probability]")
      ->check(CLI::IsMember({"logit", "probability"}));
}

experiment_choices choice_options::resolve(const experiment_choices& base, std::uint64_t training_seed) const {
  const std::uint64_t seed = partition_seed.value_or(training_seed);
  experiment_choices c = preset.empty() ? base : preset_choices(preset, seed);
  // Each given option, parsed by its own parser; a bad value names the option.
  const auto apply = [](const std::string& value, const char* option, const std::function<void(const std::string&)>& set) {
    if (value.empty()) return;
    try {
      set(value);
    } catch (const std::invalid_argument& e) {
      throw input_error(option, option, e.what());
    }
  };
  apply(partition, "--partition", [&](const std::string& v) { c.corpus.how = hardmax::partition{v, v == "pooled" ? seed : 0}; });
  if (partition_seed && c.corpus.how.mode == "pooled") c.corpus.how.seed = *partition_seed;
  apply(cleaning, "--cleaning", [&](const std::string& v) { c.corpus.text.cleaning = parse_cleaning_rules(v); });
  apply(letter_case, "--case", [&](const std::string& v) { c.corpus.text.letters = parse_letter_case(v); });
  apply(lemmas, "--lemmas", [&](const std::string& v) { c.corpus.text.words = parse_word_forms(v); });
  apply(wordnet, "--wordnet", [&](const std::string& v) { c.corpus.text.wordnet = v; });
  apply(vocabulary, "--vocabulary", [&](const std::string& v) { c.corpus.vocabulary = parse_vocabulary_source(v); });
  apply(padding, "--padding", [&](const std::string& v) { c.padding = parse_padding_mode(v); });
  apply(alpha, "--alpha", [&](const std::string& v) { c.alpha = parse_alpha_parametrisation(v); });
  apply(loss, "--loss", [&](const std::string& v) { c.loss = parse_loss_form(v); });
  return c;
}

}  // namespace hardmax
