// The sentiment classifier: forward pass against a plain 128-token implementation, hand-derived
// gradients against central finite differences, Adam, clipping, training, thread-count
// independence and checkpoint resumption.
#include "sentiment/model/adam.hpp"
#include "sentiment/model/batch_gradient.hpp"
#include "sentiment/model/checkpoint.hpp"
#include "sentiment/model/classifier.hpp"
#include "sentiment/model/evaluation.hpp"
#include "sentiment/model/gradient.hpp"
#include "sentiment/model/initial_weights.hpp"
#include "io/config_file.hpp"
#include "sentiment/model/review_pass.hpp"
#include "sentiment/model/seeded_random.hpp"
#include "sentiment/model/trainer.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace hardmax::sentiment {
namespace {

// Reviews over words 1 .. vocabulary - 1 with lengths in [min_length, max_length], padded with 0.
// Small vocabularies make words repeat inside a review, which exercises the multiplicities.
std::vector<encoded_review> random_reviews(std::size_t count, int vocabulary, int min_length, int max_length,
                                           std::uint64_t seed) {
  std::mt19937_64 g = seeded_generator(seed, 1234);
  std::vector<encoded_review> out(count);
  for (auto& r : out) {
    r.ids.fill(0);
    const int length = min_length + static_cast<int>(below(g, static_cast<std::uint64_t>(max_length - min_length + 1)));
    for (int i = 0; i < length; ++i)
      r.ids[static_cast<std::size_t>(i)] = 1 + static_cast<std::int32_t>(below(g, static_cast<std::uint64_t>(vocabulary - 1)));
    r.label = static_cast<int>(below(g, 2));
  }
  return out;
}

// The model exactly as THEORY.md writes it, on all 128 positions with dense matrices: an
// independent check of the distinct-token and zero-weight shortcuts of review_pass.
double reference_logit(const classifier& m, const encoded_review& r) {
  row_matrix Z = initial_tokens(m, r);
  const double a = m.alpha();
  for (int k = 0; k < m.layers; ++k) {
    row_matrix S = Z * Z.transpose() / m.temperature;
    for (Eigen::Index i = 0; i < S.rows(); ++i) {
      S.row(i).array() -= S.row(i).maxCoeff();
      S.row(i) = S.row(i).array().exp().matrix();
      S.row(i) /= S.row(i).sum();
    }
    const row_matrix Y = S * Z;
    Z = (Z + a * Y) / (1 + a);
  }
  const Eigen::RowVectorXd mean = Z.colwise().mean();
  return mean.dot(m.decoder_weight.transpose()) + m.decoder_bias;
}

double mean_loss(const classifier& m, const std::vector<encoded_review>& reviews, loss_form form = loss_form::logit) {
  return evaluate(m, reviews, 1, form).mean_loss;
}

// Largest |finite difference - analytic| over a parameter group, relative to the group's largest
// analytic component (components near zero are judged on the group's scale, not their own).
struct group_error {
  double max_abs_error = 0;
  double scale = 0;
  double relative() const { return scale > 0 ? max_abs_error / scale : max_abs_error; }
};

// Fourth-order central difference of the mean loss in parameter `p`,
// (8 (f(p + h) - f(p - h)) - (f(p + 2h) - f(p - 2h))) / 12h: truncation error O(h^4 f^(5)),
// rounding error O(eps f / h). h = 3e-5 (relative to the parameter's size) balances the two at these
// temperatures: at 1e-4 truncation dominates at tau = 0.1 (errors up to 1e-8, scaling as h^4), at
// 1e-5 rounding does.
template <class Loss>
double central_difference(double& p, const Loss& loss) {
  const double saved = p;
  const double h = 3e-5 * std::max(1.0, std::abs(saved));
  auto at = [&](double x) {
    p = x;
    return loss();
  };
  // Differences first, so that a loss that does not depend on p gives exactly 0.
  const double near = at(saved + h) - at(saved - h), far = at(saved + 2 * h) - at(saved - 2 * h);
  const double value = (8 * near - far) / (12 * h);
  p = saved;
  return value;
}

struct gradient_check {
  group_error embedding, theta, decoder_weight, decoder_bias;
  bool unused_rows_exactly_zero = true;
};

// The paper's choices (issue 15) change the gradient in three places: the padding row is a parameter,
// d alpha / d theta is 1, and the loss is PyTorch's BCELoss on the sigmoid.
struct model_choices {
  padding_mode padding = padding_mode::zero;
  alpha_parametrisation alpha = alpha_parametrisation::exp;
  loss_form loss = loss_form::logit;
};

gradient_check check_gradients(int dimension, double tau, std::uint64_t seed, const model_choices& choices = {}) {
  constexpr int vocabulary = 12;
  classifier m = make_classifier({vocabulary, dimension, 8, tau, choices.padding, choices.alpha}, seed);
  // Word 11 is never used: its gradient must be exactly zero, analytically and numerically.
  // Short reviews (mostly padding, repeated words) and one without any padding.
  std::vector<encoded_review> reviews = random_reviews(4, vocabulary - 1, 3, 9, seed);
  reviews.push_back(random_reviews(1, vocabulary - 1, sequence_length, sequence_length, seed + 100).front());
  const loss_and_gradient analytic = mean_loss_gradient(m, reviews, 1, 8, choices.loss);
  const parameter_gradient& g = analytic.gradient;
  auto loss = [&] { return mean_loss(m, reviews, choices.loss); };
  auto record = [](group_error& e, double numeric, double exact) {
    e.max_abs_error = std::max(e.max_abs_error, std::abs(numeric - exact));
    e.scale = std::max(e.scale, std::abs(exact));
  };
  gradient_check out;
  for (int row = m.learns_padding() ? 0 : 1; row < vocabulary; ++row)
    for (int c = 0; c < dimension; ++c) {
      const double numeric = central_difference(m.embedding(row, c), loss);
      record(out.embedding, numeric, g.embedding(row, c));
      if (row == vocabulary - 1) out.unused_rows_exactly_zero = out.unused_rows_exactly_zero && numeric == 0 && g.embedding(row, c) == 0;
    }
  record(out.theta, central_difference(m.theta, loss), g.theta);
  for (int c = 0; c < dimension; ++c) record(out.decoder_weight, central_difference(m.decoder_weight(c), loss), g.decoder_weight(c));
  record(out.decoder_bias, central_difference(m.decoder_bias, loss), g.decoder_bias);
  return out;
}

// Every group non-trivial and within 1e-8 of the finite differences; an unused word's row exactly zero.
void check_accuracy(const gradient_check& r) {
  CHECK(r.embedding.scale > 0);
  CHECK(r.theta.scale > 0);
  CHECK(r.embedding.relative() < 1e-8);
  CHECK(r.theta.relative() < 1e-8);
  CHECK(r.decoder_weight.relative() < 1e-8);
  CHECK(r.decoder_bias.relative() < 1e-8);
  CHECK(r.unused_rows_exactly_zero);
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

template <class Matrix>
bool same_bits(const Matrix& a, const Matrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::memcmp(a.data(), b.data(), static_cast<std::size_t>(a.size()) * sizeof(double)) == 0;
}

bool same_model(const classifier& a, const classifier& b) {
  return same_bits(a.embedding, b.embedding) && same_bits(a.theta, b.theta) && same_bits(a.decoder_weight, b.decoder_weight) &&
         same_bits(a.decoder_bias, b.decoder_bias) && a.layers == b.layers && same_bits(a.temperature, b.temperature);
}

bool same_adam(const adam_state& a, const adam_state& b) {
  return a.steps == b.steps && same_bits(a.embedding_m, b.embedding_m) && same_bits(a.embedding_v, b.embedding_v) &&
         same_bits(a.theta_m, b.theta_m) && same_bits(a.theta_v, b.theta_v) &&
         same_bits(a.decoder_weight_m, b.decoder_weight_m) && same_bits(a.decoder_weight_v, b.decoder_weight_v) &&
         same_bits(a.decoder_bias_m, b.decoder_bias_m) && same_bits(a.decoder_bias_v, b.decoder_bias_v) &&
         same_bits(a.options.learning_rate, b.options.learning_rate) && same_bits(a.options.beta1, b.options.beta1) &&
         same_bits(a.options.beta2, b.options.beta2) && same_bits(a.options.epsilon, b.options.epsilon);
}

std::filesystem::path scratch_file(const std::string& name) {
  return std::filesystem::temp_directory_path() / ("hardmax-sentiment-" + std::to_string(::getpid()) + "-" + name);
}

}  // namespace

TEST_CASE("initialisation is reproducible from the seed and follows PyTorch's defaults") {
  const classifier a = make_classifier({500, 4, 8, 1e-3}, 42);
  const classifier b = make_classifier({500, 4, 8, 1e-3}, 42);
  const classifier c = make_classifier({500, 4, 8, 1e-3}, 43);
  CHECK(same_model(a, b));
  CHECK_FALSE(same_bits(a.embedding, c.embedding));
  CHECK(a.embedding.row(0).isZero(0));
  CHECK(a.alpha() > 0);
  CHECK(a.alpha() < 1);
  CHECK(a.decoder_weight.cwiseAbs().maxCoeff() < 0.5);  // 1 / sqrt(4)
  CHECK(std::abs(a.decoder_bias) < 0.5);
  // N(0, 1) entries: mean and variance over 1996 draws within a few standard errors.
  const Eigen::ArrayXd e = a.embedding.bottomRows(499).reshaped().array();
  CHECK(std::abs(e.mean()) < 0.1);
  CHECK(std::abs((e - e.mean()).square().mean() - 1) < 0.15);
}

TEST_CASE("the forward pass equals the plain 128-token model") {
  for (const int d : {2, 3, 8}) {
    for (const double tau : {1.0, 0.1, 1e-3}) {
      const classifier m = make_classifier({15, d, 8, tau}, 5);
      const std::vector<encoded_review> reviews = random_reviews(6, 15, 1, 128, 9);
      review_pass pass;
      for (const auto& r : reviews) {
        const double fast = pass.logit(m, r);
        const double plain = reference_logit(m, r);
        CAPTURE(d);
        CAPTURE(tau);
        // With tau = 0.001 a score rounding difference of 1 ulp is magnified a thousand times in
        // the exponent, so the two summation orders agree less closely there.
        CHECK(std::abs(fast - plain) <= (tau < 0.01 ? 1e-9 : 1e-12) * std::max(1.0, std::abs(plain)));
      }
    }
  }
}

TEST_CASE("gradients match central finite differences for every parameter group") {
  // Errors are relative to each group's largest analytic component; observed values are printed
  // with -s (at most 1.3e-9 here). A wrong term in the backward pass gives errors of order 1.
  for (const int d : {2, 3}) {
    for (const double tau : {0.5, 0.1}) {
      for (const std::uint64_t seed : {1u, 2u, 3u}) {
        const gradient_check r = check_gradients(d, tau, seed);
        CAPTURE(d);
        CAPTURE(tau);
        CAPTURE(seed);
        MESSAGE("d=" << d << " tau=" << tau << " seed=" << seed << "  embedding " << r.embedding.relative() << " (scale "
                     << r.embedding.scale << ")  theta " << r.theta.relative() << " (scale " << r.theta.scale << ")  w "
                     << r.decoder_weight.relative() << "  b " << r.decoder_bias.relative());
        check_accuracy(r);
      }
    }
  }
}

TEST_CASE("gradients match finite differences with the paper's choices: learnt padding, raw alpha, BCE on the sigmoid") {
  const model_choices paper{padding_mode::learnt, alpha_parametrisation::raw, loss_form::probability};
  for (const model_choices& c : {paper, model_choices{padding_mode::learnt}, model_choices{.alpha = alpha_parametrisation::raw},
                                 model_choices{.loss = loss_form::probability}}) {
    for (const std::uint64_t seed : {1u, 2u}) {
      const gradient_check r = check_gradients(2, 0.2, seed, c);
      CAPTURE(name_of(c.padding));
      CAPTURE(name_of(c.alpha));
      CAPTURE(name_of(c.loss));
      CAPTURE(seed);
      check_accuracy(r);
    }
  }
}

TEST_CASE("a learnt padding row starts N(0, 1), enters the forward pass and is trained") {
  const classifier_shape shape{30, 2, 8, 1e-3, padding_mode::learnt};
  classifier m = make_classifier(shape, 3);
  CHECK_FALSE(m.embedding.row(0).isZero(0));
  // The same draws as the zero-padding model but for row 0.
  const classifier zero = make_classifier({30, 2, 8, 1e-3}, 3);
  CHECK(same_bits(Eigen::MatrixXd(m.embedding.bottomRows(29)), Eigen::MatrixXd(zero.embedding.bottomRows(29))));
  const std::vector<encoded_review> data = random_reviews(100, 30, 2, 40, 4);
  review_pass pass;
  CHECK(std::abs(pass.logit(m, data[0]) - reference_logit(m, data[0])) <= 1e-9 * std::max(1.0, std::abs(reference_logit(m, data[0]))));
  CHECK(pass.logit(m, data[0]) != pass.logit(zero, data[0]));
  const loss_and_gradient g = mean_loss_gradient(m, data);
  CHECK_FALSE(g.gradient.embedding.row(0).isZero(0));
  const Eigen::RowVectorXd start = m.embedding.row(0);
  adam_state adam = make_adam_state(m);
  train_epoch(m, adam, data, training_options{.batch_size = 16}, 0, 2);
  CHECK_FALSE(m.embedding.row(0).isApprox(start));
}

TEST_CASE("a raw alpha is trained as it is and an epoch reports when it is not positive") {
  classifier m = make_classifier({30, 2, 8, 1e-3, padding_mode::zero, alpha_parametrisation::raw}, 3);
  CHECK(same_bits(m.alpha(), m.theta));
  CHECK(m.alpha() > 0);
  CHECK(m.alpha() < 1);
  CHECK(m.alpha_derivative() == 1);
  const std::vector<encoded_review> data = random_reviews(64, 30, 2, 40, 4);
  adam_state adam = make_adam_state(m);
  epoch_result r = train_epoch(m, adam, data, training_options{.batch_size = 16}, 0, 1);
  CHECK(r.nonpositive_alpha_steps == 0);
  CHECK(r.first_nonpositive_batch == 0);
  CHECK(r.smallest_alpha > 0);
  // alpha in (-1, 0): the layer extrapolates away from what a token attends to; the model is still
  // defined (and finite), but it is not THEORY.md's M4, and every step is reported.
  m.theta = -0.5;
  r = train_epoch(m, adam, data, training_options{.batch_size = 16}, 1, 1);
  CHECK(r.nonpositive_alpha_steps == r.batches);
  CHECK(r.first_nonpositive_batch == 1);
  CHECK(r.smallest_alpha <= -0.49);
  for (const double logit : predict_logits(m, data, 1)) CHECK(std::isfinite(logit));
}

TEST_CASE("the probability loss is PyTorch's BCELoss: equal to the logit form where the sigmoid is not saturated") {
  for (const double logit : {-3.0, -0.5, 0.0, 0.7, 4.0})
    for (const int label : {0, 1}) {
      CAPTURE(logit);
      CAPTURE(label);
      CHECK(review_loss(logit, label, loss_form::probability) ==
            doctest::Approx(review_loss(logit, label, loss_form::logit)).epsilon(1e-9));
      CHECK(loss_slope(logit, label, loss_form::probability) ==
            doctest::Approx(loss_slope(logit, label, loss_form::logit)).epsilon(1e-9));
    }
  // Far out, 1 - sigmoid(l) cancels: at |l| = 25 about 11 of its digits are lost (e^25 ulp), as in
  // PyTorch; the loss of the wrong side is still right to about 1e-5.
  CHECK(review_loss(25, 0, loss_form::probability) == doctest::Approx(review_loss(25, 0, loss_form::logit)).epsilon(1e-4));
  CHECK(review_loss(25, 0, loss_form::probability) != review_loss(25, 0, loss_form::logit));
  CHECK(review_loss(-25, 1, loss_form::probability) == doctest::Approx(review_loss(-25, 1, loss_form::logit)).epsilon(1e-4));
  // Saturated (sigmoid(800) is exactly 1 in double): the log is clamped at -100 and the slope is 0,
  // so a confidently wrong review stops contributing a gradient; the logit form keeps both.
  CHECK(review_loss(800, 0, loss_form::probability) == 100);
  CHECK(loss_slope(800, 0, loss_form::probability) == 0);
  CHECK(review_loss(800, 0, loss_form::logit) == doctest::Approx(800));
  CHECK(loss_slope(800, 0, loss_form::logit) == 1);
  CHECK(review_loss(-800, 1, loss_form::probability) == 100);
  CHECK(loss_slope(-800, 1, loss_form::probability) == 0);
  CHECK(parse_loss_form(name_of(loss_form::probability)) == loss_form::probability);
  CHECK_THROWS_AS(parse_loss_form("hinge"), std::invalid_argument);
}

TEST_CASE("the paper's accuracy is the mean of per-batch accuracies over a seeded order") {
  const std::vector<encoded_review> data = random_reviews(3, 10, 2, 5, 1);
  std::vector<double> logits;
  for (const auto& r : data) logits.push_back(r.label == 1 ? 1.0 : -1.0);
  logits[0] = -logits[0];  // one wrong answer out of three
  CHECK(score_logits(logits, data).accuracy == doctest::Approx(2.0 / 3));
  // One batch of all three: the plain accuracy. Batches of 2 and 1: the wrong review sits in the
  // pair (mean of 1/2 and 1) or alone (mean of 1 and 0), never 2/3.
  CHECK(batch_mean_accuracy(logits, data, 3, 7, 0) == doctest::Approx(2.0 / 3));
  for (int epoch = 0; epoch < 6; ++epoch) {
    const double a = batch_mean_accuracy(logits, data, 2, 7, epoch);
    CHECK((a == doctest::Approx(0.75) || a == doctest::Approx(0.5)));
    CHECK(a == batch_mean_accuracy(logits, data, 2, 7, epoch));
  }
  CHECK_THROWS_AS(batch_mean_accuracy(logits, data, 0, 7, 0), std::invalid_argument);
}

TEST_CASE("the padding row stays exactly zero through training") {
  classifier m = make_classifier({30, 2, 8, 1e-3}, 3);
  adam_state adam = make_adam_state(m);
  const std::vector<encoded_review> data = random_reviews(100, 30, 2, 40, 4);
  const loss_and_gradient g = mean_loss_gradient(m, data);
  CHECK(g.gradient.embedding.row(0).isZero(0));
  for (int e = 0; e < 3; ++e) train_epoch(m, adam, data, training_options{.batch_size = 16}, e, 2);
  CHECK(m.embedding.row(0).isZero(0));
  CHECK(adam.embedding_m.row(0).isZero(0));
  CHECK(adam.embedding_v.row(0).isZero(0));
  CHECK_FALSE(m.embedding.row(1).isApprox(make_classifier({30, 2, 8, 1e-3}, 3).embedding.row(1)));
}

TEST_CASE("alpha stays positive under a huge gradient pushing it down") {
  classifier m = make_classifier({12, 2, 8, 1e-3}, 8);
  adam_state adam = make_adam_state(m);
  parameter_gradient g(m);
  g.theta = 1e12;  // d loss / d theta: every step lowers theta by about the learning rate
  const double start = m.theta;
  // 20,000 Adam steps move a parameter by about 20; alpha itself (in (0, 1) initially) would have
  // gone negative long before, theta = log alpha cannot make alpha negative.
  for (int step = 0; step < 20000; ++step) adam_step(m, adam, g);
  CHECK(m.theta < start - 15);
  CHECK(m.alpha() > 0);
  const std::vector<encoded_review> data = random_reviews(3, 12, 2, 10, 1);
  for (const double logit : predict_logits(m, data, 1)) CHECK(std::isfinite(logit));
}

TEST_CASE("gradient clipping caps the global norm at 5 and keeps the direction") {
  classifier m = make_classifier({20, 3, 8, 1e-3}, 1);
  parameter_gradient g(m);
  const std::vector<encoded_review> data = random_reviews(4, 20, 3, 10, 2);
  gradient_sum sum;
  sum.reset(3);
  review_pass pass;
  for (const auto& r : data) pass.accumulate(m, r, sum);
  g.add(sum);
  g.theta += 30;
  g.decoder_weight(1) -= 40;
  g.scale(10);
  const parameter_gradient before = g;
  const double norm = clip_gradient_norm(g, 5);
  CHECK(norm > 5);
  CHECK(g.norm() <= 5);
  CHECK(g.norm() == doctest::Approx(5 * norm / (norm + 1e-6)).epsilon(1e-12));  // PyTorch's factor 5 / (norm + 1e-6)
  CHECK(g.theta / before.theta == doctest::Approx(5 / norm).epsilon(1e-6));
  for (const std::int32_t r : before.touched_rows())
    CHECK((g.embedding.row(r) - before.embedding.row(r) * (g.theta / before.theta)).norm() <= 1e-12 * before.embedding.row(r).norm());

  g.scale(0.1);  // norm 0.5: left alone
  const parameter_gradient small = g;
  clip_gradient_norm(g, 5);
  CHECK(same_bits(g.embedding, small.embedding));
  CHECK(same_bits(g.theta, small.theta));
}

TEST_CASE("training on a separable synthetic task lowers the loss") {
  // Words 1-4 appear only in positive reviews, 5-8 only in negative ones, 9-29 in both.
  std::mt19937_64 g = seeded_generator(5, 77);
  std::vector<encoded_review> data(256);
  for (auto& r : data) {
    r.ids.fill(0);
    r.label = static_cast<int>(below(g, 2));
    const int length = 10 + static_cast<int>(below(g, 30));
    for (int i = 0; i < length; ++i) {
      const bool sentiment_word = below(g, 4) == 0;
      r.ids[static_cast<std::size_t>(i)] =
          sentiment_word ? (r.label == 1 ? 1 : 5) + static_cast<std::int32_t>(below(g, 4)) : 9 + static_cast<std::int32_t>(below(g, 21));
    }
  }
  classifier m = make_classifier({30, 2, 8, 1e-3}, 12);
  adam_state adam = make_adam_state(m, adam_options{.learning_rate = 1e-2});
  const evaluation before = evaluate(m, data, 2);
  std::vector<double> losses;
  for (int e = 0; e < 15; ++e) losses.push_back(train_epoch(m, adam, data, training_options{.batch_size = 32, .seed = 3}, e, 2).mean_loss);
  const evaluation after = evaluate(m, data, 2);
  MESSAGE("loss " << before.mean_loss << " -> " << after.mean_loss << ", accuracy " << before.accuracy << " -> " << after.accuracy);
  CHECK(after.mean_loss < 0.5 * before.mean_loss);
  CHECK(after.accuracy > 0.9);
  CHECK(losses.back() < losses.front());
}

TEST_CASE("an epoch is bit-identical for 1, 2 and 3 threads") {
  const std::vector<encoded_review> data = random_reviews(300, 200, 5, 128, 6);
  std::vector<classifier> models;
  std::vector<adam_state> states;
  std::vector<epoch_result> results;
  for (const unsigned threads : {1u, 2u, 3u}) {
    classifier m = make_classifier({200, 2, 8, 1e-3}, 21);
    adam_state adam = make_adam_state(m);
    epoch_result r;
    for (int e = 0; e < 2; ++e) r = train_epoch(m, adam, data, training_options{.seed = 9}, e, threads);
    models.push_back(m);
    states.push_back(adam);
    results.push_back(r);
  }
  for (std::size_t t = 1; t < models.size(); ++t) {
    CHECK(same_model(models[0], models[t]));
    CHECK(same_adam(states[0], states[t]));
    CHECK(same_bits(results[0].mean_loss, results[t].mean_loss));
    CHECK(results[0].accuracy == results[t].accuracy);
  }
  CHECK(evaluate(models[0], data, 1).mean_loss == evaluate(models[0], data, 2).mean_loss);
}

TEST_CASE("a different shuffle seed gives a different epoch, the same seed the same") {
  const std::vector<encoded_review> data = random_reviews(130, 50, 5, 60, 6);
  auto run = [&](std::uint64_t seed) {
    classifier m = make_classifier({50, 2, 8, 1e-3}, 2);
    adam_state adam = make_adam_state(m);
    train_epoch(m, adam, data, training_options{.seed = seed}, 0, 1);
    return m;
  };
  CHECK(same_model(run(4), run(4)));
  CHECK_FALSE(same_model(run(4), run(5)));
}

TEST_CASE("a checkpoint round-trips every double and resuming equals the uninterrupted run") {
  const std::vector<encoded_review> data = random_reviews(200, 80, 5, 128, 7);
  const training_options options{.batch_size = 32, .chunks_per_batch = 4, .clip_norm = 5, .seed = 123};

  training_checkpoint straight{make_classifier({80, 3, 8, 1e-3}, 31), {}, options, 0};
  straight.adam = make_adam_state(straight.model);
  for (int e = 0; e < 3; ++e) train_epoch(straight.model, straight.adam, data, options, e, 2);

  training_checkpoint first{make_classifier({80, 3, 8, 1e-3}, 31), {}, options, 0};
  first.adam = make_adam_state(first.model);
  for (int e = 0; e < 2; ++e) train_epoch(first.model, first.adam, data, options, e, 1);
  first.epochs_completed = 2;
  const std::filesystem::path path = scratch_file("checkpoint.bin");
  save_checkpoint(path, first);
  training_checkpoint resumed = load_checkpoint(path);
  CHECK(same_model(resumed.model, first.model));
  CHECK(same_adam(resumed.adam, first.adam));
  CHECK(resumed.epochs_completed == 2);
  CHECK(resumed.options.seed == options.seed);
  CHECK(resumed.options.batch_size == options.batch_size);
  CHECK(resumed.options.chunks_per_batch == options.chunks_per_batch);
  CHECK(same_bits(resumed.options.clip_norm, options.clip_norm));
  for (int e = resumed.epochs_completed; e < 3; ++e)
    train_epoch(resumed.model, resumed.adam, data, resumed.options, e, 2);
  CHECK(same_model(resumed.model, straight.model));
  CHECK(same_adam(resumed.adam, straight.adam));
  std::filesystem::remove(path);
}

TEST_CASE("a checkpoint keeps the paper's choices, and a version-1 checkpoint loads with the original ones") {
  training_options options{.seed = 5};
  options.loss = loss_form::probability;
  training_checkpoint c{make_classifier({40, 2, 8, 1e-3, padding_mode::learnt, alpha_parametrisation::raw}, 4), {}, options, 1};
  c.adam = make_adam_state(c.model);
  const std::filesystem::path path = scratch_file("choices.bin");
  save_checkpoint(path, c);
  const training_checkpoint back = load_checkpoint(path);
  CHECK(back.model.padding == padding_mode::learnt);
  CHECK(back.model.alpha_form == alpha_parametrisation::raw);
  CHECK(back.options.loss == loss_form::probability);
  CHECK(same_model(back.model, c.model));

  // The same file as version 1 wrote it: no choice fields in the header.
  training_checkpoint plain{make_classifier({40, 2, 8, 1e-3}, 4), {}, {}, 1};
  plain.adam = make_adam_state(plain.model);
  save_checkpoint(path, plain);
  std::ifstream in(path, std::ios::binary);
  std::string magic, header, rest((std::istreambuf_iterator<char>(in)), {});
  std::istringstream lines(rest);
  std::getline(lines, magic);
  std::getline(lines, header);
  const std::string values = rest.substr(magic.size() + header.size() + 2);
  nlohmann::json h = nlohmann::json::parse(header);
  h["format_version"] = 1;
  h.erase("padding");
  h.erase("alpha");
  h.erase("loss");
  std::ofstream(path, std::ios::binary) << magic << '\n' << h.dump() << '\n' << values;
  const training_checkpoint old = load_checkpoint(path);
  CHECK(old.model.padding == padding_mode::zero);
  CHECK(old.model.alpha_form == alpha_parametrisation::exp);
  CHECK(old.options.loss == loss_form::logit);
  CHECK(same_model(old.model, plain.model));
  h["format_version"] = 3;
  std::ofstream(path, std::ios::binary) << magic << '\n' << h.dump() << '\n' << values;
  CHECK_THROWS_WITH_AS(load_checkpoint(path), doctest::Contains("format 3"), checkpoint_error);
  std::filesystem::remove(path);
}

// A float64 .npy file as numpy.save writes it.
void write_f8(const std::filesystem::path& file, const std::vector<double>& values, const std::string& shape) {
  std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + shape + "), }";
  header.append((64 - (10 + header.size() + 1) % 64) % 64, ' ');
  header.push_back('\n');
  std::ofstream out(file, std::ios::binary);
  out.write("\x93NUMPY\x01\x00", 8);
  const char length[2] = {static_cast<char>(header.size() & 0xff), static_cast<char>(header.size() >> 8)};
  out.write(length, 2);
  out << header;
  out.write(reinterpret_cast<const char*>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(double)));
}

TEST_CASE("initial weights from .npy files replace the seed's draws; wrong sizes and values are refused naming the file") {
  const std::filesystem::path dir = scratch_file("init");
  std::filesystem::create_directories(dir);
  std::vector<double> embedding(5 * 2);
  for (std::size_t k = 0; k < embedding.size(); ++k) embedding[k] = 0.25 * static_cast<double>(k) - 1;
  write_f8(dir / "embedding.npy", embedding, "5, 2");
  write_f8(dir / "alpha.npy", {0.375}, "1,");
  write_f8(dir / "decoder_weight.npy", {0.5, -2}, "2,");
  write_f8(dir / "decoder_bias.npy", {0.125}, "1,");
  classifier m = make_classifier({5, 2, 8, 1e-3, padding_mode::learnt, alpha_parametrisation::raw}, 1);
  load_initial_weights(m, dir);
  CHECK(m.embedding(0, 0) == -1);
  CHECK(m.embedding(4, 1) == 1.25);
  CHECK(m.alpha() == 0.375);
  CHECK(m.theta == 0.375);
  CHECK(m.decoder_weight(1) == -2);
  CHECK(m.decoder_bias == 0.125);
  classifier e = make_classifier({5, 2, 8, 1e-3, padding_mode::learnt, alpha_parametrisation::exp}, 1);
  load_initial_weights(e, dir);
  CHECK(e.alpha() == doctest::Approx(0.375).epsilon(1e-15));
  // A zero padding must stay zero; row 0 here is (-1, -0.75).
  classifier z = make_classifier({5, 2, 8, 1e-3}, 1);
  CHECK_THROWS_WITH_AS(load_initial_weights(z, dir), doctest::Contains("embedding.npy"), input_error);
  classifier wrong = make_classifier({6, 2, 8, 1e-3, padding_mode::learnt, alpha_parametrisation::raw}, 1);
  CHECK_THROWS_WITH_AS(load_initial_weights(wrong, dir), doctest::Contains("10 values, expected 12"), input_error);
  write_f8(dir / "alpha.npy", {-0.5}, "1,");
  CHECK_THROWS_WITH_AS(load_initial_weights(e, dir), doctest::Contains("alpha.npy"), input_error);
  std::ofstream(dir / "decoder_bias.npy") << "not numpy";
  CHECK_THROWS_WITH_AS(load_initial_weights(m, dir), doctest::Contains("decoder_bias.npy"), input_error);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a damaged checkpoint is refused with a message naming the file") {
  training_checkpoint c{make_classifier({10, 2, 8, 1e-3}, 1), {}, {}, 0};
  c.adam = make_adam_state(c.model);
  const std::filesystem::path path = scratch_file("damaged.bin");
  save_checkpoint(path, c);
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 8);
  const std::string name = path.string();
  CHECK_THROWS_WITH_AS(load_checkpoint(path), doctest::Contains(name.c_str()), checkpoint_error);
  std::filesystem::remove(path);
  CHECK_THROWS_AS(load_checkpoint(path), checkpoint_error);
}

TEST_CASE("word ids outside the vocabulary and labels other than 0 and 1 are refused") {
  const classifier m = make_classifier({10, 2, 8, 1e-3}, 1);
  encoded_review r{};
  r.ids.fill(0);
  r.label = 1;
  r.ids[3] = 10;
  review_pass pass;
  CHECK_THROWS_AS(pass.logit(m, r), std::out_of_range);
  r.ids[3] = -1;
  CHECK_THROWS_AS(pass.logit(m, r), std::out_of_range);
  r.ids[3] = 9;
  r.label = 2;
  gradient_sum sum;
  sum.reset(2);
  CHECK_THROWS_AS(pass.accumulate(m, r, sum), std::invalid_argument);
}

TEST_CASE("diverged parameters are reported, not turned into a silent zero") {
  classifier m = make_classifier({10, 2, 8, 1e-3}, 1);
  m.embedding(4, 1) = std::nan("");
  encoded_review r{};
  r.ids.fill(0);
  r.ids[0] = 4;
  r.ids[1] = 5;
  r.label = 0;
  review_pass pass;
  CHECK_THROWS_AS(pass.logit(m, r), std::domain_error);
}

TEST_CASE("the loss is computed stably from the logit") {
  CHECK(logit_loss(0, 1) == doctest::Approx(std::log(2.0)));
  CHECK(logit_loss(800, 1) == 0);
  CHECK(logit_loss(-800, 1) == doctest::Approx(800));
  CHECK(logit_loss(800, 0) == doctest::Approx(800));
  CHECK(sigmoid(-800) >= 0);
  CHECK(sigmoid(800) == 1);
}

}  // namespace hardmax::sentiment
