// hardmax sentiment train, and the registration of eval, leaders and plot: the paper's IMDb experiment
// (THEORY.md), trained and evaluated in C++.
#include "apps/sentiment_command.hpp"

#include "apps/exit_codes.hpp"
#include "apps/sentiment_analysis_commands.hpp"
#include "apps/sentiment_inputs.hpp"
#include "io/atomic_file.hpp"
#include "io/config_file.hpp"
#include "io/provenance.hpp"
#include "numerics/interruption.hpp"
#include "sentiment/data/preprocess.hpp"
#include "sentiment/data/reviews.hpp"
#include "sentiment/data/vocabulary.hpp"
#include "sentiment/model/checkpoint.hpp"
#include "sentiment/model/evaluation.hpp"
#include "sentiment/model/hardmax_evaluation.hpp"
#include "sentiment/model/trainer.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>

namespace hardmax {
namespace {

namespace fs = std::filesystem;
using namespace hardmax::sentiment;

struct train_options {
  sentiment_data_options inputs = default_sentiment_data();
  int dim = 2;
  int epochs = 100;
  std::uint64_t seed = 20261130;
  std::string out;
  std::size_t train_limit = 0, test_limit = 0;  // 0: every review
  bool resume = false;
  bool certified = false;
  double learning_rate = 1e-3;
  int batch_size = 64;
  std::string partition = "official";
  bool partition_given = false;  // with --resume the run's own partition is used unless one is named
};

// One line on standard error, redrawn in place on a terminal: epoch, batch, running loss, throughput, ETA.
class training_bar {
 public:
  training_bar(int epochs) : epochs_(epochs), tty_(::isatty(STDERR_FILENO)) {}
  void operator()(const batch_progress& p) {
    if (!tty_ || (p.batch % 10 != 0 && p.batch != p.batches)) return;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(p.reviews) / seconds : 0;
    const double eta = p.batch ? seconds * static_cast<double>(p.batches - p.batch) / static_cast<double>(p.batch) : 0;
    fmt::print(stderr, "\repoch {}/{}  batch {}/{}  loss {:.4f}  acc {:.3f}  {:.0f} reviews/s  ETA {:.0f}s   ",
               p.epoch + 1, epochs_, p.batch, p.batches, p.mean_loss, p.accuracy, rate, eta);
  }
  void restart() { start_ = std::chrono::steady_clock::now(); }
  void finish() const {
    if (tty_) fmt::print(stderr, "\r{}\r", std::string(100, ' '));
  }

 private:
  int epochs_;
  bool tty_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

std::vector<std::string> read_lines(const fs::path& file) {
  std::vector<std::string> lines;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

int run_train(const train_options& opt, const std::string& command_line) {
  const text_pipeline pipeline(opt.inputs.stop_words);
  const unsigned threads = opt.inputs.threads;
  fmt::print(stderr, "loading and preprocessing {} ...\n", opt.inputs.data);
  fs::create_directories(opt.out);
  const partition how = opt.resume ? load_partition(opt.out) : partition{opt.partition, opt.seed};
  if (opt.resume && opt.partition_given && how.mode != opt.partition)
    throw input_error((fs::path(opt.out) / "partition.txt").string(), "--partition",
                      fmt::format("the run was trained on the {} partition, not {}", how.mode, opt.partition));
  const preprocessed_split train_split = read_split(opt.inputs, pipeline, how, "train", opt.train_limit);
  const preprocessed_split test_split = read_split(opt.inputs, pipeline, how, "test", opt.test_limit);
  const fs::path checkpoint_file = fs::path(opt.out) / "checkpoint.bin", vocab_file = fs::path(opt.out) / "vocabulary.txt",
                 csv_file = fs::path(opt.out) / "epochs.csv";
  if (!opt.resume && fs::exists(checkpoint_file))
    throw output_error(fmt::format("{}: holds a checkpoint; pass --resume to continue it, or use another --out", opt.out));
  // The vocabulary is built on the training reviews only and saved beside the model, so evaluation
  // reproduces the encoding.
  const vocabulary vocab = opt.resume ? vocabulary::load(vocab_file) : vocabulary::build(train_split.words);
  if (!opt.resume) {
    vocab.save(vocab_file);
    save_partition(opt.out, how);
  }
  const std::vector<encoded_review> train = encode(train_split, vocab);
  const std::vector<encoded_review> test = encode(test_split, vocab);
  fmt::print(stderr, "{} training and {} test reviews, vocabulary {} (with padding), d = {}, {} threads\n", train.size(),
             test.size(), vocab.size(), opt.dim, threads);

  training_checkpoint state;
  std::vector<std::string> rows;
  if (opt.resume) {
    state = load_checkpoint(checkpoint_file);
    rows = read_lines(csv_file);
    if (rows.size() > static_cast<std::size_t>(state.epochs_completed) + 1) rows.resize(state.epochs_completed + 1);
  } else {
    state.model = make_classifier({static_cast<int>(vocab.size()), opt.dim, 8, 1e-3}, opt.seed);
    state.adam = make_adam_state(state.model, adam_options{opt.learning_rate, 0.9, 0.999, 1e-8});
    state.options.seed = opt.seed;
    state.options.batch_size = opt.batch_size;
    rows.push_back(fmt::format("# {}; hardmax {} ({}); seed {}", command_line, version, source_revision, opt.seed));
    rows.push_back("epoch,alpha,train_loss,train_accuracy,test_loss,test_accuracy,hardmax_double_test_loss,"
                   "hardmax_double_test_accuracy,hardmax_certified_test_accuracy,train_seconds,threads");
  }
  training_bar bar(opt.epochs);
  for (int epoch = state.epochs_completed; epoch < opt.epochs; ++epoch) {
    bar.restart();
    const auto start = std::chrono::steady_clock::now();
    const epoch_result r = train_epoch(state.model, state.adam, train, state.options, epoch, threads,
                                       [&bar](const batch_progress& p) {
                                         bar(p);
                                         stop_if_interrupted();
                                       });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    bar.finish();
    const evaluation on_train = evaluate(state.model, train, threads);
    const evaluation on_test = evaluate(state.model, test, threads);
    const evaluation hard = evaluate_hardmax(state.model, test, "double", threads);
    std::string certified_accuracy;
    if (opt.certified) certified_accuracy = fmt::format("{:.6f}", evaluate_hardmax(state.model, test, "certified", threads).accuracy);
    rows.push_back(fmt::format("{},{:.6f},{:.6f},{:.6f},{:.6f},{:.6f},{:.6f},{:.6f},{},{:.2f},{}", epoch + 1,
                               state.model.alpha(), on_train.mean_loss, on_train.accuracy, on_test.mean_loss,
                               on_test.accuracy, hard.mean_loss, hard.accuracy, certified_accuracy, seconds, threads));
    state.epochs_completed = epoch + 1;
    save_checkpoint(checkpoint_file, state);  // atomic: an interrupt never corrupts the last checkpoint
    write_atomically(csv_file, [&](std::ostream& out) {
      for (const std::string& row : rows) out << row << '\n';
    });
    fmt::print("epoch {:>3}: train loss {:.4f} acc {:.4f} | test loss {:.4f} acc {:.4f} | hardmax test acc {:.4f}{} | "
               "alpha {:.4f} | {:.1f} s ({} threads, {} batches clipped)\n",
               epoch + 1, on_train.mean_loss, on_train.accuracy, on_test.mean_loss, on_test.accuracy, hard.accuracy,
               opt.certified ? " (certified " + certified_accuracy + ")" : "", state.model.alpha(), seconds, threads,
               r.clipped_batches);
    std::fflush(stdout);  // one line per epoch in a log file too, not at exit
  }
  return exit_code::ok;
}

}  // namespace

void add_sentiment_command(CLI::App& app, const std::string& command_line) {
  CLI::App* sentiment = app.add_subcommand("sentiment", "The paper's IMDb sentiment experiment (THEORY.md)");
  sentiment->require_subcommand(1);
  auto opt = std::make_shared<train_options>();
  CLI::App* train = sentiment->add_subcommand(
      "train", "Train the classifier (embedding, 8 shared M5 layers, mean, decoder); evaluate softmax and hardmax M4 "
               "per epoch into OUT/epochs.csv; checkpoint every epoch");
  train->add_option("--data", opt->inputs.data, "Directory with train.csv(.gz) and test.csv(.gz), or aclImdb's train/ and test/")
      ->capture_default_str();
  train->add_option("--stop-words", opt->inputs.stop_words, "Stop-word list, one word per line")->capture_default_str();
  train->add_option("--dim", opt->dim, "Embedding dimension d")->check(CLI::Range(1, 1024))->capture_default_str();
  train->add_option("--epochs", opt->epochs, "Epochs in all (with --resume: up to this many)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  train->add_option("--seed", opt->seed, "Seed of the initialisation and of every epoch's shuffle")->capture_default_str();
  train->add_option("--out", opt->out, "Output directory: vocabulary.txt, checkpoint.bin, epochs.csv")->required();
  train->add_option("--threads", opt->inputs.threads, "Worker threads (results are identical for any number)")
      ->check(CLI::Range(1u, 1024u))
      ->capture_default_str();
  train->add_option("--train-limit", opt->train_limit, "Use only the first N training reviews (0: all)");
  train->add_option("--test-limit", opt->test_limit, "Use only the first N test reviews (0: all)");
  train->add_option("--learning-rate", opt->learning_rate, "Adam's learning rate (the paper: 0.001)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  train->add_option("--batch-size", opt->batch_size, "Reviews per batch (the paper: 64)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  train->add_option("--partition", opt->partition,
                    "official: the dataset's train and test files; pooled: all reviews shuffled with --seed, 70% train "
                    "and 30% test (the paper's kind of split)")
      ->check(CLI::IsMember({"official", "pooled"}))
      ->capture_default_str();
  train->add_flag("--resume", opt->resume, "Continue from OUT/checkpoint.bin (same result as an uninterrupted run)");
  train->add_flag("--certified", opt->certified, "Also evaluate hardmax M4 with the certified engine every epoch (slower)");
  on_run(train, [opt, command_line, train] {
    opt->partition_given = train->count("--partition") > 0;
    return run_train(*opt, command_line);
  });
  add_sentiment_analysis_commands(*sentiment, command_line);
}

}  // namespace hardmax
