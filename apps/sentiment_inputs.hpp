// What every `hardmax sentiment` subcommand reads: the IMDb splits, encoded with a run's vocabulary,
// and a trained run directory (checkpoint.bin and vocabulary.txt written by `sentiment train`).
#pragma once

#include "sentiment/data/preprocess.hpp"
#include "sentiment/data/vocabulary.hpp"
#include "sentiment/model/checkpoint.hpp"

#include <CLI/CLI.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hardmax {

struct sentiment_data_options {
  std::string data;        // train.csv(.gz) and test.csv(.gz), or aclImdb's train/ and test/
  std::string stop_words;  // one stop word per line
  unsigned threads = 1;
};

// The defaults: the shared data beside the checkout, every core.
sentiment_data_options default_sentiment_data();

// Registers --data, --stop-words and --threads.
void add_data_options(CLI::App* cmd, sentiment_data_options& inputs);

// data/NAME.csv.gz, data/NAME.csv or data/NAME/ (aclImdb); input_error naming --data otherwise.
std::filesystem::path split_path(const std::filesystem::path& data, const std::string& split);

// How a run divides the labelled reviews into training and test reviews, recorded in the run's
// setup.json so that eval, leaders and plot see the run's own test set:
//  - official: the dataset's train and test files (25,000 / 25,000, disjoint movies); the default.
//  - pooled: both files (train, then test) shuffled with the run's seed, the first 70% for training and
//    the rest for testing: the paper's kind of split (it cut a 50,000-row file 70/30), in which one
//    movie's reviews can fall on both sides.
//  - file-order: both files (train, then test) cut 70/30 as they lie, the paper's rule applied to these
//    files: training on the 25,000 training reviews and the first 10,000 test reviews, testing on the
//    last 15,000 test reviews, whose movies the 10,000 partly share. (The paper's own 50,000-row file
//    had another order, which is not available here.)
struct partition {
  std::string mode = "official";
  std::uint64_t seed = 0;  // pooled only
};
bool is_partition_mode(const std::string& mode);
inline constexpr double pooled_training_share = 0.7;

// Which reviews the vocabulary is built from (issue 15, difference 3): the training reviews only (this
// suite's original choice; test-only words are then unknown and dropped), or all of them, training and
// test, as the paper's code does (test-only words then keep their random initial embeddings).
enum class vocabulary_source { train, all };
std::string name_of(vocabulary_source v);
vocabulary_source parse_vocabulary_source(std::string_view name);  // "train", "all"

// Everything that decides how a run's reviews become model inputs, recorded in RUN/setup.json so
// that eval, leaders, plot and export encode the reviews as training did.
struct corpus_setup {
  partition how;
  sentiment::text_options text;
  vocabulary_source vocabulary = vocabulary_source::train;
  std::size_t train_limit = 0, test_limit = 0;  // the first N reviews of each part (0: all)
};

// setup.json is written atomically; `encoded_digest` (encoded_digest() of the training and test
// reviews) is recorded beside the setup so that a resumed run and an export can prove they see the
// same ids.
void save_corpus_setup(const std::filesystem::path& run, const corpus_setup& setup, const std::string& encoded_digest);
// RUN/setup.json; for runs written before it existed, RUN/partition.txt with the other choices at
// their defaults (official when neither file exists). input_error naming the file when unreadable.
corpus_setup load_corpus_setup(const std::filesystem::path& run);
// The digest save_corpus_setup recorded ("" for runs without one).
std::string recorded_digest(const std::filesystem::path& run);

// The first `limit` reviews (0: all) of `part` ("train" or "test") under the partition, preprocessed.
struct preprocessed_split {
  std::vector<sentiment::review> reviews;
  std::vector<std::vector<std::string>> words;
};
preprocessed_split read_split(const sentiment_data_options& opt, const sentiment::text_pipeline& pipeline,
                              const partition& how, const std::string& part, std::size_t limit);

std::vector<sentiment::encoded_review> encode(const preprocessed_split& split, const sentiment::vocabulary& vocab);

// The vocabulary of a new run: from the training reviews, or from training and test reviews.
sentiment::vocabulary build_vocabulary(vocabulary_source source, const preprocessed_split& train,
                                       const preprocessed_split& test);

// Both parts of the corpus read, preprocessed and encoded under `setup`, with `existing` as the
// vocabulary when given (a resumed or exported run) and a new one built as setup.vocabulary says
// otherwise.
struct prepared_corpus {
  sentiment::vocabulary vocab;
  std::vector<sentiment::encoded_review> train, test;
  std::string digest;  // encoded_digest(train, test)
};
prepared_corpus prepare_corpus(const sentiment_data_options& inputs, const corpus_setup& setup,
                               const sentiment::vocabulary* existing = nullptr);

// FNV-1a (64 bits, hexadecimal) over every label and id of `train` then `test`: equal digests mean the
// same model inputs.
std::string encoded_digest(std::span<const sentiment::encoded_review> train, std::span<const sentiment::encoded_review> test);

// A trained run: the last checkpoint and the vocabulary it was trained with. Throws input_error
// (naming the file) when either is missing or unreadable.
struct trained_run {
  sentiment::training_checkpoint state;
  sentiment::vocabulary vocab;
};
trained_run load_trained_run(const std::filesystem::path& dir);

}  // namespace hardmax
