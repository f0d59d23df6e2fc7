#include "apps/sentiment_analysis_commands.hpp"

#include "apps/exit_codes.hpp"
#include "apps/sentiment_inputs.hpp"
#include "io/atomic_file.hpp"
#include "io/config_file.hpp"
#include "io/json_layout.hpp"
#include "io/provenance.hpp"
#include "numerics/interruption.hpp"
#include "sentiment/analysis/leader_table.hpp"
#include "sentiment/analysis/leader_words.hpp"
#include "sentiment/analysis/review_leaders.hpp"
#include "sentiment/analysis/review_plot.hpp"
#include "sentiment/analysis/token_ratings.hpp"
#include "sentiment/data/expected_ratings.hpp"
#include "sentiment/model/evaluation.hpp"
#include "sentiment/model/hardmax_evaluation.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>

namespace hardmax {
namespace {

namespace fs = std::filesystem;
using namespace hardmax::sentiment;
using nlohmann::json;

struct analysis_options {
  sentiment_data_options inputs = default_sentiment_data();
  std::string run;                   // the training run's directory (train's --out)
  std::string split = "test";
  std::size_t limit = 0;             // first N reviews of the split (0: all)
  std::string engine = "certified";  // leaders: the engine M4 runs in
  bool double_only = false;          // eval: skip the certified engine
  leader_word_selection selection;
  std::size_t top = 15;
  std::string ratings;               // directory with imdb.vocab and imdbEr.txt
  std::optional<std::size_t> review; // plot: index in the split
  bool csv_only = false;
};

// A run, how it encodes reviews (its setup.json: partition, text pipeline), and a split encoded so.
struct loaded {
  trained_run run;
  corpus_setup setup;
  text_pipeline pipeline;
  std::vector<encoded_review> reviews;
};

loaded load(const analysis_options& opt) {
  trained_run run = load_trained_run(opt.run);
  const corpus_setup setup = load_corpus_setup(opt.run);
  text_pipeline pipeline(opt.inputs.stop_words, setup.text);
  fmt::print(stderr, "loading and preprocessing the {} reviews ({} partition) of {} ...\n", opt.split, setup.how.mode,
             opt.inputs.data);
  std::vector<encoded_review> reviews = encode(read_split(opt.inputs, pipeline, setup.how, opt.split, opt.limit), run.vocab);
  return {std::move(run), setup, std::move(pipeline), std::move(reviews)};
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

json run_json(const analysis_options& opt, const loaded& in) {
  const trained_run& run = in.run;
  return {{"run", opt.run},
          {"epochs_completed", run.state.epochs_completed},
          {"seed", run.state.options.seed},
          {"dimension", run.state.model.dimension()},
          {"alpha", run.state.model.alpha()},
          {"split", opt.split},
          {"partition", in.setup.how.mode},
          {"text", to_json(in.setup.text)},
          {"reviews", in.reviews.size()}};
}

json scores_json(const evaluation& e, double seconds) {
  return {{"loss", e.mean_loss}, {"accuracy", e.accuracy}, {"seconds", seconds}};
}

// A one-line progress report on a terminal; interrupts are honoured between blocks.
std::function<void(std::size_t)> census_progress(std::size_t total) {
  const bool tty = ::isatty(STDERR_FILENO);
  const auto start = std::chrono::steady_clock::now();
  return [tty, start, total](std::size_t done) {
    stop_if_interrupted();
    if (!tty) return;
    const double s = seconds_since(start);
    fmt::print(stderr, "\r{}/{} reviews  {:.0f} reviews/s  ETA {:.0f}s   {}", done, total, done / std::max(s, 1e-9),
               done ? s * static_cast<double>(total - done) / static_cast<double>(done) : 0, done == total ? "\n" : "");
  };
}

// The hardmax model needs alpha > 0 (THEORY.md M2), which a raw alpha (--alpha raw) need not keep.
void require_positive_alpha(const analysis_options& opt, const classifier& model) {
  if (!(model.alpha() > 0))
    throw input_error((fs::path(opt.run) / "checkpoint.bin").string(), "alpha",
                      fmt::format("alpha = {} is not positive: M4, its leaders and L1-L6 need alpha > 0 (THEORY.md M2)",
                                  model.alpha()));
}

int run_eval(const analysis_options& opt, const std::string& command_line) {
  const loaded in = load(opt);
  const classifier& model = in.run.state.model;
  const loss_form loss = in.run.state.options.loss;
  const unsigned threads = opt.inputs.threads;
  auto start = std::chrono::steady_clock::now();
  const evaluation softmax = evaluate(model, in.reviews, threads, loss);
  const double softmax_seconds = seconds_since(start);
  stop_if_interrupted();  // between phases: SIGINT/SIGTERM stop the command before it writes anything
  json doc = {{"provenance", provenance{command_line, opt.double_only ? "double" : "double,certified", ""}.to_json()},
              {"threads", threads}};
  doc.update(run_json(opt, in));
  doc["softmax"] = scores_json(softmax, softmax_seconds);
  fmt::print("{} {} reviews, d = {}, {} epochs, alpha {:.4f}\n", opt.split, in.reviews.size(), model.dimension(),
             in.run.state.epochs_completed, model.alpha());
  fmt::print("  softmax (as trained, M5)   loss {:.4f}  accuracy {:.4f}  ({:.1f} s)\n", softmax.mean_loss, softmax.accuracy,
             softmax_seconds);
  if (!(model.alpha() > 0)) {
    doc["hardmax_undefined"] = "alpha is not positive: M4 needs alpha > 0 (THEORY.md M2)";
    fmt::print("  hardmax M4: not evaluated, alpha = {} is not positive (THEORY.md M2 needs alpha > 0)\n", model.alpha());
  } else {
    start = std::chrono::steady_clock::now();
    const std::vector<double> double_logits = hardmax_logits(model, in.reviews, "double", threads);
    const double double_seconds = seconds_since(start);
    stop_if_interrupted();
    const evaluation hard = score_logits(double_logits, in.reviews, loss);
    doc["hardmax_double"] = scores_json(hard, double_seconds);
    fmt::print("  hardmax M4, double         loss {:.4f}  accuracy {:.4f}  ({:.1f} s)\n", hard.mean_loss, hard.accuracy,
               double_seconds);
    if (!opt.double_only) {
      start = std::chrono::steady_clock::now();
      const std::vector<double> certified_logits = hardmax_logits(model, in.reviews, "certified", threads);
      const double certified_seconds = seconds_since(start);
      stop_if_interrupted();
      std::size_t disagreements = 0;
      for (std::size_t r = 0; r < in.reviews.size(); ++r) disagreements += (double_logits[r] > 0) != (certified_logits[r] > 0);
      const evaluation certified = score_logits(certified_logits, in.reviews, loss);
      doc["hardmax_certified"] = scores_json(certified, certified_seconds);
      // Reviews whose predicted label differs between double and the exact attention sets: where
      // rounding changed the hardmax model's answer.
      doc["double_certified_disagreements"] = disagreements;
      fmt::print("  hardmax M4, certified      loss {:.4f}  accuracy {:.4f}  ({:.1f} s; {} predictions differ from double)\n",
                 certified.mean_loss, certified.accuracy, certified_seconds, disagreements);
    }
  }
  const fs::path out = fs::path(opt.run) / fmt::format("eval-{}.json", opt.split);
  write_atomically(out, [&](std::ostream& o) { o << json_text(doc, 2) << '\n'; });
  fmt::print("written to {}\n", out.string());
  return exit_code::ok;
}

// The dataset's raw vocabulary seen through the text pipeline: ratings and a readable word per token.
struct raw_vocabulary {
  std::unordered_map<std::string, double> ratings;
  std::unordered_map<std::string, std::string> surface;

  std::string surface_of(const std::string& token) const {
    const auto it = surface.find(token);
    return it == surface.end() ? token : it->second;
  }
};

json words_json(const std::vector<word_count>& words, std::size_t top, const raw_vocabulary& raw) {
  json list = json::array();
  for (std::size_t k = 0; k < std::min(top, words.size()); ++k) {
    const auto rating = raw.ratings.find(words[k].word);
    list.push_back({{"word", words[k].word},
                    {"surface_word", raw.surface_of(words[k].word)},
                    {"reviews", words[k].reviews},
                    {"positive_output", words[k].positive},
                    {"expected_rating", rating == raw.ratings.end() ? json(nullptr) : json(rating->second)}});
  }
  return list;
}

json rating_json(const mean_abs_rating& m) { return {{"mean_abs_rating", m.value}, {"rated", m.rated}, {"words", m.words}}; }

std::vector<std::int32_t> ids_of(const std::vector<word_count>& words, std::size_t top) {
  std::vector<std::int32_t> ids;
  for (std::size_t k = 0; k < std::min(top, words.size()); ++k) ids.push_back(words[k].id);
  return ids;
}

int run_leaders(const analysis_options& opt, const std::string& command_line) {
  const loaded in = load(opt);
  const classifier& model = in.run.state.model;
  require_positive_alpha(opt, model);
  const fs::path vocab_file = fs::path(opt.ratings) / "imdb.vocab";
  const raw_vocabulary raw{token_ratings(expected_ratings(vocab_file, fs::path(opt.ratings) / "imdbEr.txt"), in.pipeline),
                           surface_words(vocab_file, in.pipeline)};
  const auto& ratings = raw.ratings;
  fmt::print(stderr, "M4 ({}) on {} reviews ...\n", opt.engine, in.reviews.size());
  const auto start = std::chrono::steady_clock::now();
  const std::vector<review_leaders> census =
      leader_census(model, in.reviews, opt.engine, opt.inputs.threads, census_progress(in.reviews.size()));
  const double seconds = seconds_since(start);
  const leader_table table = tabulate_leaders(census);
  const leader_histogram histogram = histogram_of_leaders(census, in.reviews, in.run.vocab, opt.selection);
  std::vector<std::int32_t> counted;  // every counted (review, leader word) pair
  for (const word_count& w : histogram.words) counted.insert(counted.end(), w.reviews, w.id);
  std::vector<std::int32_t> vocabulary_ids;
  for (std::int32_t id = 1; id < static_cast<std::int32_t>(in.run.vocab.size()); ++id) vocabulary_ids.push_back(id);
  const std::vector<std::int32_t> top_ids = ids_of(histogram.words, opt.top);
  const mean_abs_rating top_rating = mean_abs_rating_of(top_ids, in.run.vocab, ratings),
                        counted_rating = mean_abs_rating_of(counted, in.run.vocab, ratings),
                        review_rating = mean_abs_rating_of(histogram.review_tokens, in.run.vocab, ratings),
                        vocabulary_rating = mean_abs_rating_of(vocabulary_ids, in.run.vocab, ratings);

  json doc = {{"provenance", provenance{command_line, opt.engine, ""}.to_json()}, {"threads", opt.inputs.threads},
              {"seconds", seconds}};
  doc.update(run_json(opt, in));
  doc["leader_table"] = {{"mean", table.mean},          {"std", table.std},
                         {"min", table.min},            {"max", table.max},
                         {"fraction_from_layer_0", table.fraction_from_layer_0},
                         {"reviews_losing_a_leader", table.lost_leaders}};
  doc["histogram"] = {{"confidence", opt.selection.confidence},
                      {"min_decoder_output", opt.selection.min_output},
                      {"confident_reviews", histogram.confident_reviews},
                      {"counted_leaders", histogram.counted_leaders},
                      {"top", words_json(histogram.words, opt.top, raw)}};
  doc["expected_ratings"] = {{"files", opt.ratings},
                             {"rated_tokens", ratings.size()},
                             {"top_leader_words", rating_json(top_rating)},
                             {"counted_leaders", rating_json(counted_rating)},
                             {"tokens_of_confident_reviews", rating_json(review_rating)},
                             {"vocabulary_words", rating_json(vocabulary_rating)}};
  const fs::path json_file = fs::path(opt.run) / fmt::format("leaders-{}.json", opt.split);
  const fs::path csv_file = fs::path(opt.run) / fmt::format("leader-words-{}.csv", opt.split);
  write_atomically(csv_file, [&](std::ostream& o) {
    o << "# " << command_line << "; hardmax " << version << " (" << source_revision << ")\n";
    o << "word,surface_word,id,reviews,positive_output,expected_rating\n";
    for (const word_count& w : histogram.words) {
      const auto rating = ratings.find(w.word);
      o << fmt::format("{},{},{},{},{},{}\n", w.word, raw.surface_of(w.word), w.id, w.reviews, w.positive,
                       rating == ratings.end() ? std::string() : fmt::format("{:.6g}", rating->second));
    }
  });
  write_atomically(json_file, [&](std::ostream& o) { o << json_text(doc, 2) << '\n'; });

  fmt::print("leaders at layer {} (D1, M4 {}) over {} {} reviews, d = {}:\n", model.layers, opt.engine, in.reviews.size(),
             opt.split, model.dimension());
  fmt::print("  per review: mean {:.2f}  std {:.2f}  min {}  max {}; fraction already leaders at layer 0: {:.3f}\n",
             table.mean, table.std, table.min, table.max, table.fraction_from_layer_0);
  if (table.lost_leaders) fmt::print("  FINDING: {} reviews lose a layer-0 leader (L2 says none)\n", table.lost_leaders);
  fmt::print("  {} reviews correct with confidence {}; top {} leader words with |decoder output| > {}:\n",
             histogram.confident_reviews, opt.selection.confidence, opt.top, opt.selection.min_output);
  for (std::size_t k = 0; k < std::min(opt.top, histogram.words.size()); ++k)
    fmt::print("    {:>2}. {:<14} {:<16} {:>6} reviews\n", k + 1, histogram.words[k].word,
               "(" + raw.surface_of(histogram.words[k].word) + ")", histogram.words[k].reviews);
  fmt::print("  mean |expected rating| (imdbEr): top {} leader words {:.3f} ({} rated); all {} counted leaders {:.3f}; "
             "all {} tokens of those reviews {:.3f}; all {} vocabulary words {:.3f}\n",
             opt.top, top_rating.value, top_rating.rated, counted.size(), counted_rating.value, review_rating.words,
             review_rating.value, vocabulary_rating.words, vocabulary_rating.value);
  fmt::print("written to {} and {}\n", json_file.string(), csv_file.string());
  return exit_code::ok;
}

// The first review classified correctly with the histogram's confidence (the paper plots such a review).
std::size_t default_review(const classifier& model, const std::vector<encoded_review>& reviews, double confidence) {
  for (std::size_t r = 0; r < reviews.size(); ++r)
    if (confidently_correct(hardmax_logit(model, reviews[r], "certified"), reviews[r].label, confidence)) return r;
  throw input_error("--review", "--review", fmt::format("no review is classified correctly with confidence {}", confidence));
}

int run_plot(const analysis_options& opt, const std::string& command_line) {
  const loaded in = load(opt);
  const classifier& model = in.run.state.model;
  require_positive_alpha(opt, model);
  if (model.dimension() != 2)
    throw input_error((fs::path(opt.run) / "checkpoint.bin").string(), "dimension",
                      fmt::format("the review plot is drawn for d = 2; this run has d = {}", model.dimension()));
  if (opt.review && *opt.review >= in.reviews.size())
    throw input_error("--review", "--review", fmt::format("{} is past the last of {} reviews", *opt.review, in.reviews.size()));
  const std::size_t r = opt.review ? *opt.review : default_review(model, in.reviews, opt.selection.confidence);
  const trajectory<double> path = hardmax_trajectory(model, in.reviews[r], "certified");
  const std::string stem = (fs::path(opt.run) / fmt::format("review-{}-{}", opt.split, r)).string();
  const std::string provenance_line =
      fmt::format("{}; hardmax {} ({}); {} review {} (0-based); M4 certified", command_line, version, source_revision, opt.split, r);
  write_atomically(stem + ".csv", [&](std::ostream& o) {
    write_review_plot_csv(o, model, in.run.vocab, in.reviews[r], path, provenance_line);
  });
  fmt::print("{} review {} (label {}): written to {}.csv\n", opt.split, r, in.reviews[r].label, stem);
  if (opt.csv_only) return exit_code::ok;
  const std::string script = std::string(HARDMAX_SOURCE_DIR) + "/scripts/plot-sentiment-review";
  if (std::system(fmt::format("/usr/bin/python3 '{}' '{}.csv' '{}.png'", script, stem, stem).c_str()) != 0)
    throw output_error(fmt::format("{}.png: {} failed (is python3-matplotlib installed?); the CSV is written", stem, script));
  fmt::print("drawn to {}.png\n", stem);
  return exit_code::ok;
}

void add_inputs(CLI::App* cmd, analysis_options& opt) {
  cmd->add_option("--out", opt.run, "Directory of a `hardmax sentiment train` run (results are written there too)")
      ->required();
  add_data_options(cmd, opt.inputs);
  cmd->add_option("--split", opt.split, "Which split to evaluate")->check(CLI::IsMember({"test", "train"}))->capture_default_str();
  cmd->add_option("--limit", opt.limit, "Use only the first N reviews of the split (0: all)");
}

void add_selection(CLI::App* cmd, analysis_options& opt) {
  cmd->add_option("--confidence", opt.selection.confidence, "Reviews classified correctly with at least this probability")
      ->check(CLI::Range(0.5, 0.999999999))
      ->capture_default_str();
}

}  // namespace

void add_sentiment_analysis_commands(CLI::App& sentiment, const std::string& command_line) {
  auto opt = std::make_shared<analysis_options>();

  CLI::App* eval = sentiment.add_subcommand(
      "eval", "Accuracy and loss of a trained run on a split: softmax as trained, and hardmax M4 on the same weights in "
              "double and with the certified engine (exact attention sets); writes OUT/eval-SPLIT.json");
  add_inputs(eval, *opt);
  eval->add_flag("--double-only", opt->double_only, "Skip the certified engine");
  on_run(eval, [opt, command_line] { return run_eval(*opt, command_line); });

  CLI::App* leaders = sentiment.add_subcommand(
      "leaders", "The paper's leader analysis: leaders (D1) per review at the last layer of M4, the share already leading "
                 "at layer 0, the most frequent leader words of confidently correct reviews, and their expected ratings "
                 "(imdbEr) against all words; writes OUT/leaders-SPLIT.json and OUT/leader-words-SPLIT.csv");
  add_inputs(leaders, *opt);
  add_selection(leaders, *opt);
  leaders->add_option("--engine", opt->engine, "Engine of the M4 dynamics")
      ->check(CLI::IsMember({"certified", "double"}))
      ->capture_default_str();
  leaders->add_option("--min-output", opt->selection.min_output, "Count leaders whose |decoder output| exceeds this")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  leaders->add_option("--top", opt->top, "How many of the most frequent leader words to list")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  leaders->add_option("--ratings", opt->ratings, "Directory with imdb.vocab and imdbEr.txt (default: --data's)");

  CLI::App* plot = sentiment.add_subcommand(
      "plot", "For d = 2: one review's tokens at layer 0 and at the last layer of M4 (certified), the decoder's decision "
              "line, leaders labelled; writes OUT/review-SPLIT-K.csv and draws OUT/review-SPLIT-K.png with matplotlib");
  add_inputs(plot, *opt);
  add_selection(plot, *opt);
  plot->add_option("--review", opt->review, "Index of the review in the split (default: the first classified correctly "
                                            "with --confidence)");
  plot->add_flag("--csv-only", opt->csv_only, "Write the CSV only (scripts/plot-sentiment-review draws it)");
  on_run(plot, [opt, command_line] { return run_plot(*opt, command_line); });
  on_run(leaders, [opt, command_line] {
    // --ratings defaults to wherever --data points.
    if (opt->ratings.empty()) opt->ratings = opt->inputs.data;
    return run_leaders(*opt, command_line);
  });
}

}  // namespace hardmax
