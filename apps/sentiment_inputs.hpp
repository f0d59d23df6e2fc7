// What every `hardmax sentiment` subcommand reads: the IMDb splits, encoded with a run's vocabulary,
// and a trained run directory (checkpoint.bin and vocabulary.txt written by `sentiment train`).
#pragma once

#include "sentiment/data/preprocess.hpp"
#include "sentiment/data/vocabulary.hpp"
#include "sentiment/model/checkpoint.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace hardmax {

struct sentiment_data_options {
  std::string data;        // train.csv(.gz) and test.csv(.gz), or aclImdb's train/ and test/
  std::string stop_words;  // one stop word per line
  unsigned threads = 1;
};

// The defaults: the shared data beside the checkout, every core.
sentiment_data_options default_sentiment_data();

// data/NAME.csv.gz, data/NAME.csv or data/NAME/ (aclImdb); input_error naming --data otherwise.
std::filesystem::path split_path(const std::filesystem::path& data, const std::string& split);

// How a run divides the labelled reviews into training and test reviews, recorded in the run's
// partition.txt so that eval, leaders and plot see the run's own test set:
//  - official: the dataset's train and test files (25,000 / 25,000, disjoint movies); the default.
//  - pooled: both files (train, then test) shuffled with the run's seed, the first 70% for training and
//    the rest for testing: the paper's kind of split (it cut a 50,000-row file 70/30), in which one
//    movie's reviews can fall on both sides.
struct partition {
  std::string mode = "official";
  std::uint64_t seed = 0;  // pooled only
};
inline constexpr double pooled_training_share = 0.7;

void save_partition(const std::filesystem::path& run, const partition& p);
// official when the run has no partition.txt; input_error naming the file when it is unreadable.
partition load_partition(const std::filesystem::path& run);

// The first `limit` reviews (0: all) of `part` ("train" or "test") under the partition, preprocessed.
struct preprocessed_split {
  std::vector<sentiment::review> reviews;
  std::vector<std::vector<std::string>> words;
};
preprocessed_split read_split(const sentiment_data_options& opt, const sentiment::text_pipeline& pipeline,
                              const partition& how, const std::string& part, std::size_t limit);

std::vector<sentiment::encoded_review> encode(const preprocessed_split& split, const sentiment::vocabulary& vocab);

// A trained run: the last checkpoint and the vocabulary it was trained with. Throws input_error
// (naming the file) when either is missing or unreadable.
struct trained_run {
  sentiment::training_checkpoint state;
  sentiment::vocabulary vocab;
};
trained_run load_trained_run(const std::filesystem::path& dir);

}  // namespace hardmax
