// What every `hardmax sentiment` subcommand reads: the IMDb splits, encoded with a run's vocabulary,
// and a trained run directory (checkpoint.bin and vocabulary.txt written by `sentiment train`).
#pragma once

#include "sentiment/data/preprocess.hpp"
#include "sentiment/data/vocabulary.hpp"
#include "sentiment/model/checkpoint.hpp"

#include <cstddef>
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

// The first `limit` reviews of a split (0: all), preprocessed.
struct preprocessed_split {
  std::vector<sentiment::review> reviews;
  std::vector<std::vector<std::string>> words;
};
preprocessed_split read_split(const sentiment_data_options& opt, const sentiment::text_pipeline& pipeline,
                              const std::string& split, std::size_t limit);

std::vector<sentiment::encoded_review> encode(const preprocessed_split& split, const sentiment::vocabulary& vocab);

// A trained run: the last checkpoint and the vocabulary it was trained with. Throws input_error
// (naming the file) when either is missing or unreadable.
struct trained_run {
  sentiment::training_checkpoint state;
  sentiment::vocabulary vocab;
};
trained_run load_trained_run(const std::filesystem::path& dir);

}  // namespace hardmax
