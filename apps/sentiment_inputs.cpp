#include "apps/sentiment_inputs.hpp"

#include "io/atomic_file.hpp"
#include "io/config_file.hpp"
#include "sentiment/data/reviews.hpp"
#include "sentiment/model/seeded_random.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <numeric>
#include <thread>

namespace hardmax {

namespace fs = std::filesystem;
using namespace hardmax::sentiment;

sentiment_data_options default_sentiment_data() {
  return {std::string(HARDMAX_SHARED_DATA) + "/imdb", std::string(HARDMAX_SHARED_DATA) + "/stopwords-en.txt",
          std::max(1u, std::thread::hardware_concurrency())};
}

void add_data_options(CLI::App* cmd, sentiment_data_options& inputs) {
  cmd->add_option("--data", inputs.data, "Directory with train.csv(.gz) and test.csv(.gz), or aclImdb's train/ and test/")
      ->capture_default_str();
  cmd->add_option("--stop-words", inputs.stop_words, "Stop-word list, one word per line")->capture_default_str();
  cmd->add_option("--threads", inputs.threads, "Worker threads (results are identical for any number)")
      ->check(CLI::Range(1u, 1024u))
      ->capture_default_str();
}

fs::path split_path(const fs::path& data, const std::string& split) {
  for (const std::string& name : {split + ".csv.gz", split + ".csv", split})
    if (fs::exists(data / name)) return data / name;
  throw input_error(data.string(), "--data", fmt::format("no {0}.csv.gz, {0}.csv or {0}/ here", split));
}

bool is_partition_mode(const std::string& mode) { return mode == "official" || mode == "pooled" || mode == "file-order"; }

std::string name_of(vocabulary_source v) { return v == vocabulary_source::train ? "train" : "all"; }

vocabulary_source parse_vocabulary_source(std::string_view name) {
  if (name == "train") return vocabulary_source::train;
  if (name == "all") return vocabulary_source::all;
  throw std::invalid_argument(fmt::format("vocabulary must be train or all, not '{}'", name));
}

void save_corpus_setup(const fs::path& run, const corpus_setup& setup, const std::string& digest) {
  nlohmann::json doc = {{"partition", setup.how.mode},
                        {"text", to_json(setup.text)},
                        {"vocabulary", name_of(setup.vocabulary)},
                        {"train_limit", setup.train_limit},
                        {"test_limit", setup.test_limit},
                        {"encoded_digest", digest}};
  if (setup.how.mode == "pooled") doc["partition_seed"] = setup.how.seed;
  write_atomically(run / "setup.json", [&](std::ostream& out) { out << doc.dump(2) << '\n'; });
}

namespace {

// Runs written before setup.json recorded their partition alone, as "official" or "pooled SEED".
partition load_legacy_partition(const fs::path& run) {
  const fs::path file = run / "partition.txt";
  if (!fs::exists(file)) return {};
  std::ifstream in(file);
  partition p;
  if (!(in >> p.mode) || (p.mode != "official" && p.mode != "pooled") || (p.mode == "pooled" && !(in >> p.seed)))
    throw input_error(file.string(), "", "expected \"official\" or \"pooled SEED\"");
  return p;
}

}  // namespace

corpus_setup load_corpus_setup(const fs::path& run) {
  const fs::path file = run / "setup.json";
  if (!fs::exists(file)) return {load_legacy_partition(run), {}, vocabulary_source::train};
  const nlohmann::json doc = read_json_file(file);
  corpus_setup setup;
  try {
    setup.how.mode = doc.at("partition").get<std::string>();
    if (!is_partition_mode(setup.how.mode))
      throw std::invalid_argument("partition must be official, pooled or file-order, not '" + setup.how.mode + "'");
    if (setup.how.mode == "pooled") setup.how.seed = doc.at("partition_seed").get<std::uint64_t>();
    setup.text = text_options_from_json(doc.at("text"));
    setup.vocabulary = parse_vocabulary_source(doc.at("vocabulary").get<std::string>());
    setup.train_limit = doc.value("train_limit", std::size_t{0});
    setup.test_limit = doc.value("test_limit", std::size_t{0});
  } catch (const nlohmann::json::exception& e) {
    throw input_error(file.string(), "", e.what());
  } catch (const std::invalid_argument& e) {
    throw input_error(file.string(), "", e.what());
  }
  return setup;
}

std::string recorded_digest(const fs::path& run) {
  const fs::path file = run / "setup.json";
  if (!fs::exists(file)) return "";
  return read_json_file(file).value("encoded_digest", "");
}

namespace {

// The pooled and file-order partitions: both files, train then test, in a shuffled order or as they lie.
std::vector<review> pooled_part(const sentiment_data_options& opt, const partition& how, const std::string& part) {
  std::vector<review> all = load_reviews(split_path(opt.data, "train"));
  std::vector<review> test = load_reviews(split_path(opt.data, "test"));
  all.insert(all.end(), std::make_move_iterator(test.begin()), std::make_move_iterator(test.end()));
  std::vector<std::size_t> order(all.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (how.mode == "pooled") {
    std::mt19937_64 g = seeded_generator(how.seed, partition_stream);
    order = shuffled_indices(all.size(), g);
  }
  const auto cut = static_cast<std::ptrdiff_t>(pooled_training_share * static_cast<double>(all.size()));
  const auto begin = part == "train" ? order.begin() : order.begin() + cut;
  const auto end = part == "train" ? order.begin() + cut : order.end();
  std::vector<review> out;
  for (auto it = begin; it != end; ++it) out.push_back(std::move(all[*it]));
  return out;
}

}  // namespace

preprocessed_split read_split(const sentiment_data_options& opt, const text_pipeline& pipeline, const partition& how,
                              const std::string& part, std::size_t limit) {
  preprocessed_split s;
  if (how.mode != "official") {
    s.reviews = pooled_part(opt, how, part);
    if (limit && limit < s.reviews.size()) s.reviews.resize(limit);
  } else {
    const fs::path path = split_path(opt.data, part);
    s.reviews = limit ? load_reviews(path, limit) : load_reviews(path);
  }
  s.words = preprocess_all(s.reviews, pipeline, static_cast<int>(opt.threads));
  return s;
}

std::vector<encoded_review> encode(const preprocessed_split& split, const vocabulary& vocab) {
  std::vector<encoded_review> out;
  out.reserve(split.reviews.size());
  for (std::size_t r = 0; r < split.reviews.size(); ++r) out.push_back(vocab.encode(split.words[r], split.reviews[r].label));
  return out;
}

vocabulary build_vocabulary(vocabulary_source source, const preprocessed_split& train, const preprocessed_split& test) {
  if (source == vocabulary_source::train) return vocabulary::build(train.words);
  std::vector<std::vector<std::string>> all = train.words;
  all.insert(all.end(), test.words.begin(), test.words.end());
  return vocabulary::build(all);
}

prepared_corpus prepare_corpus(const sentiment_data_options& inputs, const corpus_setup& setup,
                               const vocabulary* existing) {
  const text_pipeline pipeline(inputs.stop_words, setup.text);
  const preprocessed_split train = read_split(inputs, pipeline, setup.how, "train", setup.train_limit);
  const preprocessed_split test = read_split(inputs, pipeline, setup.how, "test", setup.test_limit);
  prepared_corpus c{existing ? *existing : build_vocabulary(setup.vocabulary, train, test), {}, {}, ""};
  c.train = encode(train, c.vocab);
  c.test = encode(test, c.vocab);
  c.digest = encoded_digest(c.train, c.test);
  return c;
}

std::string encoded_digest(std::span<const encoded_review> train, std::span<const encoded_review> test) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  const auto mix = [&h](std::uint32_t value) {
    for (int byte = 0; byte < 4; ++byte) {
      h ^= (value >> (8 * byte)) & 0xff;
      h *= 0x100000001b3ULL;
    }
  };
  for (std::span<const encoded_review> part : {train, test}) {
    mix(static_cast<std::uint32_t>(part.size()));
    for (const encoded_review& r : part) {
      mix(static_cast<std::uint32_t>(r.label));
      for (std::int32_t id : r.ids) mix(static_cast<std::uint32_t>(id));
    }
  }
  return fmt::format("{:016x}", h);
}

trained_run load_trained_run(const fs::path& dir) {
  const fs::path checkpoint = dir / "checkpoint.bin", vocab = dir / "vocabulary.txt";
  for (const fs::path& file : {checkpoint, vocab})
    if (!fs::exists(file))
      throw input_error(file.string(), "--out", "missing: --out names the directory of a `hardmax sentiment train` run");
  return {load_checkpoint(checkpoint), vocabulary::load(vocab)};
}

}  // namespace hardmax
