#include "apps/sentiment_inputs.hpp"

#include "io/atomic_file.hpp"
#include "io/config_file.hpp"
#include "sentiment/data/reviews.hpp"
#include "sentiment/model/seeded_random.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <thread>

namespace hardmax {

namespace fs = std::filesystem;
using namespace hardmax::sentiment;

sentiment_data_options default_sentiment_data() {
  return {std::string(HARDMAX_SHARED_DATA) + "/imdb", std::string(HARDMAX_SHARED_DATA) + "/stopwords-en.txt",
          std::max(1u, std::thread::hardware_concurrency())};
}

fs::path split_path(const fs::path& data, const std::string& split) {
  for (const std::string& name : {split + ".csv.gz", split + ".csv", split})
    if (fs::exists(data / name)) return data / name;
  throw input_error(data.string(), "--data", fmt::format("no {0}.csv.gz, {0}.csv or {0}/ here", split));
}

void save_partition(const fs::path& run, const partition& p) {
  write_atomically(run / "partition.txt", [&](std::ostream& out) {
    out << p.mode;
    if (p.mode == "pooled") out << ' ' << p.seed;
    out << '\n';
  });
}

partition load_partition(const fs::path& run) {
  const fs::path file = run / "partition.txt";
  if (!fs::exists(file)) return {};
  std::ifstream in(file);
  partition p;
  if (!(in >> p.mode) || (p.mode != "official" && p.mode != "pooled") || (p.mode == "pooled" && !(in >> p.seed)))
    throw input_error(file.string(), "", "expected \"official\" or \"pooled SEED\"");
  return p;
}

namespace {

std::vector<review> pooled_part(const sentiment_data_options& opt, const partition& how, const std::string& part) {
  std::vector<review> all = load_reviews(split_path(opt.data, "train"));
  std::vector<review> test = load_reviews(split_path(opt.data, "test"));
  all.insert(all.end(), std::make_move_iterator(test.begin()), std::make_move_iterator(test.end()));
  std::mt19937_64 g = seeded_generator(how.seed, partition_stream);
  const std::vector<std::size_t> order = shuffled_indices(all.size(), g);
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
  if (how.mode == "pooled") {
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

trained_run load_trained_run(const fs::path& dir) {
  const fs::path checkpoint = dir / "checkpoint.bin", vocab = dir / "vocabulary.txt";
  for (const fs::path& file : {checkpoint, vocab})
    if (!fs::exists(file))
      throw input_error(file.string(), "--out", "missing: --out names the directory of a `hardmax sentiment train` run");
  return {load_checkpoint(checkpoint), vocabulary::load(vocab)};
}

}  // namespace hardmax
