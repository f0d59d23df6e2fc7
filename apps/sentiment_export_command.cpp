#include "apps/sentiment_export_command.hpp"

#include "apps/exit_codes.hpp"
#include "apps/sentiment_choices.hpp"
#include "apps/sentiment_inputs.hpp"
#include "io/config_file.hpp"
#include "io/json_layout.hpp"
#include "io/npy_file.hpp"
#include "io/provenance.hpp"
#include "io/atomic_file.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>

namespace hardmax {
namespace {

namespace fs = std::filesystem;
using namespace hardmax::sentiment;

struct export_options {
  sentiment_data_options inputs = default_sentiment_data();
  choice_options choices;
  std::string out, run;
  std::uint64_t seed = 20261130;  // of the pooled partition unless --partition-seed: train's default seed
  std::size_t train_limit = 0, test_limit = 0;
};

void write_part(const fs::path& dir, const std::string& part, std::span<const encoded_review> reviews) {
  std::vector<std::int32_t> ids, labels;
  ids.reserve(reviews.size() * sequence_length);
  for (const encoded_review& r : reviews) {
    ids.insert(ids.end(), r.ids.begin(), r.ids.end());
    labels.push_back(r.label);
  }
  write_npy(dir / (part + "-ids.npy"), ids, {reviews.size(), static_cast<std::size_t>(sequence_length)});
  write_npy(dir / (part + "-labels.npy"), labels, {reviews.size()});
}

int run_export(const export_options& opt, const std::string& command_line) {
  corpus_setup setup;
  vocabulary run_vocab = vocabulary::build({});
  if (!opt.run.empty()) {
    setup = load_corpus_setup(opt.run);
    run_vocab = load_trained_run(opt.run).vocab;
  } else {
    setup = opt.choices.resolve(preset_choices("suite", opt.seed), opt.seed).corpus;
    setup.train_limit = opt.train_limit;
    setup.test_limit = opt.test_limit;
  }
  fmt::print(stderr, "loading and preprocessing {} ...\n", opt.inputs.data);
  const prepared_corpus corpus = prepare_corpus(opt.inputs, setup, opt.run.empty() ? nullptr : &run_vocab);
  if (!opt.run.empty())
    if (const std::string digest = recorded_digest(opt.run); !digest.empty() && digest != corpus.digest)
      throw input_error((fs::path(opt.run) / "setup.json").string(), "--data",
                        fmt::format("the reviews encode to digest {}, the run was trained on {}: not the same data",
                                    corpus.digest, digest));
  const fs::path dir(opt.out);
  fs::create_directories(dir);
  write_part(dir, "train", corpus.train);
  write_part(dir, "test", corpus.test);
  corpus.vocab.save(dir / "vocabulary.txt");
  nlohmann::json doc = {{"provenance", provenance{command_line, "", ""}.to_json()},
                        {"run", opt.run},
                        {"partition", setup.how.mode},
                        {"text", to_json(setup.text)},
                        {"vocabulary", name_of(setup.vocabulary)},
                        {"train_reviews", corpus.train.size()},
                        {"test_reviews", corpus.test.size()},
                        {"vocabulary_size", corpus.vocab.size()},
                        {"sequence_length", sequence_length},
                        {"padding_id", 0},
                        {"encoded_digest", corpus.digest}};
  if (setup.how.mode == "pooled") doc["partition_seed"] = setup.how.seed;
  // Written last: a directory whose export.json exists is complete.
  write_atomically(dir / "export.json", [&](std::ostream& o) { o << json_text(doc, 2) << '\n'; });
  fmt::print("{} training and {} test reviews, vocabulary {} (with padding), digest {}: written to {}\n",
             corpus.train.size(), corpus.test.size(), corpus.vocab.size(), corpus.digest, dir.string());
  return exit_code::ok;
}

}  // namespace

void add_sentiment_export_command(CLI::App& sentiment, const std::string& command_line) {
  auto opt = std::make_shared<export_options>();
  CLI::App* cmd = sentiment.add_subcommand(
      "export", "Write the token ids, labels and split the C++ pipeline trains on as NumPy arrays (OUT/train-ids.npy, "
                "train-labels.npy, test-ids.npy, test-labels.npy), with vocabulary.txt and export.json (choices, digest): "
                "of a trained run (--run), or of the choices given");
  add_data_options(cmd, opt->inputs);
  opt->choices.add_to(cmd, choice_options::scope::corpus);
  cmd->add_option("--out", opt->out, "Output directory")->required();
  cmd->add_option("--run", opt->run, "A `sentiment train` run: export its own encoding (setup.json, vocabulary.txt); "
                                     "the choices below are then ignored");
  cmd->add_option("--train-limit", opt->train_limit, "Only the first N training reviews (0: all)");
  cmd->add_option("--test-limit", opt->test_limit, "Only the first N test reviews (0: all)");
  on_run(cmd, [opt, command_line] { return run_export(*opt, command_line); });
}

}  // namespace hardmax
