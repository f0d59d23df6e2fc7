// The leader analysis of the sentiment classifier (THEORY.md, "Interpretation"): leaders of a review
// as words, the leader table, the leader-word histogram, expected ratings moved to stems, the review
// figure's CSV, and the confidence rule they share.
#include "sentiment/analysis/leader_table.hpp"
#include "sentiment/analysis/leader_words.hpp"
#include "sentiment/analysis/review_leaders.hpp"
#include "sentiment/analysis/review_plot.hpp"
#include "sentiment/analysis/token_ratings.hpp"
#include "sentiment/model/evaluation.hpp"
#include "sentiment/model/hardmax_evaluation.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace hardmax::sentiment {
namespace {

// Words 1..3 at (2, 0), (0, 1), (1/2, 1/2); decoder w = (1, 0), b = 0; alpha = 1/2. At layer 0,
// word 1 has the largest norm (L1) and word 2 scores itself 1 against 0 and 1/2: both lead. Word 3
// scores word 1 highest (1 against 1/2) and moves towards it without ever reaching it, so the leaders
// never change. The padding (zero) token attends to every token and leads nowhere.
classifier three_word_model() {
  classifier m;
  m.embedding = row_matrix::Zero(4, 2);
  m.embedding.row(1) << 2, 0;
  m.embedding.row(2) << 0, 1;
  m.embedding.row(3) << 0.5, 0.5;
  m.theta = std::log(0.5);
  m.decoder_weight = Eigen::Vector2d(1, 0);
  m.decoder_bias = 0;
  return m;
}

encoded_review review_of(std::vector<std::int32_t> ids, int label) {
  encoded_review r;
  r.ids.fill(0);
  std::copy(ids.begin(), ids.end(), r.ids.begin());
  r.label = label;
  return r;
}

vocabulary three_words() { return vocabulary::build({{"good", "good", "good", "plot", "plot", "the"}}); }

TEST_CASE("leaders of a review are its leading words, repeated words once, padding never") {
  const classifier model = three_word_model();
  const encoded_review review = review_of({3, 1, 2, 1, 3, 3}, 1);
  for (const std::string engine : {"certified", "double"}) {
    const review_leaders r = leaders_of(model, review, engine);
    CHECK(r.first == std::vector<std::int32_t>{1, 2});
    CHECK(r.last == std::vector<std::int32_t>{1, 2});
    REQUIRE(r.last_outputs.size() == 2);
    CHECK(r.last_outputs[0] == 2.0);  // L2: a leader is fixed, so word 1 is still at (2, 0)
    CHECK(r.last_outputs[1] == 0.0);
    CHECK(r.logit == hardmax_logit(model, review, engine));
  }
}

TEST_CASE("a review of padding only has no leader words") {
  const review_leaders r = leaders_of(three_word_model(), review_of({}, 0), "certified");
  CHECK(r.first.empty());
  CHECK(r.last.empty());
}

TEST_CASE("the leader census is the per-review analysis, whatever the thread count") {
  const classifier model = three_word_model();
  std::vector<encoded_review> reviews;
  for (int k = 0; k < 560; ++k) reviews.push_back(review_of({1 + k % 3, 3, 1 + (k / 3) % 3}, k % 2));
  std::size_t last_progress = 0;
  const auto one = leader_census(model, reviews, "certified", 1, [&](std::size_t done) { last_progress = done; });
  const auto three = leader_census(model, reviews, "certified", 3);
  CHECK(last_progress == reviews.size());
  REQUIRE(one.size() == reviews.size());
  for (std::size_t r = 0; r < reviews.size(); ++r) {
    CHECK(one[r].last == three[r].last);
    CHECK(one[r].logit == three[r].logit);
  }
  for (std::size_t r = 0; r < reviews.size(); r += 7) CHECK(one[r].last == leaders_of(model, reviews[r], "certified").last);
}

TEST_CASE("leader table: mean, population std, extremes, share from layer 0, leaders lost") {
  std::vector<review_leaders> census(3);
  census[0].first = {1};
  census[0].last = {1, 2};
  census[1].first = {3, 4};
  census[1].last = {3, 4, 5, 6};
  census[2].first = {7};
  census[2].last = {8, 9, 10};  // word 7 led at layer 0 and not at the end: against L2
  const leader_table t = tabulate_leaders(census);
  CHECK(t.reviews == 3);
  CHECK(t.mean == doctest::Approx(3.0));
  CHECK(t.std == doctest::Approx(std::sqrt(2.0 / 3.0)));
  CHECK(t.min == 2);
  CHECK(t.max == 4);
  CHECK(t.fraction_from_layer_0 == doctest::Approx(4.0 / 9.0));
  CHECK(t.lost_leaders == 1);
  CHECK(tabulate_leaders({}).reviews == 0);
}

TEST_CASE("confidently correct: probability of the true label at least the confidence, decided on logits") {
  const double edge = std::log(0.95 / (1 - 0.95));  // log-odds of 0.95, as the rule computes them
  CHECK(confidently_correct(edge, 1, 0.95));
  CHECK_FALSE(confidently_correct(std::nextafter(edge, 0.0), 1, 0.95));
  CHECK(confidently_correct(-edge, 0, 0.95));
  CHECK_FALSE(confidently_correct(edge, 0, 0.95));
  CHECK(confidently_correct(0.0, 0, 0.5));                  // at 1/2 logit 0 is negative, as in accuracy
  CHECK(confidently_correct(800.0, 1, 0.95));               // no sigmoid saturation issue
}

TEST_CASE("histogram: only confidently correct reviews, only leaders with |output| above the threshold") {
  const vocabulary vocab = vocabulary::build({{"a", "a", "a", "b", "b", "c"}});  // ids a=1, b=2, c=3
  const std::vector<encoded_review> reviews = {review_of({1, 2, 3}, 1), review_of({1, 2}, 0), review_of({1, 3}, 1),
                                               review_of({2, 2}, 0)};
  std::vector<review_leaders> census(4);
  census[0] = {5.0, {}, {1, 2, 3}, {2.5, -3.0, 2.0}};  // confident, correct: a and b count, c is not above 2
  census[1] = {5.0, {}, {1, 2}, {9.0, 9.0}};            // wrong label: ignored
  census[2] = {1.0, {}, {1, 3}, {9.0, 9.0}};            // correct but not confident: ignored
  census[3] = {-4.0, {}, {2}, {-2.01}};                 // confident, correct: b counts
  const leader_histogram h = histogram_of_leaders(census, reviews, vocab, {0.95, 2.0});
  CHECK(h.confident_reviews == 2);
  CHECK(h.counted_leaders == 3);
  REQUIRE(h.words.size() == 2);
  CHECK(h.words[0].word == "b");
  CHECK(h.words[0].reviews == 2);
  CHECK(h.words[0].positive == 0);
  CHECK(h.words[1].word == "a");
  CHECK(h.words[1].positive == 1);
  CHECK(h.review_tokens == std::vector<std::int32_t>{1, 2, 3, 2, 2});
  CHECK_THROWS_AS(histogram_of_leaders(census, std::span(reviews).first(2), vocab, {}), std::invalid_argument);
}

TEST_CASE("expected ratings move from raw words to stems: one-token words averaged, others left out") {
  const text_pipeline pipeline(std::string(HARDMAX_SHARED_DATA) + "/stopwords-en.txt");
  const std::map<std::string, double> raw = {
      {"movies", 1.0}, {"movie", 0.0}, {"the", 5.0}, {"don't", 3.0}, {"1980", 2.0}, {"Awful", -2.0}};
  const auto ratings = token_ratings(raw, pipeline);
  CHECK(ratings.size() == 2);
  CHECK(ratings.at("movi") == doctest::Approx(0.5));  // movies and movie share the stem
  CHECK(ratings.at("aw") == -2.0);                    // lowercased and stemmed like review text
  const vocabulary vocab = vocabulary::build({{"movi", "aw", "plot"}});
  const std::vector<std::int32_t> ids = {vocab.id("movi"), vocab.id("aw"), vocab.id("aw"), vocab.id("plot")};
  const mean_abs_rating m = mean_abs_rating_of(ids, vocab, ratings);
  CHECK(m.words == 4);
  CHECK(m.rated == 3);
  CHECK(m.value == doctest::Approx((0.5 + 2 + 2) / 3));
  CHECK(mean_abs_rating_of({}, vocab, ratings).value == 0);
}

TEST_CASE("surface words: the most frequent raw word of each token, in imdb.vocab's order") {
  const text_pipeline pipeline(std::string(HARDMAX_SHARED_DATA) + "/stopwords-en.txt");
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("hardmax-surface-" + std::to_string(::getpid()) + ".vocab");
  std::ofstream(file) << "the\nmovies\nmovie\nawful\r\ndon't\n";
  const auto words = surface_words(file, pipeline);
  std::filesystem::remove(file);
  CHECK(words.size() == 2);
  CHECK(words.at("movi") == "movies");  // listed first: more frequent
  CHECK(words.at("aw") == "awful");     // CRLF line ends tolerated
  CHECK_THROWS(surface_words(file, pipeline));  // gone now: an error naming it, not an empty map
}

TEST_CASE("review plot CSV: one row per word and layer, leaders flagged, decoder line; d = 2 only") {
  const classifier model = three_word_model();
  const vocabulary vocab = three_words();  // ids: good 1, plot 2, the 3
  const encoded_review review = review_of({3, 1, 2, 1}, 1);
  std::ostringstream out;
  write_review_plot_csv(out, model, vocab, review, hardmax_trajectory(model, review, "certified"), "test");
  std::istringstream in(out.str());
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  REQUIRE(lines.size() == 3 + 2 * 4);  // provenance, decoder, header; words pad, good, plot, the at 2 layers
  CHECK(lines[0] == "# test");
  CHECK(lines[1].rfind("# decoder,1,0,0,", 0) == 0);
  CHECK(lines[2] == "word,id,positions,layer,x,y,leader,decoder_output");
  CHECK(lines[3].rfind("<pad>,0,124,0,0,0,0,", 0) == 0);
  CHECK(lines[4] == "good,1,2,0,2,0,1,2");
  CHECK(lines[5] == "plot,2,1,0,0,1,1,0");
  CHECK(lines[6].rfind("the,3,1,0,0.5,0.5,0,", 0) == 0);
  CHECK(lines[8] == "good,1,2,8,2,0,1,2");
  CHECK(lines[10].rfind("the,3,1,8,", 0) == 0);
  classifier wide = model;
  wide.embedding = row_matrix::Zero(4, 3);
  wide.decoder_weight = Eigen::Vector3d::Zero();
  CHECK_THROWS_AS(write_review_plot_csv(out, wide, vocab, review, hardmax_trajectory(wide, review, "double"), ""),
                  std::invalid_argument);
}

TEST_CASE("score_logits: loss and accuracy of given logits, logit 0 counting as negative") {
  const std::vector<encoded_review> reviews = {review_of({1}, 1), review_of({1}, 0), review_of({1}, 0)};
  const std::vector<double> logits = {2.0, 0.0, 1.0};
  const evaluation e = score_logits(logits, reviews);
  CHECK(e.reviews == 3);
  CHECK(e.accuracy == doctest::Approx(2.0 / 3.0));
  CHECK(e.mean_loss == doctest::Approx((std::log1p(std::exp(-2.0)) + std::log(2.0) + std::log1p(std::exp(1.0))) / 3));
}

}  // namespace
}  // namespace hardmax::sentiment
