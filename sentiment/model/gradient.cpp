#include "sentiment/model/gradient.hpp"

#include <cmath>
#include <stdexcept>

namespace hardmax::sentiment {

void gradient_sum::reset(int d) {
  dimension = d;
  theta = 0;
  decoder_weight.setZero(d);
  decoder_bias = 0;
  rows.clear();
  row_values.clear();
  loss = 0;
  correct = 0;
  reviews = 0;
}

parameter_gradient::parameter_gradient(const classifier& model)
    : embedding(row_matrix::Zero(model.vocabulary_size(), model.dimension())),
      decoder_weight(Eigen::VectorXd::Zero(model.dimension())),
      touched_(static_cast<std::size_t>(model.vocabulary_size()), 0) {}

void parameter_gradient::clear() {
  for (const std::int32_t r : touched_rows_) {
    embedding.row(r).setZero();
    touched_[static_cast<std::size_t>(r)] = 0;
  }
  touched_rows_.clear();
  theta = 0;
  decoder_weight.setZero();
  decoder_bias = 0;
}

void parameter_gradient::add(const gradient_sum& sum) {
  const Eigen::Index d = embedding.cols();
  if (sum.dimension != d) throw std::invalid_argument("gradient of a classifier of another dimension");
  theta += sum.theta;
  decoder_weight += sum.decoder_weight;
  decoder_bias += sum.decoder_bias;
  const double* values = sum.row_values.data();
  for (const std::int32_t r : sum.rows) {
    auto& flag = touched_[static_cast<std::size_t>(r)];
    if (!flag) {
      flag = 1;
      touched_rows_.push_back(r);
    }
    double* row = embedding.row(r).data();
    for (Eigen::Index c = 0; c < d; ++c) row[c] += values[c];
    values += d;
  }
}

void parameter_gradient::scale(double factor) {
  theta *= factor;
  decoder_weight *= factor;
  decoder_bias *= factor;
  for (const std::int32_t r : touched_rows_) embedding.row(r) *= factor;
}

double parameter_gradient::norm() const {
  double sq = theta * theta + decoder_weight.squaredNorm() + decoder_bias * decoder_bias;
  for (const std::int32_t r : touched_rows_) sq += embedding.row(r).squaredNorm();
  return std::sqrt(sq);
}

double clip_gradient_norm(parameter_gradient& gradient, double max_norm) {
  const double norm = gradient.norm();
  const double factor = max_norm / (norm + 1e-6);
  if (factor < 1) gradient.scale(factor);
  return norm;
}

}  // namespace hardmax::sentiment
