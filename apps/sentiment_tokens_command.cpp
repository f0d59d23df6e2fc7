#include "apps/sentiment_tokens_command.hpp"

#include "apps/exit_codes.hpp"
#include "apps/sentiment_choices.hpp"
#include "apps/sentiment_inputs.hpp"
#include "io/config_file.hpp"
#include "sentiment/data/reviews.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>

namespace hardmax {
namespace {

using namespace hardmax::sentiment;

struct tokens_options {
  sentiment_data_options inputs = default_sentiment_data();
  choice_options choices;
  std::string file;     // "" or "-": standard input
  std::string reviews;  // a review file or directory (reviews.hpp) instead of lines
  std::size_t limit = 0;
  bool words = false;   // each line is one word: only the lemmatiser or stemmer
};

int run_tokens(const tokens_options& opt) {
  const text_options text = opt.choices.resolve(preset_choices("suite", 0), 0).corpus.text;
  const text_pipeline pipeline(opt.inputs.stop_words, text);
  const std::shared_ptr<const word_normaliser> normalise = make_word_normaliser(text);
  std::ifstream file;
  if (!opt.file.empty() && opt.file != "-") {
    file.open(opt.file, std::ios::binary);
    if (!file) throw input_error(opt.file, "--file", "cannot open");
  }
  if (!opt.reviews.empty()) {
    for (const review& r : opt.limit ? load_reviews(opt.reviews, opt.limit) : load_reviews(opt.reviews))
      fmt::print("{}\n", fmt::join(pipeline(r.text), " "));
    return exit_code::ok;
  }
  std::istream& in = file.is_open() ? file : std::cin;
  for (std::string line; std::getline(in, line);) {
    if (opt.words) {
      fmt::print("{}\n", (*normalise)(line));
      continue;
    }
    const std::vector<std::string> tokens = pipeline(line);
    fmt::print("{}\n", fmt::join(tokens, " "));
  }
  return exit_code::ok;
}

}  // namespace

void add_sentiment_tokens_command(CLI::App& sentiment) {
  auto opt = std::make_shared<tokens_options>();
  CLI::App* cmd = sentiment.add_subcommand(
      "tokens", "The text pipeline on given text: each input line (a review) becomes one line of tokens, with the "
                "training choices --preset, --cleaning, --case, --lemmas");
  cmd->add_option("--stop-words", opt->inputs.stop_words, "Stop-word list, one word per line")->capture_default_str();
  opt->choices.add_to(cmd, choice_options::scope::text);
  cmd->add_option("--file", opt->file, "Read lines from this file instead of standard input");
  cmd->add_option("--reviews", opt->reviews, "Read the reviews of this CSV file (plain or gzipped) or aclImdb directory, "
                                             "one output line per review");
  cmd->add_option("--limit", opt->limit, "With --reviews: only the first N (0: all)");
  cmd->add_flag("--words", opt->words, "Each line is one word: print only its lemma or stem (no cleaning, no stop words)");
  on_run(cmd, [opt] { return run_tokens(*opt); });
}

}  // namespace hardmax
