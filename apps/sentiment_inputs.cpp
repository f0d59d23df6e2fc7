#include "apps/sentiment_inputs.hpp"

#include "io/config_file.hpp"
#include "sentiment/data/reviews.hpp"

#include <fmt/format.h>

#include <algorithm>
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

preprocessed_split read_split(const sentiment_data_options& opt, const text_pipeline& pipeline, const std::string& split,
                              std::size_t limit) {
  preprocessed_split s;
  const fs::path path = split_path(opt.data, split);
  s.reviews = limit ? load_reviews(path, limit) : load_reviews(path);
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
