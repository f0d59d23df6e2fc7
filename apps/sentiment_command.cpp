// hardmax sentiment train, and the registration of eval, leaders and plot: the paper's IMDb experiment
// (THEORY.md), trained and evaluated in C++.
#include "apps/sentiment_command.hpp"

#include "apps/exit_codes.hpp"
#include "apps/sentiment_analysis_commands.hpp"
#include "apps/sentiment_choices.hpp"
#include "apps/sentiment_export_command.hpp"
#include "apps/sentiment_inputs.hpp"
#include "apps/sentiment_tokens_command.hpp"
#include "io/atomic_file.hpp"
#include "io/config_file.hpp"
#include "io/directory_lock.hpp"
#include "io/provenance.hpp"
#include "numerics/interruption.hpp"
#include "sentiment/data/preprocess.hpp"
#include "sentiment/data/reviews.hpp"
#include "sentiment/data/vocabulary.hpp"
#include "sentiment/model/checkpoint.hpp"
#include "sentiment/model/evaluation.hpp"
#include "sentiment/model/initial_weights.hpp"
#include "sentiment/model/hardmax_evaluation.hpp"
#include "sentiment/model/trainer.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <thread>

namespace hardmax {
namespace {

namespace fs = std::filesystem;
using namespace hardmax::sentiment;

struct train_options {
  sentiment_data_options inputs = default_sentiment_data();
  choice_options choices;
  int dim = 2;
  int epochs = 100;
  std::uint64_t seed = 20261130;
  std::string out;
  std::size_t train_limit = 0, test_limit = 0;  // 0: every review
  bool resume = false;
  bool certified = false;
  std::string train_metrics = "full";  // or "running": the epoch's own running loss and accuracy
  int hardmax_every = 1;
  double learning_rate = 1e-3;
  int batch_size = 64;
  double clip_norm = 5.0;
  std::string init;  // directory of initial weights (.npy), instead of the seed's draws
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

// The choices a resumed run was trained with: its setup.json and its checkpoint's model and loss.
experiment_choices recorded_choices(const fs::path& run, const training_checkpoint& state) {
  return {load_corpus_setup(run), state.model.padding, state.model.alpha_form, state.options.loss};
}

// A resumed run keeps its choices: naming another one is an error that says which.
void require_same_choices(const fs::path& run, const experiment_choices& recorded, const experiment_choices& wanted) {
  const auto have = describe(recorded), want = describe(wanted);
  for (std::size_t k = 0; k < have.size(); ++k)
    if (have[k] != want[k])
      throw input_error((run / "setup.json").string(), have[k].first,
                        fmt::format("the run was trained with {} {}, not {}", have[k].first, have[k].second, want[k].second));
}

const char* const epochs_header =
    "epoch,alpha,train_loss,train_accuracy,test_loss,test_accuracy,hardmax_double_test_loss,"
    "hardmax_double_test_accuracy,hardmax_certified_test_accuracy,train_seconds,threads,"
    "train_accuracy_batch_mean,test_accuracy_batch_mean,alpha_min_in_epoch,alpha_nonpositive_steps";

// Where a run starts: a fresh model with the choices the options resolve to, or the checkpoint with
// the choices it was trained with (naming others is an error) and its vocabulary.
struct run_start {
  training_checkpoint state;
  experiment_choices choices;
  std::optional<vocabulary> vocab;
};

run_start start_run(const train_options& opt, const fs::path& out) {
  const fs::path checkpoint_file = out / "checkpoint.bin";
  if (!opt.resume && fs::exists(checkpoint_file))
    throw output_error(fmt::format("{}: holds a checkpoint; pass --resume to continue it, or use another --out", opt.out));
  if (!opt.resume) {
    run_start s{{}, opt.choices.resolve(preset_choices("suite", opt.seed), opt.seed), std::nullopt};
    s.choices.corpus.train_limit = opt.train_limit;
    s.choices.corpus.test_limit = opt.test_limit;
    return s;
  }
  if (!fs::exists(checkpoint_file)) throw input_error(checkpoint_file.string(), "--resume", "no checkpoint to resume here");
  run_start s{load_checkpoint(checkpoint_file), {}, vocabulary::load(out / "vocabulary.txt")};
  s.choices = recorded_choices(out, s.state);
  require_same_choices(out, s.choices, opt.choices.resolve(s.choices, s.choices.corpus.how.seed));
  return s;
}

// After an epoch: the evaluations epochs.csv records, and the printed summary's pieces.
struct epoch_scores {
  evaluation train, test;
  double test_batch_mean = 0;
  std::string hardmax_loss, hardmax_accuracy, certified_accuracy;  // empty where M4 was not evaluated
};

epoch_scores score_epoch(const train_options& opt, const classifier& model, const training_options& options,
                         const prepared_corpus& corpus, const epoch_result& r, int epoch) {
  const unsigned threads = opt.inputs.threads;
  epoch_scores s;
  // "running": the loss and accuracy of each batch before its step, over the epoch (what the paper
  // reports, and free); "full": the whole training set again after the epoch.
  s.train = opt.train_metrics == "full" ? evaluate(model, corpus.train, threads, options.loss)
                                        : evaluation{r.mean_loss, r.accuracy, r.reviews};
  const std::vector<double> test_logits = predict_logits(model, corpus.test, threads);
  s.test = score_logits(test_logits, corpus.test, options.loss);
  s.test_batch_mean =
      batch_mean_accuracy(test_logits, corpus.test, static_cast<std::size_t>(options.batch_size), options.seed, epoch);
  // M4 is defined for alpha > 0 only (THEORY.md M2); with a raw alpha that left that range there is
  // no hardmax model to evaluate, and the columns stay empty.
  const bool due = (epoch + 1) % opt.hardmax_every == 0 || epoch + 1 == opt.epochs;
  if (model.alpha() > 0 && due) {
    const evaluation hard = evaluate_hardmax(model, corpus.test, "double", threads);
    s.hardmax_loss = fmt::format("{:.6f}", hard.mean_loss);
    s.hardmax_accuracy = fmt::format("{:.6f}", hard.accuracy);
    if (opt.certified)
      s.certified_accuracy = fmt::format("{:.6f}", evaluate_hardmax(model, corpus.test, "certified", threads).accuracy);
  }
  return s;
}

int run_train(const train_options& opt, const std::string& command_line) {
  const fs::path out(opt.out);
  const fs::path checkpoint_file = out / "checkpoint.bin", csv_file = out / "epochs.csv";
  // Held until the run ends: a second trainer in this directory would interleave its epochs with ours.
  std::optional<directory_lock> lock;
  if (fs::is_directory(out)) lock.emplace(out);
  run_start start = start_run(opt, out);
  training_checkpoint& state = start.state;
  for (const auto& [option, value] : describe(start.choices)) fmt::print(stderr, "{} {}  ", option, value);
  fmt::print(stderr, "\nloading and preprocessing {} ...\n", opt.inputs.data);
  const prepared_corpus corpus = prepare_corpus(opt.inputs, start.choices.corpus, start.vocab ? &*start.vocab : nullptr);
  const unsigned threads = opt.inputs.threads;
  std::vector<std::string> rows;
  if (opt.resume) {
    if (const std::string digest = recorded_digest(out); !digest.empty() && digest != corpus.digest)
      throw input_error((out / "setup.json").string(), "--data",
                        fmt::format("the reviews encode to digest {}, the run was trained on {}: not the same data",
                                    corpus.digest, digest));
    rows = read_lines(csv_file);
    if (rows.size() > static_cast<std::size_t>(state.epochs_completed) + 2) rows.resize(state.epochs_completed + 2);
    if (rows.size() >= 2) rows[1] = epochs_header;  // runs of earlier builds had fewer columns
  } else {
    fs::create_directories(out);
    if (!lock) {  // a new directory: locked now, and still without a checkpoint once locked
      lock.emplace(out);
      if (fs::exists(checkpoint_file))
        throw output_error(fmt::format("{}: another run wrote a checkpoint here meanwhile; use another --out", opt.out));
    }
    corpus.vocab.save(out / "vocabulary.txt");
    save_corpus_setup(out, start.choices.corpus, corpus.digest);
    const experiment_choices& c = start.choices;
    state.model = make_classifier({static_cast<int>(corpus.vocab.size()), opt.dim, 8, 1e-3, c.padding, c.alpha}, opt.seed);
    if (!opt.init.empty()) load_initial_weights(state.model, opt.init);
    state.adam = make_adam_state(state.model, adam_options{opt.learning_rate, 0.9, 0.999, 1e-8});
    state.options.seed = opt.seed;
    state.options.batch_size = opt.batch_size;
    state.options.clip_norm = opt.clip_norm;
    state.options.loss = c.loss;
    rows.push_back(fmt::format("# {}; hardmax {} ({}); seed {}", command_line, version, source_revision, opt.seed));
    rows.push_back(epochs_header);
  }
  fmt::print(stderr, "{} training and {} test reviews, vocabulary {} (with padding), d = {}, {} threads, ids digest {}\n",
             corpus.train.size(), corpus.test.size(), corpus.vocab.size(), state.model.dimension(), threads, corpus.digest);

  training_bar bar(opt.epochs);
  for (int epoch = state.epochs_completed; epoch < opt.epochs; ++epoch) {
    bar.restart();
    const auto begin = std::chrono::steady_clock::now();
    const epoch_result r = train_epoch(state.model, state.adam, corpus.train, state.options, epoch, threads,
                                       [&bar](const batch_progress& p) {
                                         bar(p);
                                         stop_if_interrupted();
                                       });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    bar.finish();
    const epoch_scores e = score_epoch(opt, state.model, state.options, corpus, r, epoch);
    const double alpha = state.model.alpha();
    rows.push_back(fmt::format("{},{:.6f},{:.6f},{:.6f},{:.6f},{:.6f},{},{},{},{:.2f},{},{:.6f},{:.6f},{:.6f},{}", epoch + 1,
                               alpha, e.train.mean_loss, e.train.accuracy, e.test.mean_loss, e.test.accuracy,
                               e.hardmax_loss, e.hardmax_accuracy, e.certified_accuracy, seconds, threads,
                               r.batch_mean_accuracy, e.test_batch_mean, r.smallest_alpha, r.nonpositive_alpha_steps));
    state.epochs_completed = epoch + 1;
    save_checkpoint(checkpoint_file, state);  // atomic: an interrupt never corrupts the last checkpoint
    write_atomically(csv_file, [&](std::ostream& o) {
      for (const std::string& row : rows) o << row << '\n';
    });
    fmt::print("epoch {:>3}: train loss {:.4f} acc {:.4f} | test loss {:.4f} acc {:.4f} | hardmax test acc {}{} | "
               "alpha {:.4f} | {:.1f} s ({} threads, {} batches clipped)\n",
               epoch + 1, e.train.mean_loss, e.train.accuracy, e.test.mean_loss, e.test.accuracy,
               e.hardmax_accuracy.empty() ? "-" : e.hardmax_accuracy,
               e.certified_accuracy.empty() ? "" : " (certified " + e.certified_accuracy + ")", alpha, seconds, threads,
               r.clipped_batches);
    if (r.nonpositive_alpha_steps > 0)
      fmt::print("  alpha was not positive after {} of {} steps of this epoch (first after batch {}; smallest {:.6g}): "
                 "the softmax layer then moves tokens away from what they attend to, and THEORY.md's M4 and L1-L6, "
                 "which need alpha > 0, do not apply{}\n",
                 r.nonpositive_alpha_steps, r.batches, r.first_nonpositive_batch, r.smallest_alpha,
                 alpha > 0 ? "" : "; at the end of the epoch alpha <= 0, so M4 was not evaluated");
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
               "per epoch into OUT/epochs.csv; checkpoint every epoch. --preset paper makes every choice as the paper's "
               "code does (docs/RESULTS.md)");
  add_data_options(train, opt->inputs);
  opt->choices.add_to(train, choice_options::scope::model);
  train->add_option("--dim", opt->dim, "Embedding dimension d")->check(CLI::Range(1, 1024))->capture_default_str();
  train->add_option("--epochs", opt->epochs, "Epochs in all (with --resume: up to this many)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  train->add_option("--seed", opt->seed, "Seed of the initialisation, every epoch's shuffle and (unless --partition-seed) the pooled partition")
      ->capture_default_str();
  train->add_option("--out", opt->out, "Output directory: setup.json, vocabulary.txt, checkpoint.bin, epochs.csv")->required();
  train->add_option("--train-limit", opt->train_limit, "Use only the first N training reviews (0: all)");
  train->add_option("--test-limit", opt->test_limit, "Use only the first N test reviews (0: all)");
  train->add_option("--learning-rate", opt->learning_rate, "Adam's learning rate (the paper: 0.001)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  train->add_option("--batch-size", opt->batch_size, "Reviews per batch (the paper: 64)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  train->add_option("--clip-norm", opt->clip_norm, "Global gradient-norm clipping (the paper: 5)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  CLI::Option* init =
      train->add_option("--init", opt->init,
                        "Start from the weights in DIR/embedding.npy, alpha.npy, decoder_weight.npy, decoder_bias.npy (e.g. "
                        "scripts/reference-pytorch --save-init) instead of the seed's draws; --seed still orders the batches");
  // A resumed run continues from its checkpoint's weights: a second starting point would be ignored,
  // so naming one is an error rather than a silent no-op.
  train->add_flag("--resume", opt->resume,
                  "Continue from OUT/checkpoint.bin with the run's own choices (same result as an uninterrupted run; "
                  "not with --init)")
      ->excludes(init);
  train->add_flag("--certified", opt->certified, "Also evaluate hardmax M4 with the certified engine (slower)");
  train->add_option("--hardmax-every", opt->hardmax_every,
                    "Evaluate hardmax M4 on the test set every K epochs and at the last (the paper: every 10)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  train->add_option("--train-metrics", opt->train_metrics,
                    "full: train_loss and train_accuracy from a pass over the whole training set after each epoch; "
                    "running: the epoch's running values, each batch scored before its step (what the paper reports)")
      ->check(CLI::IsMember({"full", "running"}))
      ->capture_default_str();
  on_run(train, [opt, command_line] { return run_train(*opt, command_line); });
  add_sentiment_export_command(*sentiment, command_line);
  add_sentiment_tokens_command(*sentiment);
  add_sentiment_analysis_commands(*sentiment, command_line);
}

}  // namespace hardmax
