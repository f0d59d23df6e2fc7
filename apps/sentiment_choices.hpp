// The experiment's choices (issue 15): every way this suite's pipeline differs from the paper's code,
// one option each, and two presets that set them all: `suite` (this suite's original choices, the
// default) and `paper` (what the paper's code does). An option given on the command line overrides its
// preset; a resumed run keeps the choices it was trained with, and naming a different one is an error.
#pragma once

#include "apps/sentiment_inputs.hpp"
#include "sentiment/model/classifier.hpp"
#include "sentiment/model/loss.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hardmax {

struct experiment_choices {
  corpus_setup corpus;
  sentiment::padding_mode padding = sentiment::padding_mode::zero;
  sentiment::alpha_parametrisation alpha = sentiment::alpha_parametrisation::exp;
  sentiment::loss_form loss = sentiment::loss_form::logit;
};

// "suite" or "paper"; `seed` seeds the pooled partition where the preset pools. std::invalid_argument
// for another name.
experiment_choices preset_choices(const std::string& preset, std::uint64_t seed);

// Each choice as (option, value) in the command line's spelling, in a fixed order: for messages,
// run reports and comparisons.
std::vector<std::pair<std::string, std::string>> describe(const experiment_choices& c);

// The options as typed; an empty string means "not given".
struct choice_options {
  std::string preset, partition, cleaning, letter_case, lemmas, wordnet, vocabulary, padding, alpha, loss;
  std::optional<std::uint64_t> partition_seed;

  // Which options a command takes: the text pipeline's (--preset, --cleaning, --case, --lemmas,
  // --wordnet); also the corpus's (--partition, --vocabulary); also the model's (--padding, --alpha,
  // --loss).
  enum class scope { text, corpus, model };
  void add_to(CLI::App* cmd, scope wanted);

  // `base` with every given option applied (a given --preset replaces `base` first); a pooled
  // partition takes --partition-seed, else `seed`. Throws input_error naming the option for an
  // unknown value.
  experiment_choices resolve(const experiment_choices& base, std::uint64_t seed) const;
};

}  // namespace hardmax
