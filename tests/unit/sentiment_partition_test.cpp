// How a sentiment run turns reviews into model inputs (apps/sentiment_inputs, apps/sentiment_choices):
// the pooled 70/30 partition (disjoint, all reviews, seeded; official is the files as they are), the
// run's setup.json, the vocabulary's source, and the presets and options of issue 15.
#include "apps/sentiment_choices.hpp"
#include "apps/sentiment_inputs.hpp"
#include "io/config_file.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

namespace hardmax {
namespace {

namespace fs = std::filesystem;

struct two_files {
  fs::path dir = fs::temp_directory_path() / fmt::format("hardmax-partition-{}", ::getpid());
  two_files() {
    fs::create_directories(dir);
    for (const char* part : {"train", "test"}) {
      std::ofstream out(dir / fmt::format("{}.csv", part));
      out << "review,sentiment\n";
      for (int k = 0; k < 10; ++k) out << fmt::format("\"{} review {}\",{}\n", part, k, k % 2 ? "positive" : "negative");
    }
    std::ofstream(dir / "stop.txt") << "the\n";
  }
  ~two_files() { fs::remove_all(dir); }
};

std::set<std::string> texts(const preprocessed_split& s) {
  std::set<std::string> out;
  for (const auto& r : s.reviews) out.insert(r.text);
  return out;
}

TEST_CASE("pooled partition: 70% train, 30% test, disjoint, all reviews, fixed by the seed") {
  const two_files files;
  const sentiment_data_options opt{files.dir.string(), (files.dir / "stop.txt").string(), 2};
  const sentiment::text_pipeline pipeline(opt.stop_words);
  const partition pooled{"pooled", 7};
  const auto train = texts(read_split(opt, pipeline, pooled, "train", 0));
  const auto test = texts(read_split(opt, pipeline, pooled, "test", 0));
  CHECK(train.size() == 14);
  CHECK(test.size() == 6);
  std::set<std::string> both = train;
  both.insert(test.begin(), test.end());
  CHECK(both.size() == 20);
  CHECK(texts(read_split(opt, pipeline, pooled, "test", 0)) == test);
  CHECK(texts(read_split(opt, pipeline, partition{"pooled", 8}, "test", 0)) != test);
  CHECK(read_split(opt, pipeline, pooled, "test", 4).reviews.size() == 4);
  // Both files feed the test side (for seed 7; over seeds, all six from one file has chance about 1%).
  CHECK(std::any_of(test.begin(), test.end(), [](const std::string& t) { return t.rfind("train", 0) == 0; }));
  const auto official = read_split(opt, pipeline, partition{}, "test", 0);
  REQUIRE(official.reviews.size() == 10);
  CHECK(official.reviews[3].text == "test review 3");
}

TEST_CASE("file-order partition: the train file then the test file, cut 70/30 as they lie") {
  const two_files files;
  const sentiment_data_options opt{files.dir.string(), (files.dir / "stop.txt").string(), 1};
  const sentiment::text_pipeline pipeline(opt.stop_words);
  const partition in_order{"file-order", 0};
  const auto train = read_split(opt, pipeline, in_order, "train", 0).reviews;
  const auto test = read_split(opt, pipeline, in_order, "test", 0).reviews;
  REQUIRE(train.size() == 14);
  REQUIRE(test.size() == 6);
  CHECK(train[0].text == "train review 0");
  CHECK(train[9].text == "train review 9");
  CHECK(train[10].text == "test review 0");
  CHECK(train[13].text == "test review 3");
  CHECK(test[0].text == "test review 4");
  CHECK(test[5].text == "test review 9");
  CHECK(is_partition_mode("file-order"));
  CHECK_FALSE(is_partition_mode("shuffled"));
}

TEST_CASE("setup.json: saved and read back; a run without it reads partition.txt; garbage is refused naming the file") {
  const two_files files;
  CHECK(load_corpus_setup(files.dir).how.mode == "official");
  std::ofstream(files.dir / "partition.txt") << "pooled 42\n";  // a run from before setup.json
  corpus_setup legacy = load_corpus_setup(files.dir);
  CHECK(legacy.how.mode == "pooled");
  CHECK(legacy.how.seed == 42);
  CHECK(legacy.text == sentiment::text_options{});
  CHECK(legacy.vocabulary == vocabulary_source::train);
  std::ofstream(files.dir / "partition.txt") << "shuffled\n";
  CHECK_THROWS_WITH_AS(load_corpus_setup(files.dir), doctest::Contains("partition.txt"), input_error);

  corpus_setup paper{partition{"pooled", 7}, sentiment::paper_text_options(), vocabulary_source::all, 100, 40};
  save_corpus_setup(files.dir, paper, "00ff");
  const corpus_setup back = load_corpus_setup(files.dir);
  CHECK(back.how.mode == "pooled");
  CHECK(back.how.seed == 7);
  CHECK(back.text == paper.text);
  CHECK(back.vocabulary == vocabulary_source::all);
  CHECK(back.train_limit == 100);
  CHECK(back.test_limit == 40);
  CHECK(recorded_digest(files.dir) == "00ff");
  std::ofstream(files.dir / "setup.json") << R"({"partition": "pooled", "text": {}, "vocabulary": "everything"})";
  CHECK_THROWS_WITH_AS(load_corpus_setup(files.dir), doctest::Contains("setup.json"), input_error);
}

TEST_CASE("the vocabulary comes from the training reviews, or from all of them as in the paper") {
  const two_files files;
  const sentiment_data_options opt{files.dir.string(), (files.dir / "stop.txt").string(), 1};
  corpus_setup setup;
  setup.text.words = sentiment::word_forms::none;
  const prepared_corpus from_train = prepare_corpus(opt, setup);
  setup.vocabulary = vocabulary_source::all;
  const prepared_corpus from_all = prepare_corpus(opt, setup);
  // Words: "train", "test", "review"; test-only "test" is unknown to the training vocabulary and dropped.
  CHECK(from_train.vocab.size() == 3);
  CHECK(from_all.vocab.size() == 4);
  CHECK(from_train.vocab.id("test") == 0);
  CHECK(from_all.vocab.id("test") != 0);
  CHECK(from_train.test[0].ids[0] == from_train.vocab.id("review"));
  CHECK(from_all.test[0].ids[0] == from_all.vocab.id("test"));
  CHECK(from_train.digest != from_all.digest);
  CHECK(prepare_corpus(opt, setup).digest == from_all.digest);
  CHECK(encoded_digest(from_all.train, from_all.test) == from_all.digest);
  CHECK(encoded_digest(from_all.test, from_all.train) != from_all.digest);
}

TEST_CASE("presets and options: paper sets every choice, a given option overrides it, a bad value names the option") {
  const experiment_choices suite = preset_choices("suite", 3);
  const experiment_choices paper = preset_choices("paper", 3);
  CHECK(suite.corpus.how.mode == "official");
  CHECK(paper.corpus.how.mode == "pooled");
  CHECK(paper.corpus.how.seed == 3);
  CHECK(paper.corpus.text == sentiment::paper_text_options());
  CHECK(paper.corpus.vocabulary == vocabulary_source::all);
  CHECK(paper.padding == sentiment::padding_mode::learnt);
  CHECK(paper.alpha == sentiment::alpha_parametrisation::raw);
  CHECK(paper.loss == sentiment::loss_form::probability);
  // Every choice differs between the presets.
  const auto a = describe(suite), b = describe(paper);
  REQUIRE(a.size() == b.size());
  for (std::size_t k = 0; k < a.size(); ++k) CHECK(a[k].second != b[k].second);

  choice_options given;
  given.preset = "paper";
  given.partition = "official";
  given.alpha = "exp";
  const experiment_choices mixed = given.resolve(suite, 3);
  CHECK(mixed.corpus.how.mode == "official");
  CHECK(mixed.alpha == sentiment::alpha_parametrisation::exp);
  CHECK(mixed.padding == sentiment::padding_mode::learnt);
  choice_options shared_split;  // another training seed on the same pooled split
  shared_split.preset = "paper";
  shared_split.partition_seed = 11;
  CHECK(shared_split.resolve(suite, 3).corpus.how.seed == 11);
  CHECK(given.resolve(suite, 3).corpus.how.seed == 0);  // official: no seed
  choice_options one;
  one.lemmas = "wordnet";
  CHECK(one.resolve(suite, 3).corpus.text.words == sentiment::word_forms::wordnet);
  CHECK(one.resolve(suite, 3).corpus.text.letters == sentiment::letter_case::lower);
  one.lemmas = "porter";
  CHECK_THROWS_WITH_AS(one.resolve(suite, 3), doctest::Contains("--lemmas"), input_error);
  CHECK_THROWS_AS(preset_choices("fast", 3), std::invalid_argument);
}

}  // namespace
}  // namespace hardmax
